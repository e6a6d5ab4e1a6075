-- The dispatcher's round (WebhookDeliveries.claimDue) reads an endpoint's pending deliveries in event order and,
-- for each, the oldest pending one of its dispute. Delivered rows (nearly all of them) stay out of these indexes.
CREATE INDEX ix_delivery_pending_next ON webhook_delivery (endpoint_id, event_seq) WHERE state = 'PENDING';
CREATE INDEX ix_delivery_pending_order ON webhook_delivery (endpoint_id, dispute_id, event_seq) WHERE state = 'PENDING';
