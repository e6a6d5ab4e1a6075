-- Staff and integrators list every dispute, newest first (DisputeStore.search without a filter): without this index
-- each page sorted the whole table, 0.25 s with 240,000 disputes.
CREATE INDEX ix_dispute_opened ON dispute (opened_at DESC, dispute_id);
