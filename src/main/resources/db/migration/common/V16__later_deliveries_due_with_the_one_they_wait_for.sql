-- A delivery is never due before the earlier one of its dispute that it waits for (WebhookDeliveries.retryAt and
-- EventOutbox keep it so from now on); this makes it so for what is pending at the upgrade.
UPDATE webhook_delivery SET next_attempt_at = (
        SELECT MAX(earlier.next_attempt_at) FROM webhook_delivery earlier
        WHERE earlier.endpoint_id = webhook_delivery.endpoint_id AND earlier.dispute_id = webhook_delivery.dispute_id
          AND earlier.state = 'PENDING' AND earlier.event_seq < webhook_delivery.event_seq)
WHERE state = 'PENDING' AND next_attempt_at < (
        SELECT MAX(earlier.next_attempt_at) FROM webhook_delivery earlier
        WHERE earlier.endpoint_id = webhook_delivery.endpoint_id AND earlier.dispute_id = webhook_delivery.dispute_id
          AND earlier.state = 'PENDING' AND earlier.event_seq < webhook_delivery.event_seq);
