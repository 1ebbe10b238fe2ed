package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

class PairedPartSidesTest {

    private static final int W = 64;

    @Test
    void bothEyesCalledLeftAreSplitAtTheNose() {
        byte[] ids = new byte[W * W];
        box(ids, 30, 35, 30, 40, 6);  // nose, columns 30..34: midline x = 32.5
        box(ids, 12, 20, 20, 23, 4);  // an eye on the image's left, called the person's left
        box(ids, 44, 52, 20, 23, 4);  // the other eye, also called left
        box(ids, 12, 20, 15, 17, 2);  // a brow on the image's left, called left
        LabelMap sided = PairedPartSides.bySide(LabelMap.of(LabelScheme.HELEN_11, W, W, ids));
        assertEquals(5, sided.get(15, 21), "image-left eye is the person's right");
        assertEquals(4, sided.get(48, 21), "image-right eye is the person's left");
        assertEquals(3, sided.get(15, 16), "image-left brow is the person's right");
        assertEquals(6, sided.get(31, 37), "nose unchanged");
    }

    @Test
    void aCorrectlySidedFixtureFaceIsUnchanged() {
        for (int i = 0; i < 6; i++) {
            LabelMap truth = Fixtures.helenSample(i).labels();
            assertEquals(truth, PairedPartSides.bySide(truth), "fixture " + i);
        }
    }

    @Test
    void rejectsOtherSchemes() {
        LabelMap threeClass = LabelMap.filled(LabelScheme.SKIN_HAIR_BG_3, 8, 8, 1);
        assertThrows(IllegalArgumentException.class, () -> PairedPartSides.bySide(threeClass));
    }

    static void box(byte[] ids, int x0, int x1, int y0, int y1, int id) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                ids[y * W + x] = (byte) id;
            }
        }
    }
}
