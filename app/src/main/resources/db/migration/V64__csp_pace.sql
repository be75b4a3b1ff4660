-- The pace toward Partner Center, shared by every node: Microsoft throttles per partner, not per server. A call takes
-- the budget's next free slot (epoch microseconds) under the row's lock and moves it on by the interval, so all
-- nodes together never send faster than the budget, and a node alone gets every slot.
CREATE TABLE csp_pace (
  budget     VARCHAR(64)  PRIMARY KEY,
  next_slot  BIGINT       NOT NULL
);
INSERT INTO csp_pace (budget, next_slot) VALUES ('partner-center', 0);
