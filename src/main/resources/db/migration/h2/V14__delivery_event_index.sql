-- The hourly purge (EventFeed.purgeExpired) deletes expired events with their deliveries (ON DELETE CASCADE),
-- looked up by event_seq. H2 keeps ix_delivery_order: its V11 has no partial index to read pending deliveries by.
CREATE INDEX IF NOT EXISTS ix_delivery_event ON webhook_delivery (event_seq);
