package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.BoundaryMap;
import java.util.SplittableRandom;

/**
 * Chooses the pixels the gate loss is computed on, as in the RNN-G paper (section 5.1): every boundary pixel, plus
 * {@code ratio} times as many non-boundary pixels drawn uniformly without replacement (all of them when there are
 * fewer). With the paper's ratio of 5, boundary and non-boundary pixels are sampled 1 : 5, so the rare boundary
 * class is not swamped by the easy interior.
 *
 * <p>The result is a label mask, row-major like the {@link BoundaryMap}: 1 for counted pixels, 0 elsewhere; DL4J's
 * {@code CnnLossLayer} takes it as {@code [N, 1, H, W]}. The draw depends only on the map and the seed. Immutable and
 * thread-safe.
 */
public final class BoundarySampler {

    /** The paper's ratio of non-boundary to boundary pixels. */
    public static final int PAPER_RATIO = 5;

    /** Non-boundary pixels drawn per boundary pixel. */
    private final int ratio;

    /**
     * @param ratio non-boundary pixels drawn per boundary pixel, at least 1
     * @throws IllegalArgumentException if {@code ratio < 1}
     */
    public BoundarySampler(int ratio) {
        if (ratio < 1) {
            throw new IllegalArgumentException("Sampling ratio must be at least 1, got " + ratio);
        }
        this.ratio = ratio;
    }

    /** Non-boundary pixels drawn per boundary pixel. */
    public int ratio() {
        return ratio;
    }

    /**
     * Writes the mask of {@code boundaries} into {@code dest} from {@code offset} ({@code H * W} values, 1 = counted).
     *
     * @return the number of counted pixels
     * @throws IllegalArgumentException if the buffer is too small
     */
    public int fill(BoundaryMap boundaries, long seed, float[] dest, int offset) {
        int width = boundaries.width();
        int size = width * boundaries.height();
        if (offset < 0 || offset + (long) size > dest.length) {
            throw new IllegalArgumentException("Buffer of " + dest.length + " floats cannot hold a "
                    + boundaries.height() + "x" + width + " mask at offset " + offset);
        }
        int[] interior = new int[size - boundaries.boundaryCount()];
        int interiorCount = 0;
        for (int i = 0; i < size; i++) {
            boolean boundary = boundaries.isBoundary(i % width, i / width);
            dest[offset + i] = boundary ? 1f : 0f;
            if (!boundary) {
                interior[interiorCount++] = i;
            }
        }
        int draws = (int) Math.min(interiorCount, (long) ratio * boundaries.boundaryCount());
        // Partial Fisher-Yates: the first `draws` entries become a uniform sample without replacement.
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < draws; i++) {
            int j = i + random.nextInt(interiorCount - i);
            int chosen = interior[j];
            interior[j] = interior[i];
            interior[i] = chosen;
            dest[offset + chosen] = 1f;
        }
        return boundaries.boundaryCount() + draws;
    }

    @Override
    public String toString() {
        return "BoundarySampler[1:" + ratio + "]";
    }
}
