package io.github.faceparse4j.rnngate.op;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random, seeded operands for tests: inputs in [-1, 1], gates in the range of the mode, stable weights. */
public final class GateProblems {

    private GateProblems() {
    }

    /** Uniform values in [lo, hi). */
    public static INDArray uniform(Random random, DataType type, double lo, double hi, long... shape) {
        long size = 1;
        for (long dim : shape) {
            size *= dim;
        }
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + (hi - lo) * random.nextDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** Operands for a mode: G in (-1, 1) for LINEAR, (0, 1) for CONVEX; W_d with ‖W_d‖_∞ below 1. */
    public static GateInputs inputs(GateMode mode, GateShape shape, DataType type, long seed) {
        Random random = new Random(seed);
        long[] dims = shape.toLongArray();
        INDArray x = uniform(random, type, -1, 1, dims);
        INDArray g = switch (mode) {
            case LINEAR -> uniform(random, type, -1, 1, dims);
            case CONVEX -> uniform(random, type, 0, 1, dims);
            case UNGATED -> null;
        };
        if (!mode.hasRecurrentWeights()) {
            return GateInputs.convex(x, g);
        }
        int c = shape.channels();
        INDArray w = uniform(random, type, -0.9 / c, 0.9 / c, ScanDirection.COUNT, c, c);
        INDArray b = uniform(random, type, -0.5, 0.5, ScanDirection.COUNT, c);
        return GateInputs.of(x, g, w, b);
    }
}
