-- The endpoints with a delivery due are found through ix_delivery_pending_next, as a round is, and a round holds its
-- deliveries locked until it marks them claimed, then reads them back by their ids (PostgreSQL's V15 says why).
DROP INDEX IF EXISTS ix_delivery_due;
DROP INDEX IF EXISTS ix_delivery_claim;
ALTER TABLE webhook_delivery DROP COLUMN claim_token;
