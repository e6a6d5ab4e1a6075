-- A list page's total without counting the table (DisputeStore.count): every dispute and every status change
-- adds a row of +1/-1 per status to dispute_tally_change, in the writer's own transaction; DisputeTally folds
-- those rows into dispute_tally every few seconds in one statement. The total is exact at every moment (what is
-- not folded yet is summed with the tally), no writer waits for another (they only insert), and it costs a read
-- of a few dozen rows instead of a scan of every dispute (0.19 s with 330,000 of them).
-- Other nodes' writers wait until this commits, so that no dispute is written between the count below and the
-- trigger that counts the next ones.
LOCK TABLE dispute IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE dispute_tally (
    status   VARCHAR(32) PRIMARY KEY,
    disputes BIGINT      NOT NULL
);

CREATE TABLE dispute_tally_change (
    status VARCHAR(32) NOT NULL,
    change INTEGER     NOT NULL
);

INSERT INTO dispute_tally (status, disputes) SELECT status, COUNT(*) FROM dispute GROUP BY status;

CREATE FUNCTION dispute_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO disputes.dispute_tally_change (status, change) VALUES (OLD.status, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO disputes.dispute_tally_change (status, change) VALUES (NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER dispute_counted AFTER INSERT OR DELETE ON dispute
    FOR EACH ROW EXECUTE FUNCTION dispute_tally_change();
CREATE TRIGGER dispute_status_counted AFTER UPDATE OF status ON dispute
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION dispute_tally_change();

-- What DisputeStore.count reads: the disputes of each status.
CREATE VIEW dispute_count (status, disputes) AS
    SELECT status, SUM(disputes) FROM (
        SELECT status, disputes FROM dispute_tally
        UNION ALL
        SELECT status, change FROM dispute_tally_change) AS counted
    GROUP BY status;
