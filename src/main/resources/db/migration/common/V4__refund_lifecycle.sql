-- A refund's life: its intent (PENDING) commits before any provider is called, SUBMITTED commits just
-- before the call, the outcome is SUCCEEDED, FAILED (the provider refused) or UNKNOWN (no answer: asked
-- again before anything is re-sent). A refused refund goes back to mediation; the next decision renews the
-- same row as a new attempt, under a new idempotency key.
ALTER TABLE refund ADD COLUMN attempt INT DEFAULT 1 NOT NULL;
ALTER TABLE refund ADD COLUMN failure_reason VARCHAR(500);
UPDATE refund SET state = 'SUCCEEDED' WHERE state = 'ISSUED';

-- The payment a refund goes back to is the one the dispute was opened about: fixed at opening, whatever
-- later snapshots of the order say.
ALTER TABLE dispute ADD COLUMN payment_method VARCHAR(40);
ALTER TABLE dispute ADD COLUMN payment_reference VARCHAR(128);
UPDATE dispute SET payment_method = (SELECT o.payment_method FROM marketplace_order o WHERE o.order_id = dispute.order_id),
                   payment_reference = (SELECT o.payment_reference FROM marketplace_order o WHERE o.order_id = dispute.order_id);
