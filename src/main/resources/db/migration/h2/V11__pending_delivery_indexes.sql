-- The dispatcher's round reads an endpoint's pending deliveries in event order (H2 has no partial indexes).
CREATE INDEX ix_delivery_pending_next ON webhook_delivery (endpoint_id, state, event_seq);
