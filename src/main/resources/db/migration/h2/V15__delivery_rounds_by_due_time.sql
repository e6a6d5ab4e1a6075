-- A round reads an endpoint's due deliveries from the longest due, and holds them locked until it marks them claimed
-- (PostgreSQL's V15 says why). H2 has no partial indexes: the state is part of the key.
CREATE INDEX ix_delivery_pending_due ON webhook_delivery (endpoint_id, state, next_attempt_at, event_seq);
DROP INDEX IF EXISTS ix_delivery_pending_next;
DROP INDEX IF EXISTS ix_delivery_due;

-- Deliveries waiting behind an earlier one of their dispute are due when it is.
UPDATE webhook_delivery SET next_attempt_at = (
        SELECT MAX(earlier.next_attempt_at) FROM webhook_delivery earlier
        WHERE earlier.endpoint_id = webhook_delivery.endpoint_id AND earlier.dispute_id = webhook_delivery.dispute_id
          AND earlier.state = 'PENDING' AND earlier.event_seq < webhook_delivery.event_seq)
WHERE state = 'PENDING' AND next_attempt_at < (
        SELECT MAX(earlier.next_attempt_at) FROM webhook_delivery earlier
        WHERE earlier.endpoint_id = webhook_delivery.endpoint_id AND earlier.dispute_id = webhook_delivery.dispute_id
          AND earlier.state = 'PENDING' AND earlier.event_seq < webhook_delivery.event_seq);

DROP INDEX IF EXISTS ix_delivery_claim;
ALTER TABLE webhook_delivery DROP COLUMN claim_token;
