package io.github.faceparse4j.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory over one measured stretch: the process's peak resident set (JVM heap, ND4J's off-heap buffers and
 * workspaces, native code) and the JVM heap's peak use.
 *
 * <p>The resident peak is Linux's {@code VmHWM}, reset at {@link #start()} by writing 5 to {@code /proc/self/clear_refs}
 * (the PyTorch twin does the same, so the figures compare); where that is impossible the figures are -1. Not
 * thread-safe: one stretch at a time.
 */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Resident set at the start, bytes, or -1. */
    private final long startResident;

    private PeakMemory(long startResident) {
        this.startResident = startResident;
    }

    /** Resets the peaks and starts a stretch. */
    static PeakMemory start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return new PeakMemory(-1);
        }
        return new PeakMemory(statusKb("VmRSS:") * 1024);
    }

    /** Peak resident set since {@link #start()}, MiB, or -1 if unknown. */
    double peakResidentMib() {
        return startResident < 0 ? -1 : statusKb("VmHWM:") / 1024.0;
    }

    /** Growth of the resident set's peak over the resident set at {@link #start()}, MiB, or -1. */
    double residentGrowthMib() {
        return startResident < 0 ? -1 : (statusKb("VmHWM:") * 1024 - startResident) / (1024.0 * 1024.0);
    }

    /** Sum of the heap pools' peak use since {@link #start()}, MiB. */
    double peakHeapMib() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | SecurityException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
