-- The hourly purge (EventFeed.purgeExpired) deletes expired events; each one's deliveries go with it (ON DELETE
-- CASCADE), looked up by event_seq. No index began with it, so every event purged scanned every delivery.
CREATE INDEX ix_delivery_event ON webhook_delivery (event_seq);

-- The dispatcher's round reads pending deliveries through the partial indexes of V11; this one, of every delivery,
-- served nothing else and cost every insert and update of a delivery.
DROP INDEX ix_delivery_order;
