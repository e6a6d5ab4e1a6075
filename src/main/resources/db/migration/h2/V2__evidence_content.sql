-- Evidence bytes stored in the database (the default EvidenceContentStore).
CREATE TABLE evidence_content (
    evidence_id VARCHAR(64) PRIMARY KEY REFERENCES evidence (evidence_id) ON DELETE CASCADE,
    content     BLOB NOT NULL
);
