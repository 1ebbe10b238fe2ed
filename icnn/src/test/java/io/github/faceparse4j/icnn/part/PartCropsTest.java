package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartCropsTest {

    @Test
    void pastingTrueCropLabelsRebuildsThePartsOfARealFace() {
        long differing = 0;
        long partPixels = 0;
        for (int i = 0; i < Fixtures.celebaMask24().size(); i++) {
            LabelMap helen = Fixtures.helenSample(i).labels();
            PartCrops crops = PartCrops.around(PartCentres.locate(helen, CentreMethod.CENTROID));
            Map<FacePart, byte[]> predictions = new EnumMap<>(FacePart.class);
            for (FacePart part : FacePart.values()) {
                predictions.put(part, crops.get(part).cropLabels(helen));
            }

            LabelMap pasted = crops.paste(LabelMap.filled(LabelScheme.HELEN_11, 256, 256, 0), predictions);

            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    int truth = helen.get(x, y);
                    boolean isPart = truth >= 2 && truth <= 9;
                    partPixels += isPart ? 1 : 0;
                    int expected = isPart ? truth : 0;
                    differing += pasted.get(x, y) != expected ? 1 : 0;
                }
            }
        }
        // Only part pixels outside their crop may be lost (under 1 %, see PartCropTest); nothing else changes.
        assertTrue(differing < 0.01 * partPixels, differing + " of " + partPixels);
    }

    @Test
    void pasteKeepsTheBaseWherePartsSayBackground() {
        PartCrops crops = PartCrops.around(PartCentres.meanFace(256, 256));
        byte[] nose = new byte[64 * 64];
        nose[32 * 64 + 32] = 1;
        LabelMap base = LabelMap.filled(LabelScheme.HELEN_11, 256, 256, 1);

        LabelMap pasted = crops.paste(base, Map.of(FacePart.NOSE, nose));

        PartCrop crop = crops.get(FacePart.NOSE);
        assertEquals(6, pasted.get(crop.x() + 32, crop.y() + 32));
        assertEquals(255 * 256 + 255, pasted.classCounts()[1]);
    }

    @Test
    void rejectsABaseOfTheWrongSizeOrScheme() {
        PartCrops crops = PartCrops.around(PartCentres.meanFace(256, 256));
        assertThrows(IllegalArgumentException.class,
                () -> crops.paste(LabelMap.filled(LabelScheme.HELEN_11, 128, 128, 0), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> crops.paste(LabelMap.filled(LabelScheme.SKIN_HAIR_BG_3, 256, 256, 0), Map.of()));
    }
}
