package io.github.faceparse4j.rnngate.cuda;

import io.github.faceparse4j.rnngate.op.CpuGateKernel;
import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import io.github.faceparse4j.rnngate.op.RecurrenceTraffic;
import io.github.faceparse4j.rnngate.op.ScanDirection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the CUDA kernel against the CPU kernel on a GPU and times it. Not a unit test: it needs a GPU, so it is a
 * main; run it as described in rnn-gate/README.md. Exit status 0 when every case passes, 1 on a mismatch, 2 when CUDA
 * is unavailable.
 *
 * <p>Every case draws fresh random inputs (the seed is printed), poisons every output with NaN (winners with 0x7F)
 * so that a node the kernel fails to write shows up, runs both kernels and compares the GPU result with the CPU
 * kernel run in double precision on the same values: the largest difference relative to the largest reference
 * magnitude must stay below 1e-5 for FLOAT and 1e-10 for DOUBLE. The backward passes of both kernels are routed by
 * the GPU's winner map, so that a near-tie decided differently in the two precisions does not count as an error
 * (how many winners differ is printed). The large FLOAT cases are then timed on device-resident data with CUDA
 * events, and the achieved bandwidth is reported against the least traffic of a pass ({@link RecurrenceTraffic}).
 */
public final class CudaGateKernelSelfTest {

    private static final int REPETITIONS = 20;

    private CudaGateKernelSelfTest() {
    }

    private record Case(GateMode mode, DataType type, GateShape shape, boolean timed) {
    }

