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
    void classesAndBackOnARealFace() {
        LabelMap helen = Fixtures.helenSample(7).labels();

        byte[] classes = Stage1Labels.classesOf(helen);
        LabelMap back = Stage1Labels.toHelen(classes, 256, 256);

        long[] counts = helen.classCounts();
        long[] backCounts = back.classCounts();
        assertEquals(counts[0] + counts[1] + counts[10], backCounts[0]);
        for (int id = 2; id <= 9; id++) {
            assertEquals(counts[id], backCounts[id], "HELEN id " + id);
        }
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
        assertThrows(IllegalArgumentException.class,
                () -> Stage1Labels.classesOf(LabelMap.filled(LabelScheme.CELEBAMASK_19, 4, 4, 0)));
    }
}
