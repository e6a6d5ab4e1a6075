package org.opendispute.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.opendispute.engine.ClusterLock;
import org.opendispute.support.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What keeps several nodes on one PostgreSQL from doing a thing twice: the periodic tasks' turns and start-up's
 * lock, each tried from many threads standing in for nodes.
 */
@PostgresTest
class ClusterCoordinationTest {

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void aPeriodicTaskRunsOncePerPeriodHoweverManyNodesLook() throws Exception {
        String task = "test-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        AtomicInteger runs = new AtomicInteger();
        // Eight nodes look at once, at the same instant
        List<ClusterSchedule> nodes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nodes.add(new ClusterSchedule(jdbc, Clock.fixed(start, ZoneOffset.UTC)));
        }
        assertThat(concurrently(nodes.stream().map(node -> (Runnable) () ->
                node.runIfDue(task, Duration.ofHours(1), runs::incrementAndGet)).toList())).isEmpty();
        assertThat(runs).as("the first look of all").hasValue(1);

        // Half an hour later nothing is due; an hour later one node takes the next turn
        ClusterSchedule later = new ClusterSchedule(jdbc, Clock.fixed(start.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
        assertThat(later.runIfDue(task, Duration.ofHours(1), runs::incrementAndGet)).isFalse();
        List<ClusterSchedule> anHourOn = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            anHourOn.add(new ClusterSchedule(jdbc, Clock.fixed(start.plus(Duration.ofMinutes(61)), ZoneOffset.UTC)));
        }
        assertThat(concurrently(anHourOn.stream().map(node -> (Runnable) () ->
                node.runIfDue(task, Duration.ofHours(1), runs::incrementAndGet)).toList())).isEmpty();
        assertThat(runs).hasValue(2);
    }

    @Test
    void startUpWorkUnderTheClusterLockNeverOverlaps() throws Exception {
        ClusterLock lock = new ClusterLock(dataSource);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Runnable> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(() -> lock.exclusively("test-start-up", () -> {
                mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(50);
                inside.decrementAndGet();
            }));
        }
        assertThat(concurrently(nodes)).isEmpty();
        assertThat(mostAtOnce).as("nodes inside the lock at once").hasValue(1);
    }

    @Test
    void aLockHeldByAConnectionThatDiedIsFreeAgain() throws Exception {
        ClusterLock lock = new ClusterLock(dataSource);
        ClusterLock.Held held = lock.hold("test-dying-node");
        held.close();
        // Taken again at once: given back (by the unlock, or by the closed connection of a killed node)
        AtomicInteger ran = new AtomicInteger();
        assertThat(concurrently(List.of(() -> lock.exclusively("test-dying-node", ran::incrementAndGet)))).isEmpty();
        assertThat(ran).hasValue(1);
    }

    /** Runs each at the same moment in its own thread; answers what they threw. */
    private static List<Throwable> concurrently(List<Runnable> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(work.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> running = work.stream().map(runnable -> threads.submit(() -> {
            start.await();
            runnable.run();
            return null;
        })).toList();
        start.countDown();
        List<Throwable> failures = new ArrayList<>();
        for (Future<Object> future : running) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        threads.shutdown();
        return failures;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
