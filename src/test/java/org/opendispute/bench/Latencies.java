package org.opendispute.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Latencies in nanoseconds by bucket ("open", "action"), and their percentiles in milliseconds. */
final class Latencies {

    private final Map<String, List<Long>> buckets = new ConcurrentHashMap<>();

    void record(String bucket, long nanos) {
        buckets.computeIfAbsent(bucket, b -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
    }

    Double percentileMs(String bucket, double percentile) {
        List<Long> values = buckets.get(bucket);
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        return round(percentile(sorted, percentile) / 1_000_000.0);
    }

    static double percentile(List<Long> values, double percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Seconds from one instant to another, to a tenth. */
    static double seconds(Instant from, Instant to) {
        return round(Duration.between(from, to).toMillis() / 1000.0);
    }

    /** One figure over another, to a hundredth. */
    static double ratio(double of, double to) {
        return Math.round(of / to * 100) / 100.0;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
