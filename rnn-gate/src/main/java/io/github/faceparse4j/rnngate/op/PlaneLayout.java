package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the maps of an [N, C, H, W] array lie in its data buffer, for kernels that work on the raw buffer.
 *
 * <p>A kernel needs each map (one sample's C × H × W block) to be contiguous in c-order: strides (s, H·W, W, 1) for
 * any sample stride s ≥ C·H·W. That covers plain c-order arrays and also channel slices of a larger array, such as
 * the X and G halves of the layer's [N, 2C, H, W] input, which the kernels then read in place without a copy.
 * Element (n, c, y, x) is at buffer index {@code offset + n·sampleStride + c·H·W + y·W + x}.
 *
 * @param offset       the buffer index of element (0, 0, 0, 0)
 * @param sampleStride the distance in elements between consecutive maps
 */
public record PlaneLayout(long offset, long sampleStride) {

    /**
     * The layout of an array whose maps are contiguous.
     *
     * @throws IllegalArgumentException if the maps of the array are not contiguous in c-order
     */
    public static PlaneLayout of(INDArray array) {
        if (!hasContiguousMaps(array)) {
            throw new IllegalArgumentException("the maps of an " + java.util.Arrays.toString(array.shape())
                    + " array with strides " + java.util.Arrays.toString(array.stride())
                    + " are not contiguous in c-order");
        }
        long[] shape = array.shape();
        long plane = shape[1] * shape[2] * shape[3];
        return new PlaneLayout(array.offset(), shape[0] == 1 ? plane : array.stride(0));
    }

    /** Whether each map of a 4-D array is one contiguous c-order block (size-1 dimensions may have any stride). */
    public static boolean hasContiguousMaps(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        if (shape.length != 4) {
            return false;
        }
        long w = shape[3];
        long hw = shape[2] * w;
        return (shape[3] == 1 || stride[3] == 1)
                && (shape[2] == 1 || stride[2] == w)
                && (shape[1] == 1 || stride[1] == hw)
                && (shape[0] == 1 || stride[0] >= shape[1] * hw);
    }

    /** The array itself when its maps are contiguous, else a c-order copy. */
    public static INDArray contiguous(INDArray array) {
        return hasContiguousMaps(array) ? array : array.dup('c');
    }

    /** The buffer index of the first element of map {@code n}. */
    public long mapStart(int n) {
        return offset + n * sampleStride;
    }
}
