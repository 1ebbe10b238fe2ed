package io.github.faceparse4j.rnngate.op;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The raw buffer of an [N, C, H, W] array with contiguous maps, as the CPU kernel reads and writes it: a
 * {@code FloatBuffer}, {@code DoubleBuffer} or {@code ByteBuffer} over the array's whole host buffer, in native
 * byte order, and where each map starts in it. Absolute bulk gets and puts on it are safe from several threads.
 *
 * @param buffer the whole host buffer of the array
 * @param layout where the maps lie in it
 */
record MapBuffer(Buffer buffer, PlaneLayout layout) {

    /** The buffer of an array, or {@code null} for a {@code null} array. */
    static MapBuffer of(INDArray array) {
        if (array == null) {
            return null;
        }
        PlaneLayout layout = PlaneLayout.of(array);
        Buffer buffer = switch (array.dataType()) {
            case FLOAT -> array.data().asNioFloat();
            case DOUBLE -> array.data().asNioDouble();
            case BYTE -> array.data().asNio();
            default -> throw new IllegalArgumentException("no CPU kernel for data type " + array.dataType());
        };
        long lastIndex = layout.mapStart((int) array.size(0) - 1) + array.length() / array.size(0);
        if (lastIndex > buffer.capacity()) {
            throw new IllegalArgumentException("the buffer of an array of " + array.length()
                    + " elements holds only " + buffer.capacity() + " (is it on the host?)");
        }
        return new MapBuffer(buffer, layout);
    }

    /** The buffer index where map {@code n} starts. */
    int mapStart(int n) {
        return (int) layout.mapStart(n);
    }

    /** The winner map's bytes. */
    ByteBuffer bytes() {
        return (ByteBuffer) buffer;
    }
}
