-- The facts the refund rules of WRONG_SHIPPING_METHOD and PAYMENT_ISSUE need: what the shipping method the seller
-- actually used costs, and every charge actually taken for the order.
ALTER TABLE marketplace_order ADD COLUMN shipping_cost_of_method_used NUMERIC(19,4);

CREATE TABLE order_charge (
    order_id   VARCHAR(64)   NOT NULL REFERENCES marketplace_order (order_id) ON DELETE CASCADE,
    charge_no  INT           NOT NULL,
    reference  VARCHAR(128)  NOT NULL,
    amount     NUMERIC(19,4) NOT NULL CHECK (amount > 0),
    PRIMARY KEY (order_id, charge_no)
);
