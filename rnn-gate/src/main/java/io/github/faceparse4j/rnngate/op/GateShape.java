package io.github.faceparse4j.rnngate.op;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shape [N, C, H, W] shared by X, G and the hidden map H.
 *
 * @param batch    N, the number of maps
 * @param channels C, the channels of each node (the dimension of {@code h_i})
 * @param height   H, the number of rows
 * @param width    W, the number of columns
 */
public record GateShape(int batch, int channels, int height, int width) {

    /** Validates that every dimension is positive. */
    public GateShape {
        if (batch <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("every dimension of [N, C, H, W] must be positive, got ["
                    + batch + ", " + channels + ", " + height + ", " + width + "]");
        }
    }

    /**
     * The shape of a 4-D array.
     *
     * @param array an [N, C, H, W] array
     * @param name  what the array is, for the error message
     * @throws IllegalArgumentException if the array is not 4-D, is empty or too large for one buffer
     */
    public static GateShape of(INDArray array, String name) {
        long[] shape = array.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException(name + " must be 4-D [N, C, H, W], got shape " + Arrays.toString(shape));
        }
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " has " + array.length() + " elements; at most "
                    + Integer.MAX_VALUE + " are supported");
        }
        for (long dim : shape) {
            if (dim <= 0) {
                throw new IllegalArgumentException(name + " must not be empty, got shape " + Arrays.toString(shape));
            }
        }
        return new GateShape((int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3]);
    }

    /** C·H·W: the elements of one map. */
    public int planeSize() {
        return channels * height * width;
    }

    /** H·W: the elements of one channel of one map. */
    public int channelSize() {
        return height * width;
    }

    /** N·C·H·W. */
    public long size() {
        return (long) batch * planeSize();
    }

    /** The shape as ND4J wants it. */
    public long[] toLongArray() {
        return new long[] {batch, channels, height, width};
    }

    @Override
    public String toString() {
        return "[" + batch + ", " + channels + ", " + height + ", " + width + "]";
    }
}
