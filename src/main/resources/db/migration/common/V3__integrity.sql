-- Who the mediator asked for information: the store, not a process variable, decides who may answer.
ALTER TABLE dispute ADD COLUMN information_from VARCHAR(16);

-- Idempotency keys: a claim holds only for its lease; an action records its outcome in its own transaction,
-- so a retry after a lost answer receives the committed result; Location is replayed with the answer.
ALTER TABLE api_idempotency ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_idempotency ADD COLUMN location VARCHAR(512);
ALTER TABLE api_idempotency ADD COLUMN outcome_status INTEGER;
ALTER TABLE api_idempotency ADD COLUMN outcome_dispute_id VARCHAR(64);
UPDATE api_idempotency SET lease_until = created_at;

-- Upload quotas count a user's uploads of the last day; unattached uploads expire.
CREATE INDEX ix_evidence_uploader ON evidence (uploaded_by, uploaded_at);
CREATE INDEX ix_evidence_unattached ON evidence (dispute_id, uploaded_at);
