package io.github.faceparse4j.rnngate.bench;

import io.github.faceparse4j.rnngate.op.CpuGateKernel;
import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import io.github.faceparse4j.rnngate.op.RecurrenceTraffic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The benchmark's comparison in CPU time of one thread, for machines too busy for wall-clock figures: the kernel
 * planned for one thread, the ND4J-ops baseline (run with {@code OMP_NUM_THREADS=1} so that ND4J works in the
 * calling thread too) and a single-threaded copy of 256 MiB for the bandwidth. CPU time still grows somewhat on a
 * loaded machine (shared caches and memory bus), but far less than wall time. See rnn-gate/README.md.
 */
public final class CpuTimeComparisonMain {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeComparisonMain() {
    }

    /**
     * Prints the comparison.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        double bandwidth = copyBandwidth();
        System.out.printf(Locale.ROOT, "single-thread copy bandwidth: %.1f GB/s%n", bandwidth / 1e9);
        System.out.printf(Locale.ROOT, "%-14s %-8s %13s %15s %9s %14s %8s%n", "shape", "pass", "kernel cpu ms",
                "ND4J-ops cpu ms", "speed-up", "1 pass floor ms", "x floor");
        for (GateShape shape : new GateShape[] {new GateShape(16, 8, 64, 64), new GateShape(16, 8, 128, 128)}) {
            GateInputs inputs = GateProblems.inputs(GateMode.LINEAR, shape, DataType.FLOAT, 1);
            GateRecurrence op = GateRecurrence.builder().setMode(GateMode.LINEAR)
                    .optKernel(CpuGateKernel.builder().optParallelism(1).build()).build();
            RecurrenceOutput out = op.forward(inputs);
            INDArray dHidden = GateProblems.uniform(new Random(2), DataType.FLOAT, -1, 1, shape.toLongArray());
            RecurrenceGradients gradients = RecurrenceGradients.allocate(GateMode.LINEAR, shape, DataType.FLOAT);
            Nd4jOpsGateRecurrence baseline = new Nd4jOpsGateRecurrence(inputs);
            double kernelForward = cpuMillis(30, () -> op.forward(inputs, out.hidden(), out.winners()));
            double kernelBackward = cpuMillis(30, () -> op.backward(inputs, out.winners(), dHidden, gradients));
            double baselineForward = cpuMillis(3, baseline::forward);
            double baselineBackward = cpuMillis(3, () -> baseline.backward(dHidden));
            print(shape, "forward", kernelForward, baselineForward,
                    RecurrenceTraffic.forwardBytes(GateMode.LINEAR, shape, DataType.FLOAT) / bandwidth * 1e3);
            print(shape, "backward", kernelBackward, baselineBackward,
                    RecurrenceTraffic.backwardBytes(GateMode.LINEAR, shape, DataType.FLOAT) / bandwidth * 1e3);
        }
    }

    private static void print(GateShape shape, String pass, double kernel, double baseline, double floor) {
        System.out.printf(Locale.ROOT, "%-14s %-8s %13.2f %15.1f %8.1fx %14.2f %7.1fx%n", shape, pass, kernel, baseline,
                baseline / kernel, floor, kernel / floor);
    }

    /** Bytes per second of a single-threaded copy of 256 MiB, best of five, in CPU time. */
    private static double copyBandwidth() {
        float[] source = new float[MemoryBandwidthBenchmark.LENGTH];
        float[] target = new float[MemoryBandwidthBenchmark.LENGTH];
        java.util.Arrays.fill(source, 1f);
        java.util.Arrays.fill(target, 2f);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best = Math.min(best, cpuMillis(1, () -> System.arraycopy(source, 0, target, 0, source.length)));
        }
        return MemoryBandwidthBenchmark.BYTES_PER_COPY / (best / 1e3);
    }

    /** The least mean CPU milliseconds of the calling thread per run, over three rounds after a warm-up round. */
    private static double cpuMillis(int runs, Runnable work) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < runs; i++) {
                work.run();
            }
            double mean = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / runs;
            if (round > 0) {
                best = Math.min(best, mean);
            }
        }
        return best;
    }
}
