-- When an order's delivery counts as confirmed (by the buyer, or when the promised time ran out), kept with the
-- order so that the buyer protection's end is found by an index; and when the marketplace was told it is near.
-- Orders registered before this migration get it when they are registered again.
ALTER TABLE marketplace_order ADD COLUMN delivery_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE marketplace_order ADD COLUMN protection_reminded_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_order_delivery_due ON marketplace_order (delivery_due_at);
