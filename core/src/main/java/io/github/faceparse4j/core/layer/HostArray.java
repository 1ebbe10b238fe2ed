package io.github.faceparse4j.core.layer;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access, by flat c-order index, straight on the native memory of a contiguous float or double
 * {@link INDArray}; the layers' hand-written kernels work on these.
 *
 * <p>Values pass as {@code double} so that one kernel serves float (production) and double (gradient checks); copies
 * and maxima are exact either way. A kernel that sees one element type inlines these calls. Not thread-safe as a
 * whole, but disjoint index ranges may be written from different threads.
 */
abstract class HostArray {

    /** Number of elements. */
    final int length;

    private HostArray(int length) {
        this.length = length;
    }

    /**
     * Wraps {@code array}'s memory without copying.
     *
     * @throws IllegalArgumentException if the array is not c-ordered and contiguous, not float or double, or has
     *     more than {@link Integer#MAX_VALUE} elements
     */
    static HostArray of(INDArray array) {
        if (!isDenseRowMajor(array)) {
            throw new IllegalArgumentException("need a contiguous c-order array, got shape "
                    + Arrays.toString(array.shape()) + " strides " + Arrays.toString(array.stride()) + " order "
                    + array.ordering());
        }
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array too large for a host kernel: " + array.length());
        }
        int length = (int) array.length();
        int offset = (int) array.offset();
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(array.data().asNioFloat(), offset, length);
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new Doubles(array.data().asNioDouble(), offset, length);
        }
        throw new IllegalArgumentException("host kernels support FLOAT and DOUBLE, got " + array.dataType());
    }

    /** {@code array} itself if a kernel can use it as is, else a dense c-order copy in the current workspace. */
    static INDArray dense(INDArray array) {
        return isDenseRowMajor(array) ? array : array.dup('c');
    }

    /** Whether element {@code i} in c order sits at {@code offset + i}: strides are c-order's, size-1 axes aside. */
    static boolean isDenseRowMajor(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    abstract double get(int i);

    abstract void set(int i, double value);

    /** Whether the elements are floats, so that {@link #getFloats} and {@link #putFloats} work. */
    boolean holdsFloats() {
        return false;
    }

    /**
     * Bulk copy of elements {@code [i, i + length)} into {@code target[0, length)}, for kernels that work on
     * {@code float[]} rows (the form C2 vectorises).
     *
     * @throws UnsupportedOperationException unless {@link #holdsFloats()}
     */
    void getFloats(int i, float[] target, int length) {
        throw new UnsupportedOperationException("not a float array");
    }

    /**
     * Bulk copy of {@code source[0, length)} into elements {@code [i, i + length)}.
     *
     * @throws UnsupportedOperationException unless {@link #holdsFloats()}
     */
    void putFloats(int i, float[] source, int length) {
        throw new UnsupportedOperationException("not a float array");
    }

    private static final class Floats extends HostArray {
        private final FloatBuffer buffer;
        private final int offset;

        Floats(FloatBuffer buffer, int offset, int length) {
            super(length);
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(offset + i, (float) value);
        }

        @Override
        boolean holdsFloats() {
            return true;
        }

        @Override
        void getFloats(int i, float[] target, int length) {
            buffer.get(offset + i, target, 0, length);
        }

        @Override
        void putFloats(int i, float[] source, int length) {
            buffer.put(offset + i, source, 0, length);
        }
    }

    private static final class Doubles extends HostArray {
        private final DoubleBuffer buffer;
        private final int offset;

        Doubles(DoubleBuffer buffer, int offset, int length) {
            super(length);
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(offset + i, value);
        }
    }
}