    /**
     * Runs every case.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String reason = CudaGateKernel.unavailableReason();
        if (reason != null) {
            System.out.println(reason);
            System.exit(2);
        }
        CudaGateKernel cuda = CudaGateKernel.create();
        long seed = System.nanoTime();
        System.out.println("device: " + cuda.deviceDescription() + "; ND4J device arrays in place: "
                + cuda.usesDeviceArrays() + "; seed " + seed);
        Random random = new Random(seed);
        boolean allPassed = true;
        for (Case c : cases()) {
            allPassed &= run(cuda, c, random);
        }
        System.out.println(allPassed ? "PASS" : "FAIL");
        System.exit(allPassed ? 0 : 1);
    }

    private static List<Case> cases() {
        GateShape paper = new GateShape(16, 8, 64, 64);
        GateShape large = new GateShape(16, 8, 128, 128);
        return List.of(
                new Case(GateMode.LINEAR, DataType.FLOAT, paper, true),
                new Case(GateMode.LINEAR, DataType.FLOAT, large, true),
                new Case(GateMode.CONVEX, DataType.FLOAT, paper, true),
                new Case(GateMode.CONVEX, DataType.FLOAT, large, true),
                new Case(GateMode.UNGATED, DataType.FLOAT, paper, true),
                new Case(GateMode.LINEAR, DataType.DOUBLE, new GateShape(3, 5, 17, 29), false),
                new Case(GateMode.CONVEX, DataType.DOUBLE, new GateShape(2, 3, 31, 6), false),
                new Case(GateMode.UNGATED, DataType.DOUBLE, new GateShape(2, 12, 7, 9), false),
                new Case(GateMode.LINEAR, DataType.FLOAT, new GateShape(2, 32, 9, 40), false),
                new Case(GateMode.LINEAR, DataType.FLOAT, new GateShape(1, 1, 1, 1), false),
                new Case(GateMode.LINEAR, DataType.FLOAT, new GateShape(3, 2, 1, 7), false),
                new Case(GateMode.CONVEX, DataType.FLOAT, new GateShape(2, 3, 11, 1), false));
    }

    private static boolean run(CudaGateKernel cuda, Case c, Random random) {
        GateInputs inputs = inputs(c, random);
        GateInputs reference = inputs64(inputs);
        INDArray dHidden = uniform(random, c.type(), -1, 1, c.shape().toLongArray());
        GateRecurrence onGpu = GateRecurrence.builder().setMode(c.mode()).optKernel(cuda).build();
        GateRecurrence onCpu = GateRecurrence.builder().setMode(c.mode()).optKernel(CpuGateKernel.shared()).build();

        long[] dims = c.shape().toLongArray();
        INDArray hidden = Nd4j.valueArrayOf(dims, Double.NaN, c.type());
        INDArray winners = Nd4j.valueArrayOf(dims, 0x7F, DataType.BYTE);
        onGpu.forward(inputs, hidden, winners);
        RecurrenceOutput expected = onCpu.forward(reference);
        long winnerMismatches = winners.neq(expected.winners()).castTo(DataType.INT32).sumNumber().longValue();

        RecurrenceGradients gpuGradients = poisoned(c);
        onGpu.backward(inputs, winners, dHidden, gpuGradients);
        RecurrenceGradients cpuGradients = onCpu.backward(reference, winners, dHidden.castTo(DataType.DOUBLE));

        double tolerance = c.type() == DataType.DOUBLE ? 1e-10 : 1e-5;
        double[] errors = {
            relativeError(hidden, expected.hidden()),
            relativeError(gpuGradients.dX(), cpuGradients.dX()),
            relativeError(gpuGradients.dGate(), cpuGradients.dGate()),
            relativeError(gpuGradients.dWeights(), cpuGradients.dWeights()),
            relativeError(gpuGradients.dBiases(), cpuGradients.dBiases()),
        };
        boolean passed = true;
        for (double error : errors) {
            passed &= error < tolerance;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%-7s %-6s %-18s rel.err H %.1e dX %.1e dG %.1e dW %.1e db %.1e, winners differing %d of %d: %s",
                c.mode(), c.type(), c.shape(), errors[0], errors[1], errors[2], errors[3], errors[4],
                winnerMismatches, c.shape().size(), passed ? "ok" : "MISMATCH"));
        if (c.timed()) {
            CudaGateKernel.Timing timing = cuda.time(c.mode(), inputs, winners, dHidden, REPETITIONS);
            long forwardBytes = RecurrenceTraffic.forwardBytes(c.mode(), c.shape(), c.type());
            long backwardBytes = RecurrenceTraffic.backwardBytes(c.mode(), c.shape(), c.type());
            line.append(String.format(Locale.ROOT,
                    "%n        forward %.3f ms (%.0f GB/s over a %.1f MB floor), backward %.3f ms (%.0f GB/s over"
                            + " %.1f MB)",
                    timing.forwardMillis(), forwardBytes / timing.forwardMillis() / 1e6, forwardBytes / 1e6,
                    timing.backwardMillis(), backwardBytes / timing.backwardMillis() / 1e6, backwardBytes / 1e6));
        }
        System.out.println(line);
        return passed;
    }

    private static GateInputs inputs(Case c, Random random) {
        long[] dims = c.shape().toLongArray();
        INDArray x = uniform(random, c.type(), -1, 1, dims);
        INDArray g = switch (c.mode()) {
            case LINEAR -> uniform(random, c.type(), -1, 1, dims);
            case CONVEX -> uniform(random, c.type(), 0, 1, dims);
            case UNGATED -> null;
        };
        if (!c.mode().hasRecurrentWeights()) {
            return GateInputs.convex(x, g);
        }
        int channels = c.shape().channels();
        INDArray w = uniform(random, c.type(), -1.0 / channels, 1.0 / channels, ScanDirection.COUNT, channels,
                channels);
        INDArray b = uniform(random, c.type(), -0.5, 0.5, ScanDirection.COUNT, channels);
        return GateInputs.of(x, g, w, b);
    }

    private static GateInputs inputs64(GateInputs in) {
        return GateInputs.of(in.x().castTo(DataType.DOUBLE), cast(in.gate()), cast(in.weights()), cast(in.biases()));
    }

    private static INDArray cast(INDArray array) {
        return array == null ? null : array.castTo(DataType.DOUBLE);
    }

    private static RecurrenceGradients poisoned(Case c) {
        RecurrenceGradients fresh = RecurrenceGradients.allocate(c.mode(), c.shape(), c.type());
        for (INDArray array : new INDArray[] {fresh.dX(), fresh.dGate(), fresh.dWeights(), fresh.dBiases()}) {
            if (array != null) {
                array.assign(Double.NaN);
            }
        }
        return fresh;
    }

    private static INDArray uniform(Random random, DataType type, double lo, double hi, long... shape) {
        long size = 1;
        for (long dim : shape) {
            size *= dim;
        }
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + (hi - lo) * random.nextDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** max|actual − expected| / max|expected|; NaN anywhere gives infinity. Both {@code null}: 0. */
    private static double relativeError(INDArray actual, INDArray expected) {
        if (actual == null || expected == null) {
            return 0;
        }
        INDArray a = actual.castTo(DataType.DOUBLE);
        if (a.isNaN().any() || a.isInfinite().any()) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-30);
        return a.sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
    }
}
