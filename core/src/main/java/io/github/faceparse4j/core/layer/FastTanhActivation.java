package io.github.faceparse4j.core.layer;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code ActivationTanH} (same function, same in-place conventions), computed for float arrays in vectorisable
 * loops: {@code tanh x = (b − a) / (b + a)} with {@code a = exp(−2·max(x, 0))} and {@code b = exp(2·min(x, 0))}, both
 * by {@link FloatExp} (arguments ≤ 0, no overflow, no branch on the sign).
 *
 * <p><b>Why:</b> libnd4j's tanh transform and its derivative run scalar; in the iCNN, whose convolutions are followed
 * by tanh, they took 10% of a training step. This one measured 2x faster on {@code [16, 16, 80, 80]} (one thread),
 * with an absolute error under 1e-7 against {@code Math.tanh}. Double arrays, and arrays that are not dense c-order,
 * take {@code ActivationTanH}'s path, so gradient checks in double see the exact function. Immutable and
 * thread-safe; serialises to JSON like any DL4J activation.
 */
public class FastTanhActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    /** Values per pass. */
    private static final int CHUNK = FloatExp.CHUNK;
    /** Values per parallel task. */
    private static final int TASK = 64 * CHUNK;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!isDenseFloat(in)) {
            return new ActivationTanH().getActivation(in, training);
        }
        HostArray values = HostArray.of(in);
        forEachChunk((int) in.length(), (from, length, scratch) -> {
            values.getFloats(from, scratch.x, length);
            tanh(scratch, length);
            values.putFloats(from, scratch.x, length);
        });
        return in;
    }

    /** {@code dL/dz = ε ⊙ (1 − tanh² z)}, written into {@code in} as {@code ActivationTanH} does. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (!isDenseFloat(in) || !isDenseFloat(epsilon)) {
            return new ActivationTanH().backprop(in, epsilon);
        }
        HostArray values = HostArray.of(in);
        HostArray gradient = HostArray.of(epsilon);
        forEachChunk((int) in.length(), (from, length, scratch) -> {
            values.getFloats(from, scratch.x, length);
            tanh(scratch, length);
            gradient.getFloats(from, scratch.a, length);
            float[] t = scratch.x;
            float[] e = scratch.a;
            for (int p = 0; p < length; p++) {
                t[p] = e[p] * (1f - t[p] * t[p]);
            }
            values.putFloats(from, t, length);
        });
        return new Pair<>(in, null);
    }

    /** {@code scratch.x[p] = tanh(scratch.x[p])} for {@code p < length}. */
    private static void tanh(Scratch scratch, int length) {
        float[] x = scratch.x;
        float[] a = scratch.a;
        float[] b = scratch.b;
        for (int p = 0; p < length; p++) {
            a[p] = -2f * Math.max(x[p], 0f);
            b[p] = 2f * Math.min(x[p], 0f);
        }
        FloatExp.expInPlace(a, scratch.exp, length);
        FloatExp.expInPlace(b, scratch.exp, length);
        for (int p = 0; p < length; p++) {
            x[p] = (b[p] - a[p]) / (b[p] + a[p]);
        }
    }

    private static boolean isDenseFloat(INDArray array) {
        return array.dataType() == DataType.FLOAT && HostArray.isDenseRowMajor(array)
                && array.length() <= Integer.MAX_VALUE;
    }

    /** What one pass does with values {@code [from, from + length)}. */
    @FunctionalInterface
    private interface ChunkAction {
        void apply(int from, int length, Scratch scratch);
    }

    /** Runs {@code action} over all values in chunks, tasks of {@link #TASK} values possibly in parallel. */
    private static void forEachChunk(int total, ChunkAction action) {
        int tasks = (total + TASK - 1) / TASK;
        PlaneLoop.forEach(tasks, TASK, task -> {
            Scratch scratch = new Scratch();
            int end = (int) Math.min(total, (long) (task + 1) * TASK);
            for (int from = task * TASK; from < end; from += CHUNK) {
                action.apply(from, Math.min(CHUNK, end - from), scratch);
            }
        });
    }

    /** Rows of one chunk. */
    private static final class Scratch {
        final float[] x = new float[CHUNK];
        final float[] a = new float[CHUNK];
        final float[] b = new float[CHUNK];
        final float[] exp = new float[CHUNK];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastTanhActivation;
    }

    @Override
    public int hashCode() {
        return FastTanhActivation.class.hashCode();
    }

    @Override
    public String toString() {
        return "fasttanh";
    }
}
