package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class Stage1LabelsTest {

    @Test
    void nineClassesAreHelenWithoutSkinAndHair() {
        assertEquals(List.of("background", "left_brow", "right_brow", "left_eye", "right_eye", "nose", "upper_lip",
                "inner_mouth", "lower_lip"), Stage1Labels.names());
        assertEquals(0, Stage1Labels.classOf(1));
        assertEquals(0, Stage1Labels.classOf(10));
        for (int c = 0; c < Stage1Labels.NUM_CLASSES; c++) {
            assertEquals(c, Stage1Labels.classOf(Stage1Labels.helenId(c)));
        }
    }

    @Test
    void oneHotAndBackOnARealFace() {
        LabelMap helen = Fixtures.helenSample(7).labels();
        float[] oneHot = new float[5 + 9 * 256 * 256];

        Stage1Labels.fillOneHot(helen, oneHot, 5);

        int plane = 256 * 256;
        byte[] classes = new byte[plane];
        for (int i = 0; i < plane; i++) {
            float sum = 0;
            for (int c = 0; c < 9; c++) {
                float v = oneHot[5 + c * plane + i];
                sum += v;
                if (v == 1f) {
                    classes[i] = (byte) c;
                }
            }
            assertEquals(1f, sum);
        }
        LabelMap back = Stage1Labels.toHelen(classes, 256, 256);
        for (int y = 0; y < 256; y += 3) {
            for (int x = 0; x < 256; x += 3) {
                int id = helen.get(x, y);
                assertEquals(id == 1 || id == 10 ? 0 : id, back.get(x, y));
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.helenId(9));
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.classOf(11));
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.toHelen(new byte[] {9}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.toHelen(new byte[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.fillOneHot(
                LabelMap.filled(LabelScheme.HELEN_11, 4, 4, 0), new float[9 * 16 - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> Stage1Labels.fillOneHot(
                LabelMap.filled(LabelScheme.CELEBAMASK_19, 4, 4, 0), new float[9 * 16], 0));
    }
}
