-- A round of the webhook dispatcher (WebhookDeliveries.claimDue) reads an endpoint's due deliveries from the longest
-- due and stops once the round is full. Before, it walked the pending ones in event order past every one not due, and
-- PostgreSQL, planning from statistics taken while few were pending, could read them all through ix_delivery_due and
-- sort them: a round cost in proportion to the backlog. A delivery is now never due before the earlier one of its
-- dispute that it waits for, so the due ones are what a round and the look for due endpoints read, through this index.
CREATE INDEX ix_delivery_pending_due ON webhook_delivery (endpoint_id, next_attempt_at, event_seq) WHERE state = 'PENDING';
DROP INDEX ix_delivery_pending_next;
DROP INDEX ix_delivery_due;

-- A round holds its deliveries locked from the moment it chooses them until it marks them claimed, and reads them
-- back by their ids: no token is needed to tell its deliveries from another node's.
DROP INDEX ix_delivery_claim;
ALTER TABLE webhook_delivery DROP COLUMN claim_token;
