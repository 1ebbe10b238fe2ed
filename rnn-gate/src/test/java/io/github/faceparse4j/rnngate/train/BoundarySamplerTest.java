package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.data.BoundaryMap;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

class BoundarySamplerTest {

    /** A 32 x 32 background map with a 4 x 4 skin square: a short boundary and a large interior. */
    private static BoundaryMap squareBoundaries(int side, int square) {
        byte[] ids = new byte[side * side];
        for (int y = 0; y < square; y++) {
            for (int x = 0; x < square; x++) {
                ids[(y + 4) * side + x + 4] = 1;
            }
        }
        return BoundaryMap.of(LabelMap.of(LabelScheme.SKIN_HAIR_BG_3, side, side, ids), 1);
    }

    private static int count(float[] mask) {
        int n = 0;
        for (float v : mask) {
            n += v == 1f ? 1 : 0;
        }
        return n;
    }

    @Test
    void countsEveryBoundaryPixelAndRatioTimesAsManyOthers() {
        BoundaryMap boundaries = squareBoundaries(32, 4);
        // Width 1 marks both sides of each edge: the 4x4 square's 12 rim pixels and the 16 outside neighbours.
        assertEquals(28, boundaries.boundaryCount());
        float[] mask = new float[32 * 32];
        int counted = new BoundarySampler(5).fill(boundaries, 11, mask, 0);
        assertEquals(28 + 5 * 28, counted);
        assertEquals(counted, count(mask));
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if (boundaries.isBoundary(x, y)) {
                    assertEquals(1f, mask[y * 32 + x]);
                }
            }
        }
    }

    @Test
    void takesEveryOtherPixelWhenThereAreTooFew() {
        BoundaryMap boundaries = squareBoundaries(12, 4);
        float[] mask = new float[12 * 12];
        assertEquals(144, new BoundarySampler(5).fill(boundaries, 1, mask, 0));
    }

    @Test
    void theSameSeedGivesTheSameSampleAtAnyOffset() {
        BoundaryMap boundaries = squareBoundaries(32, 4);
        BoundarySampler sampler = new BoundarySampler(5);
        float[] a = new float[32 * 32];
        float[] b = new float[3 * 32 * 32];
        sampler.fill(boundaries, 99, a, 0);
        sampler.fill(boundaries, 99, b, 2 * 32 * 32);
        float[] tail = new float[32 * 32];
        System.arraycopy(b, 2 * 32 * 32, tail, 0, tail.length);
        assertArrayEquals(a, tail);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BoundarySampler(0));
        BoundaryMap boundaries = squareBoundaries(32, 4);
        assertThrows(IllegalArgumentException.class,
                () -> new BoundarySampler(5).fill(boundaries, 0, new float[32 * 32], 1));
    }
}
