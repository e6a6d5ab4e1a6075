-- A round of the webhook dispatcher (WebhookDeliveries.claimDue) walks an endpoint's pending deliveries in event
-- order through ix_delivery_pending_next and stops once the round is full. Planned from statistics taken while few
-- deliveries were pending, it could read every pending delivery through ix_delivery_due and sort them instead, a
-- cost in proportion to the backlog. The endpoints with a delivery due are now found through
-- ix_delivery_pending_next too; nothing reads this index any more.
DROP INDEX ix_delivery_due;

-- A round now holds its deliveries locked from the moment it chooses them until it marks them claimed, and reads them
-- back by their ids: no token is needed to tell its deliveries from another node's.
DROP INDEX ix_delivery_claim;
ALTER TABLE webhook_delivery DROP COLUMN claim_token;
