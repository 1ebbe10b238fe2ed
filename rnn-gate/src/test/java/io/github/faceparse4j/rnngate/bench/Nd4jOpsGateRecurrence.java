package io.github.faceparse4j.rnngate.bench;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.ScanDirection;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The LINEAR recurrence written the way one would with plain ND4J ops, as the benchmark's baseline: per direction,
 * per step one slice of all lines of all maps at once (a column [N, C, H] for the horizontal scans, a row [N, C, W]
 * for the vertical ones), {@code a = W h + b} as one mmul, {@code h = x + g ⊙ a}; the four maps merged by max and
 * argmax; BPTT with two more mmuls per step. About a dozen ND4J ops per step, so its cost is the op overhead times
 * the line length times four.
 */
final class Nd4jOpsGateRecurrence {

    private final GateInputs inputs;
    private final int channels;
    /** Per direction, per step: the pre-gate term a and the hidden slice h, each [C, lines·N]. */
    private final List<List<INDArray[]>> steps = new ArrayList<>();
    private INDArray winners;

    Nd4jOpsGateRecurrence(GateInputs inputs) {
        this.inputs = inputs;
        this.channels = inputs.shape().channels();
    }

    /** H [N, C, H, W]; keeps what the backward pass needs. */
    INDArray forward() {
        steps.clear();
        INDArray[] byDirection = new INDArray[ScanDirection.COUNT];
        for (ScanDirection d : ScanDirection.values()) {
            INDArray h = Nd4j.createUninitialized(inputs.dataType(), inputs.shape().toLongArray());
            INDArray w = inputs.weights().get(NDArrayIndex.point(d.ordinal()), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray b = inputs.biases().get(NDArrayIndex.point(d.ordinal()), NDArrayIndex.all()).reshape(channels, 1);
            List<INDArray[]> record = new ArrayList<>();
            INDArray previous = null;
            int length = length(d);
            for (int s = 0; s < length; s++) {
                int position = d.isReversed() ? length - 1 - s : s;
                INDArray x = columns(inputs.x(), d, position);
                INDArray g = columns(inputs.gate(), d, position);
                INDArray a = previous == null ? b.repeat(1, x.size(1)) : w.mmul(previous).addiColumnVector(b);
                INDArray hidden = x.add(g.mul(a));
                record.add(new INDArray[] {a, hidden});
                place(h, d, position, hidden);
                previous = hidden;
            }
            steps.add(record);
            byDirection[d.ordinal()] = h;
        }
        INDArray stacked = Nd4j.stack(0, byDirection);
        winners = stacked.argMax(0);
        return stacked.max(0);
    }

    /** [dX, dG, dW, db] for dLoss/dH. */
    INDArray[] backward(INDArray dHidden) {
        INDArray dx = Nd4j.zeros(inputs.dataType(), inputs.shape().toLongArray());
        INDArray dg = Nd4j.zeros(inputs.dataType(), inputs.shape().toLongArray());
        INDArray dw = Nd4j.zeros(inputs.dataType(), ScanDirection.COUNT, channels, channels);
        INDArray db = Nd4j.zeros(inputs.dataType(), ScanDirection.COUNT, channels);
        for (ScanDirection d : ScanDirection.values()) {
            INDArray w = inputs.weights().get(NDArrayIndex.point(d.ordinal()), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray routed = dHidden.mul(winners.eq(d.ordinal()).castTo(inputs.dataType()));
            List<INDArray[]> record = steps.get(d.ordinal());
            int length = length(d);
            INDArray carry = null;
            INDArray dwSum = Nd4j.zeros(inputs.dataType(), channels, channels);
            INDArray dbSum = Nd4j.zeros(inputs.dataType(), channels, 1);
            for (int s = length - 1; s >= 0; s--) {
                int position = d.isReversed() ? length - 1 - s : s;
                INDArray delta = columns(routed, d, position);
                if (carry != null) {
                    delta.addi(carry);
                }
                INDArray g = columns(inputs.gate(), d, position);
                INDArray e = g.mul(delta);
                accumulate(dx, d, position, delta);
                accumulate(dg, d, position, delta.mul(record.get(s)[0]));
                dbSum.addi(e.sum(true, 1));
                if (s > 0) {
                    dwSum.addi(e.mmul(record.get(s - 1)[1].transpose()));
                    carry = w.transpose().mmul(e);
                }
            }
            dw.get(NDArrayIndex.point(d.ordinal()), NDArrayIndex.all(), NDArrayIndex.all()).assign(dwSum);
            db.get(NDArrayIndex.point(d.ordinal()), NDArrayIndex.all()).assign(dbSum.reshape(channels));
        }
        return new INDArray[] {dx, dg, dw, db};
    }

    private int length(ScanDirection d) {
        return d.isHorizontal() ? inputs.shape().width() : inputs.shape().height();
    }

    private static INDArrayIndex[] slice(ScanDirection d, int position) {
        return d.isHorizontal()
                ? new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.point(position)}
                : new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(position),
                    NDArrayIndex.all()};
    }

    /** One step of all lines as [C, N·lines]. */
    private static INDArray columns(INDArray map, ScanDirection d, int position) {
        INDArray slice = map.get(slice(d, position));
        long n = slice.size(0);
        long c = slice.size(1);
        long lines = slice.size(2);
        return slice.permute(1, 0, 2).dup('c').reshape(c, n * lines);
    }

    private static void place(INDArray map, ScanDirection d, int position, INDArray values) {
        INDArray slice = map.get(slice(d, position));
        slice.assign(values.reshape(slice.size(1), slice.size(0), slice.size(2)).permute(1, 0, 2));
    }

    private static void accumulate(INDArray map, ScanDirection d, int position, INDArray values) {
        INDArray slice = map.get(slice(d, position));
        slice.addi(values.reshape(slice.size(1), slice.size(0), slice.size(2)).permute(1, 0, 2));
    }

    /** Winners as the kernels store them. */
    INDArray winners() {
        return winners.castTo(DataType.BYTE);
    }
}
