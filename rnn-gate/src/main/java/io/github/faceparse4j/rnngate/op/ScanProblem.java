package io.github.faceparse4j.rnngate.op;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything one CPU kernel call works on: the mode, the shape, the raw buffers of the arrays involved and the
 * weights as primitive arrays ([d][r][c] and [d][r], in both precisions so each scan reads its own without
 * conversion). Arrays that a pass does not use are {@code null}. Shared read-only by the tasks of the call; the tasks
 * write disjoint parts of the output buffers.
 */
final class ScanProblem {

    final GateMode mode;
    final GateShape shape;
    final MapBuffer x;
    final MapBuffer gate;
    final MapBuffer winners;
    /** H in the forward pass, dH in the backward pass. */
    final MapBuffer hidden;
    final MapBuffer dX;
    final MapBuffer dGate;
    private final double[] doubleWeights;
    private final double[] doubleBiases;
    private final float[] floatWeights;
    private final float[] floatBiases;

    private ScanProblem(GateMode mode, GateInputs inputs, INDArray hidden, INDArray winners, INDArray dX,
            INDArray dGate) {
        this.mode = mode;
        this.shape = inputs.shape();
        this.x = MapBuffer.of(inputs.x());
        this.gate = MapBuffer.of(inputs.gate());
        this.winners = MapBuffer.of(winners);
        this.hidden = MapBuffer.of(hidden);
        this.dX = MapBuffer.of(dX);
        this.dGate = MapBuffer.of(dGate);
        this.doubleWeights = inputs.weightsAsDoubles();
        this.doubleBiases = inputs.biasesAsDoubles();
        this.floatWeights = toFloats(doubleWeights);
        this.floatBiases = toFloats(doubleBiases);
    }

    /** The problem of a forward pass writing H and the winner map. */
    static ScanProblem forward(GateMode mode, GateInputs inputs, INDArray hidden, INDArray winners) {
        return new ScanProblem(mode, inputs, hidden, winners, null, null);
    }

    /** The problem of a backward pass reading dH and the winner map, writing dX and dG. */
    static ScanProblem backward(GateMode mode, GateInputs inputs, INDArray winners, INDArray dHidden, INDArray dX,
            INDArray dGate) {
        return new ScanProblem(mode, inputs, dHidden, winners, dX, dGate);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** W as [d][r][c] in single precision. */
    float[] floatWeights() {
        return floatWeights;
    }

    /** b as [d][r] in single precision. */
    float[] floatBiases() {
        return floatBiases;
    }

    /** W as [d][r][c] in double precision. */
    double[] doubleWeights() {
        return doubleWeights;
    }

    /** b as [d][r] in double precision. */
    double[] doubleBiases() {
        return doubleBiases;
    }

    /** Casts a map buffer of a FLOAT problem. */
    static FloatBuffer floats(MapBuffer buffer) {
        return (FloatBuffer) buffer.buffer();
    }

    /** Casts a map buffer of a DOUBLE problem. */
    static DoubleBuffer doubles(MapBuffer buffer) {
        return (DoubleBuffer) buffer.buffer();
    }
}
