-- A round reads an endpoint's due deliveries from the longest due, and holds them locked until it marks them claimed
-- (PostgreSQL's V15 says why). H2 has no partial indexes: the state is part of the key.
CREATE INDEX ix_delivery_pending_due ON webhook_delivery (endpoint_id, state, next_attempt_at, event_seq);
DROP INDEX IF EXISTS ix_delivery_pending_next;
DROP INDEX IF EXISTS ix_delivery_due;

DROP INDEX IF EXISTS ix_delivery_claim;
ALTER TABLE webhook_delivery DROP COLUMN claim_token;
