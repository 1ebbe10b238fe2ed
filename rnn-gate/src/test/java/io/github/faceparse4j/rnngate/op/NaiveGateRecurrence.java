package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recurrence written as plainly as possible, in double precision, as the reference the kernels are tested
 * against: one line at a time, one node at a time, the four directions kept separately and merged afterwards,
 * and BPTT straight from eq. 4. Slow; for tiny shapes only.
 */
final class NaiveGateRecurrence {

    private final GateMode mode;
    private final int batch;
    private final int channels;
    private final int height;
    private final int width;
    private final double[] x;
    private final double[] gate;
    private final double[] weights;
    private final double[] biases;
    /** The hidden map of every direction, [4][N·C·H·W]. */
    private final double[][] byDirection = new double[ScanDirection.COUNT][];
    private double[] hidden;
    private byte[] winners;

    NaiveGateRecurrence(GateMode mode, GateInputs inputs) {
        this.mode = mode;
        GateShape shape = inputs.shape();
        this.batch = shape.batch();
        this.channels = shape.channels();
        this.height = shape.height();
        this.width = shape.width();
        this.x = doubles(inputs.x());
        this.gate = inputs.gate() == null ? null : doubles(inputs.gate());
        this.weights = inputs.weightsAsDoubles();
        this.biases = inputs.biasesAsDoubles();
    }

    private static double[] doubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private int index(int n, int c, int y, int xx) {
        return ((n * channels + c) * height + y) * width + xx;
    }

    /** The node index of step s of line `line` in direction d, channel c. */
    private int node(ScanDirection d, int n, int c, int line, int s) {
        int length = d.isHorizontal() ? width : height;
        int position = d.isReversed() ? length - 1 - s : s;
        return d.isHorizontal() ? index(n, c, line, position) : index(n, c, position, line);
    }

    private double g(int i) {
        return gate == null ? 1 : gate[i];
    }

    private double w(ScanDirection d, int r, int c) {
        return weights[(d.ordinal() * channels + r) * channels + c];
    }

    private double b(ScanDirection d, int r) {
        return biases[d.ordinal() * channels + r];
    }

    /** The pre-gate term W h_{s-1} + b of step s (h_{-1} = 0). */
    private double preGate(ScanDirection d, int n, int line, int s, int r) {
        double a = b(d, r);
        for (int c = 0; c < channels && s > 0; c++) {
            a += w(d, r, c) * byDirection[d.ordinal()][node(d, n, c, line, s - 1)];
        }
        return a;
    }

    private double previous(ScanDirection d, int n, int line, int s, int c) {
        return s == 0 ? 0 : byDirection[d.ordinal()][node(d, n, c, line, s - 1)];
    }

    void forward() {
        int size = x.length;
        for (ScanDirection d : ScanDirection.values()) {
            double[] h = new double[size];
            byDirection[d.ordinal()] = h;
            int lines = d.isHorizontal() ? height : width;
            int length = d.isHorizontal() ? width : height;
            for (int n = 0; n < batch; n++) {
                for (int line = 0; line < lines; line++) {
                    for (int s = 0; s < length; s++) {
                        double[] next = new double[channels];
                        for (int r = 0; r < channels; r++) {
                            int i = node(d, n, r, line, s);
                            next[r] = switch (mode) {
                                case LINEAR, UNGATED -> x[i] + g(i) * preGate(d, n, line, s, r);
                                case CONVEX -> (1 - g(i)) * x[i] + g(i) * previous(d, n, line, s, r);
                            };
                        }
                        for (int r = 0; r < channels; r++) {
                            h[node(d, n, r, line, s)] = next[r];
                        }
                    }
                }
            }
        }
        hidden = new double[size];
        winners = new byte[size];
        for (int i = 0; i < size; i++) {
            hidden[i] = byDirection[0][i];
            for (int d = 1; d < ScanDirection.COUNT; d++) {
                double v = byDirection[d][i];
                if (v > hidden[i] || Double.isNaN(v)) {
                    hidden[i] = v;
                    winners[i] = (byte) d;
                }
            }
        }
    }

    /** Gradients for dLoss/dH = dHidden, as [dX, dG, dW, db] flattened c-order (dG, dW, db empty when absent). */
    double[][] backward(double[] dHidden) {
        double[] dx = new double[x.length];
        double[] dg = new double[x.length];
        double[] dw = new double[weights.length];
        double[] db = new double[biases.length];
        for (ScanDirection d : ScanDirection.values()) {
            int lines = d.isHorizontal() ? height : width;
            int length = d.isHorizontal() ? width : height;
            for (int n = 0; n < batch; n++) {
                for (int line = 0; line < lines; line++) {
                    double[] carry = new double[channels];
                    for (int s = length - 1; s >= 0; s--) {
                        double[] delta = new double[channels];
                        for (int r = 0; r < channels; r++) {
                            int i = node(d, n, r, line, s);
                            delta[r] = carry[r] + (winners[i] == d.ordinal() ? dHidden[i] : 0);
                        }
                        double[] nextCarry = new double[channels];
                        for (int r = 0; r < channels; r++) {
                            int i = node(d, n, r, line, s);
                            if (mode == GateMode.CONVEX) {
                                double hp = previous(d, n, line, s, r);
                                dx[i] += (1 - g(i)) * delta[r];
                                dg[i] += delta[r] * (hp - x[i]);
                                nextCarry[r] = g(i) * delta[r];
                                continue;
                            }
                            double e = g(i) * delta[r];
                            dx[i] += delta[r];
                            dg[i] += delta[r] * preGate(d, n, line, s, r);
                            db[d.ordinal() * channels + r] += e;
                            for (int c = 0; c < channels; c++) {
                                dw[(d.ordinal() * channels + r) * channels + c] += e * previous(d, n, line, s, c);
                                nextCarry[c] += w(d, r, c) * e;
                            }
                        }
                        carry = nextCarry;
                    }
                }
            }
        }
        return new double[][] {dx, mode.hasGate() ? dg : new double[0], dw, db};
    }

    double[] hidden() {
        return hidden;
    }

    byte[] winners() {
        return winners;
    }

    /**
     * Routes the backward pass by another winner map: in single precision a near-tie may go the other way than in
     * this double-precision reference, and the gradients are only comparable under the same routing.
     */
    void useWinners(byte[] routing) {
        this.winners = routing.clone();
    }

    /** An array of the given shape holding values, in the given type. */
    static INDArray array(double[] values, long[] shape, DataType type) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }
}
