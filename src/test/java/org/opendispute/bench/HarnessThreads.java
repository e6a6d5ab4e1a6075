package org.opendispute.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The benchmark's own threads (its HTTP clients, staff and webhook receiver), which share the JVM and the machine
 * with the server: the CPU they used is the part of the JVM's that is not the application's.
 */
final class HarnessThreads implements ThreadFactory {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The harness's threads still running, with the CPU each had used when last asked. */
    private static final Map<Thread, Long> LIVE = new ConcurrentHashMap<>();
    /** CPU of the harness's threads that have ended, counted as each ended. */
    private static final LongAdder ENDED = new LongAdder();

    private final String name;
    private final AtomicInteger created = new AtomicInteger();

    private HarnessThreads(String name) {
        this.name = name;
    }

    /** Threads named {@code bench-<name>-n} whose CPU counts as the harness's. */
    static ThreadFactory named(String name) {
        return new HarnessThreads(name);
    }

    /**
     * Makes something that starts a thread of its own, the JDK HTTP client (its selector) or the JDK HTTP server (its
     * dispatcher): the one that appeared meanwhile counts as the harness's.
     */
    static <T> T adoptingNew(Supplier<T> starting) {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        T started = starting.get();
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> thread.getName().endsWith("-SelectorManager") || thread.getName().equals("HTTP-Dispatcher"))
                .forEach(thread -> LIVE.put(thread, 0L));
        return started;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                LIVE.remove(Thread.currentThread());
                ENDED.add(THREADS.getCurrentThreadCpuTime());
            }
        }, "bench-" + name + "-" + created.incrementAndGet());
        thread.setDaemon(true);
        LIVE.put(thread, 0L);
        return thread;
    }

    /**
     * CPU time the harness's threads have used so far. A thread it did not create that has ended counts with what it
     * had used when last asked.
     */
    static synchronized long cpuNanos() {
        for (Map.Entry<Thread, Long> live : LIVE.entrySet()) {
            long cpu = THREADS.getThreadCpuTime(live.getKey().getId());
            if (cpu < 0) {
                if (LIVE.remove(live.getKey()) != null) {
                    ENDED.add(live.getValue());
                }
            } else {
                live.setValue(cpu);
            }
        }
        return ENDED.sum() + LIVE.values().stream().mapToLong(Long::longValue).sum();
    }
}
