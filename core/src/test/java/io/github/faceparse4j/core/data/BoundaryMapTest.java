package io.github.faceparse4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BoundaryMapTest {

    private static final LabelScheme THREE = LabelScheme.SKIN_HAIR_BG_3;

    @Test
    void verticalEdgeGivesABandOnBothSides() {
        // Two columns of hair, three of background.
        byte[] ids = new byte[5 * 3];
        for (int y = 0; y < 3; y++) {
            ids[y * 5] = 2;
            ids[y * 5 + 1] = 2;
        }
        LabelMap map = LabelMap.of(THREE, 5, 3, ids);
        float[] row1 = {1, 0, 0, 1, 1};
        float[] row2 = {0, 0, 0, 0, 1};
        assertArrayEquals(repeat(row1, 3), BoundaryMap.of(map, 1).toFloats());
        assertArrayEquals(repeat(row2, 3), BoundaryMap.of(map, 2).toFloats());
        assertEquals(6, BoundaryMap.of(map, 1).boundaryCount());
    }

    @Test
    void widthIsACityBlockDistanceSoDiagonalsWaitForWidthTwo() {
        byte[] ids = new byte[9];
        ids[4] = 1; // a single skin pixel in the middle
        LabelMap map = LabelMap.of(THREE, 3, 3, ids);
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 1, 0, 1}, BoundaryMap.of(map, 1).toFloats());
        assertArrayEquals(new float[9], BoundaryMap.of(map, 2).toFloats());
        assertTrue(BoundaryMap.of(map, 1).isBoundary(1, 0));
    }

    @Test
    void uniformMapHasNoBoundary() {
        BoundaryMap none = BoundaryMap.of(LabelMap.filled(THREE, 4, 4, 1), 3);
        assertEquals(0, none.boundaryCount());
        for (float v : none.toFloats()) {
            assertEquals(1f, v);
        }
    }

    @Test
    void matchesTheDefinitionOnARealLabelMap() throws IOException {
        LabelMap map = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").loadLabels(2).resizeNearest(96, 96);
        for (int width = 1; width <= 3; width++) {
            BoundaryMap boundary = BoundaryMap.of(map, width);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    assertEquals(differentIdWithin(map, x, y, width), boundary.isBoundary(x, y),
                            "width " + width + " at (" + x + "," + y + ")");
                }
            }
        }
        assertTrue(BoundaryMap.of(map, 2).boundaryCount() > BoundaryMap.of(map, 1).boundaryCount());
    }

    @Test
    void tensorAndSlotLayouts() {
        LabelMap map = LabelMap.of(THREE, 2, 2, new byte[] {0, 0, 0, 2});
        BoundaryMap boundary = BoundaryMap.of(map, 1);
        INDArray t = boundary.toTensor();
        assertArrayEquals(new long[] {1, 1, 2, 2}, t.shape());
        assertEquals(1f, t.getFloat(0, 0, 0, 0));
        assertEquals(0f, t.getFloat(0, 0, 1, 1));
        float[] buffer = new float[8];
        boundary.fill(buffer, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0}, buffer);
        assertThrows(IllegalArgumentException.class, () -> boundary.fill(buffer, 5));
        assertThrows(IllegalArgumentException.class, () -> BoundaryMap.of(map, 0));
    }

    private static boolean differentIdWithin(LabelMap map, int x, int y, int width) {
        for (int dy = -width; dy <= width; dy++) {
            for (int dx = -width; dx <= width; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (Math.abs(dx) + Math.abs(dy) <= width && nx >= 0 && ny >= 0 && nx < map.width()
                        && ny < map.height() && map.get(nx, ny) != map.get(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static float[] repeat(float[] row, int times) {
        float[] out = new float[row.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }
}
