package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LabelTensorsTest {

    private static final LabelScheme THREE = LabelScheme.SKIN_HAIR_BG_3;

    @Test
    void oneHotPutsAOneInTheChannelOfEachId() {
        LabelMap map = LabelMap.of(THREE, 3, 2, new byte[] {0, 1, 2, 2, 1, 0});
        INDArray t = LabelTensors.oneHot(map);
        assertArrayEquals(new long[] {1, 3, 2, 3}, t.shape());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(map.get(x, y) == k ? 1f : 0f, t.getFloat(0, k, y, x), "(" + x + "," + y + ") " + k);
                }
            }
        }
        assertEquals(2f, LabelTensors.ids(map).getFloat(0, 0, 1, 0));
    }

    @Test
    void fillOneHotOverwritesStaleValues() {
        LabelMap map = LabelMap.of(THREE, 2, 1, new byte[] {2, 0});
        float[] buffer = new float[2 * 3 * 2];
        Arrays.fill(buffer, 7f);
        LabelTensors.fillOneHot(map, buffer, 6);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7, 0, 1, 0, 0, 1, 0}, buffer);
        assertThrows(IllegalArgumentException.class, () -> LabelTensors.fillOneHot(map, buffer, 7));
    }

    @Test
    void argmaxInvertsOneHotOnARealLabelMap() throws IOException {
        LabelMap celeba = LabelMap.fromGrayImage(LabelScheme.CELEBAMASK_19,
                ImageFiles.read(TestFixtures.celebaMask24().resolve("labels/0009.png")));
        LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(celeba);
        assertEquals(helen, LabelTensors.argmax(LabelTensors.oneHot(helen), 0, LabelScheme.HELEN_11));
    }

    @Test
    void argmaxDecodesEachImageOfABatchWithTiesToTheLowerId() {
        // Two 1x2 images with 3 classes.
        INDArray scores = Nd4j.create(new float[] {
            0.1f, 5f, /* class 1 */ 0.7f, 5f, /* class 2 */ 0.2f, -1f, // image 0
            3f, 0f, /* class 1 */ 2f, 0f, /* class 2 */ 9f, 0f}, // image 1: pixel 1 all tied
            new long[] {2, 3, 1, 2}, 'c');
        List<LabelMap> maps = LabelTensors.argmax(scores, THREE);
        assertEquals(2, maps.size());
        assertArrayEquals(new byte[] {1, 0}, maps.get(0).ids());
        assertArrayEquals(new byte[] {2, 0}, maps.get(1).ids());
        assertEquals(maps.get(1), LabelTensors.argmax(scores, 1, THREE));
    }

    @Test
    void argmaxRejectsWrongClassCountAndNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelTensors.argmax(Nd4j.zeros(1, 4, 2, 2), THREE));
        assertTrue(e.getMessage().contains("[1, 4, 2, 2]"), e.getMessage());
        INDArray nan = Nd4j.zeros(1, 3, 2, 2);
        nan.putScalar(new long[] {0, 1, 1, 0}, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> LabelTensors.argmax(nan, THREE));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelTensors.argmax(Nd4j.zeros(1, 3, 2, 2), 1, THREE));
    }
}
