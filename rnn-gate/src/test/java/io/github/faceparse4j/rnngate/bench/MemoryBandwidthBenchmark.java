package io.github.faceparse4j.rnngate.bench;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's memory bandwidth as the kernel can use it: a copy of 256 MiB (far beyond the caches) split over the
 * same threads the kernel uses (the common ForkJoin pool plus the caller). Bytes moved per copy: 512 MiB (read and
 * write).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class MemoryBandwidthBenchmark {

    /** Floats per array. */
    static final int LENGTH = 64 << 20;
    /** Bytes read plus written by one {@link #parallelCopy()}. */
    static final long BYTES_PER_COPY = 2L * LENGTH * Float.BYTES;
    private static final int CHUNKS = 64;

    private float[] source;
    private float[] target;

    /** Two arrays, touched once so that their pages exist. */
    @Setup(Level.Trial)
    public void setUp() {
        source = new float[LENGTH];
        target = new float[LENGTH];
        java.util.Arrays.fill(source, 1f);
        java.util.Arrays.fill(target, 2f);
    }

    /** Copies the source into the target in parallel chunks. */
    @Benchmark
    public float[] parallelCopy() {
        int chunk = LENGTH / CHUNKS;
        IntStream.range(0, CHUNKS).parallel().forEach(i -> System.arraycopy(source, i * chunk, target, i * chunk,
                chunk));
        return target;
    }
}
