package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.label.LabelMap;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a label map changes class: the RNN-G gate supervision, 0 on pixels at a boundary between two labels and 1
 * elsewhere.
 *
 * <p>With boundary width {@code w}, a pixel is a boundary pixel when some pixel within city-block distance
 * {@code w} ({@code |dx| + |dy| <= w}) has a different id. Width 1 therefore marks every pixel that has a
 * 4-neighbour of another class, on both sides of the edge, giving a band two pixels wide; each extra unit of width
 * widens the band by one pixel on each side. The image border is not a boundary.
 *
 * <p>Values are row-major ({@code y * width + x}); as a tensor the map is {@code [1, 1, H, W]}, float. Immutable and
 * thread-safe.
 */
public final class BoundaryMap {

    private final int width;
    private final int height;
    /** Boundary width it was computed with, at least 1. */
    private final int boundaryWidth;
    /** Row-major: true on boundary pixels. */
    private final boolean[] boundary;
    private final int boundaryCount;

    private BoundaryMap(int width, int height, int boundaryWidth, boolean[] boundary) {
        this.width = width;
        this.height = height;
        this.boundaryWidth = boundaryWidth;
        this.boundary = boundary;
        int count = 0;
        for (boolean b : boundary) {
            count += b ? 1 : 0;
        }
        this.boundaryCount = count;
    }

    /**
     * Computes the boundary map of {@code labels}.
     *
     * @param boundaryWidth the city-block distance within which a different id makes a pixel a boundary, at least 1
     * @throws IllegalArgumentException if {@code boundaryWidth < 1}
     */
    public static BoundaryMap of(LabelMap labels, int boundaryWidth) {
        if (boundaryWidth < 1) {
            throw new IllegalArgumentException("Boundary width must be at least 1, got " + boundaryWidth);
        }
        int w = labels.width();
        int h = labels.height();
        byte[] ids = labels.ids();
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w && ids[i] != ids[i + 1]) {
                    mask[i] = true;
                    mask[i + 1] = true;
                }
                if (y + 1 < h && ids[i] != ids[i + w]) {
                    mask[i] = true;
                    mask[i + w] = true;
                }
            }
        }
        // A pixel has a different id within distance w exactly when it lies within distance w - 1 of a width-1
        // boundary pixel, so grow the width-1 band by w - 1 steps of 4-neighbour dilation.
        for (int step = 1; step < boundaryWidth; step++) {
            mask = dilate(mask, w, h);
        }
        return new BoundaryMap(w, h, boundaryWidth, mask);
    }

    private static boolean[] dilate(boolean[] mask, int w, int h) {
        boolean[] out = mask.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (mask[i]) {
                    continue;
                }
                out[i] = (x > 0 && mask[i - 1]) || (x + 1 < w && mask[i + 1]) || (y > 0 && mask[i - w])
                        || (y + 1 < h && mask[i + w]);
            }
        }
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The boundary width this map was computed with. */
    public int boundaryWidth() {
        return boundaryWidth;
    }

    /** Whether pixel {@code (x, y)} is on a boundary. */
    public boolean isBoundary(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") outside " + width + "x" + height);
        }
        return boundary[y * width + x];
    }

    /** Number of boundary pixels. */
    public int boundaryCount() {
        return boundaryCount;
    }

    /** The map as row-major floats: 0 on boundary pixels, 1 elsewhere. */
    public float[] toFloats() {
        float[] out = new float[width * height];
        fill(out, 0);
        return out;
    }

    /**
     * Writes the {@code H * W} values (0 on boundaries, 1 elsewhere) into {@code dest} at {@code offset}; for slot
     * {@code n} of an {@code [N, 1, H, W]} buffer pass {@code offset = n * H * W}.
     */
    public void fill(float[] dest, int offset) {
        if (offset < 0 || offset + (long) boundary.length > dest.length) {
            throw new IllegalArgumentException("Buffer of " + dest.length + " floats cannot hold " + height + "x"
                    + width + " at offset " + offset);
        }
        Arrays.fill(dest, offset, offset + boundary.length, 1f);
        for (int i = 0; i < boundary.length; i++) {
            if (boundary[i]) {
                dest[offset + i] = 0f;
            }
        }
    }

    /** The map as a {@code [1, 1, H, W]} float array: 0 on boundaries, 1 elsewhere. */
    public INDArray toTensor() {
        return Nd4j.create(toFloats(), new long[] {1, 1, height, width}, 'c');
    }

    @Override
    public String toString() {
        return "BoundaryMap[" + width + "x" + height + ", width " + boundaryWidth + ", " + boundaryCount
                + " boundary pixels]";
    }
}
