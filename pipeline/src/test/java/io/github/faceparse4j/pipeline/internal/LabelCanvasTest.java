package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelCanvasTest {

    private static final LabelScheme HELEN = LabelScheme.HELEN_11;
    private static final int SKIN = 1;
    private static final int HAIR = 10;

    @Test
    void givesSharedPixelsToTheFaceTheyLieMostCentrallyIn() {
        // Frames [0, 100) and [60, 180) across, overlapping on [60, 100); the second is larger (120 px).
        List<FaceCrop> crops = List.of(FaceCrop.square(50, 50, 100, 200, 100), FaceCrop.square(120, 50, 120, 200, 100));
        LabelMap skin = LabelMap.filled(HELEN, 16, 16, SKIN);
        LabelMap hair = LabelMap.filled(HELEN, 16, 16, HAIR);
        LabelMap forward = paste(crops, skin, hair, false);
        LabelMap backward = paste(crops, skin, hair, true);
        assertEquals(forward, backward, "paste order must not matter");
        // At x + 0.5 the distances are |x + 0.5 - 50| / 50 and |x + 0.5 - 120| / 60: equal near x = 81.3.
        assertEquals(SKIN, forward.get(80, 50));
        assertEquals(HAIR, forward.get(82, 50));
        assertEquals(SKIN, forward.get(10, 50));
        assertEquals(HAIR, forward.get(170, 50));
        assertEquals(0, forward.get(190, 50));
    }

    @Test
    void fillsFromAShrunkMapBlockByBlock() {
        LabelMap small = LabelMap.of(HELEN, 2, 1, new byte[] {1, 2});
        LabelCanvas canvas = new LabelCanvas(HELEN, 5, 3);
        canvas.fillFromShrunk(small, 3);
        assertEquals(LabelMap.of(HELEN, 5, 3, new byte[] {
            1, 1, 1, 2, 2,
            1, 1, 1, 2, 2,
            1, 1, 1, 2, 2}), canvas.toLabelMap());
        assertThrows(IllegalArgumentException.class, () -> canvas.fillFromShrunk(small, 2));
    }

    @Test
    void rejectsMapsThatDoNotFit() {
        LabelCanvas canvas = new LabelCanvas(HELEN, 100, 100);
        List<FaceCrop> crops = List.of(FaceCrop.square(50, 50, 60, 100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> canvas.paste(LabelMap.filled(LabelScheme.SKIN_HAIR_BG_3, 8, 8, 1), 0, crops));
        assertThrows(IllegalArgumentException.class, () -> canvas.paste(LabelMap.filled(HELEN, 8, 4, 1), 0, crops));
        assertThrows(IllegalArgumentException.class, () -> canvas.paste(LabelMap.filled(HELEN, 8, 8, 1), 0,
                List.of(FaceCrop.square(50, 50, 60, 120, 100))));
    }

    private static LabelMap paste(List<FaceCrop> crops, LabelMap first, LabelMap second, boolean reversed) {
        LabelCanvas canvas = new LabelCanvas(HELEN, 200, 100);
        if (reversed) {
            canvas.paste(second, 1, crops);
            canvas.paste(first, 0, crops);
        } else {
            canvas.paste(first, 0, crops);
            canvas.paste(second, 1, crops);
        }
        return canvas.toLabelMap();
    }
}
