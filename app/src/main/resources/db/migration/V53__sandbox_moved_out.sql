-- The CSP sandbox is an application of its own with its own database (module sandbox). Its tables, created here by
-- V50 and V51 while it lived inside cspflow, leave the production schema.
DROP TABLE IF EXISTS sandbox_request;
DROP TABLE IF EXISTS sandbox_seat_window;
DROP TABLE IF EXISTS sandbox_subscription;
DROP TABLE IF EXISTS sandbox_order_line;
DROP TABLE IF EXISTS sandbox_order;
DROP TABLE IF EXISTS sandbox_cart;
DROP TABLE IF EXISTS sandbox_user;
DROP TABLE IF EXISTS sandbox_agreement;
DROP TABLE IF EXISTS sandbox_customer;
DROP TABLE IF EXISTS sandbox_offer;
