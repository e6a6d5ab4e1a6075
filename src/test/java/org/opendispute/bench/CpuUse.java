package org.opendispute.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import com.sun.management.OperatingSystemMXBean;

/**
 * The CPU time the whole machine, this JVM and the benchmark's own threads ({@link HarnessThreads}) used between
 * {@link #start()} and {@link #stop()}: what each lifecycle or firing of a measured round cost. On a machine that runs
 * nothing else, the difference between the machine's and the JVM's is PostgreSQL's share.
 */
final class CpuUse {

    /** USER_HZ, the unit of /proc/stat: 100 on the Linux architectures Java 17 supports. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long jvmBefore = jvmCpuNanos();
    private final Long machineBefore = machineBusyNanos();
    private final long harnessBefore = HarnessThreads.cpuNanos();
    private long jvmNanos;
    private Long machineNanos;
    private long harnessNanos;

    private CpuUse() {
    }

    static CpuUse start() {
        return new CpuUse();
    }

    CpuUse stop() {
        jvmNanos = jvmCpuNanos() - jvmBefore;
        Long machineAfter = machineBusyNanos();
        machineNanos = machineBefore == null || machineAfter == null ? null : machineAfter - machineBefore;
        harnessNanos = HarnessThreads.cpuNanos() - harnessBefore;
        return this;
    }

    /** The machine's CPU milliseconds per one of {@code count}, or null where /proc/stat is missing. */
    Double machineMsPer(long count) {
        return machineNanos == null ? null : Latencies.round(machineNanos / 1e6 / count);
    }

    /** This JVM's CPU milliseconds per one of {@code count}. */
    double jvmMsPer(long count) {
        return Latencies.round(jvmNanos / 1e6 / count);
    }

    /** Of this JVM's, the benchmark's own threads' CPU milliseconds per one of {@code count}. */
    double harnessMsPer(long count) {
        return Latencies.round(harnessNanos / 1e6 / count);
    }

    /** CPU time of this JVM: the application and the benchmark's own threads. */
    private static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time the whole machine spent busy (Linux: /proc/stat), or null elsewhere. */
    private static Long machineBusyNanos() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user, nice, system, irq, softirq; not idle, iowait, nor steal (the host's time, not ours)
            long busy = IntStream.of(1, 2, 3, 6, 7).mapToLong(i -> Long.parseLong(cpu[i])).sum();
            return busy * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }
}
