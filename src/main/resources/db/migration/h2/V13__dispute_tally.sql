-- The embedded database holds a demo's disputes: it counts them (PostgreSQL keeps a tally, see its V13). The
-- change table stays empty, so DisputeTally has nothing to fold here.
CREATE TABLE dispute_tally_change (
    status VARCHAR(32) NOT NULL,
    change INTEGER     NOT NULL
);

CREATE VIEW dispute_count (status, disputes) AS
    SELECT status, COUNT(*) FROM dispute GROUP BY status;
