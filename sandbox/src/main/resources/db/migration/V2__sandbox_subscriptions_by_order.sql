-- Listing the subscriptions of one order (?order_id=) stays cheap however many a customer has.
CREATE INDEX sandbox_subscription_order ON sandbox_subscription (order_id);
