-- The cluster's periodic tasks (purges, the protection scan): whichever node first finds one due takes its next
-- run, so each runs once per period however many nodes there are (ClusterSchedule).
CREATE TABLE periodic_task (
    name        VARCHAR(64)              PRIMARY KEY,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_by VARCHAR(128)             NOT NULL,
    last_run_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A node claims a round of deliveries in one update, marking them with a token of its own, then reads back the ones
-- it holds (WebhookDeliveries.claimDue).
ALTER TABLE webhook_delivery ADD COLUMN claim_token VARCHAR(40);
CREATE INDEX ix_delivery_claim ON webhook_delivery (claim_token);
