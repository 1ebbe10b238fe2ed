package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class FacePartTest {

    @Test
    void partsMapToTheirHelenClasses() {
        for (FacePart part : FacePart.values()) {
            for (int label = 1; label < part.type().numLabels(); label++) {
                int id = part.helenId(label);
                assertEquals(label, part.labelOf(id));
                String helenName = LabelScheme.HELEN_11.className(id);
                String partName = part.type().labelNames().get(label);
                assertTrue(helenName.endsWith(partName), helenName + " vs " + partName);
            }
            assertEquals(0, part.helenId(0));
            assertEquals(0, part.labelOf(1), "skin is background for every part");
        }
        assertArrayEquals(new int[] {7, 8, 9}, FacePart.MOUTH.helenIds());
    }

    @Test
    void onlyRightBrowAndRightEyeAreMirroredAndTheyPairWithTheLeftOnes() {
        for (FacePart part : FacePart.values()) {
            boolean right = part == FacePart.RIGHT_BROW || part == FacePart.RIGHT_EYE;
            assertEquals(right, part.mirrored(), part.name());
            if (right) {
                // The HELEN mirror of a right part is the left part of the same type.
                int mirroredId = LabelScheme.HELEN_11.mirrorOf(part.helenId(1));
                FacePart left = part.type().parts().get(0);
                assertEquals(mirroredId, left.helenId(1));
                assertFalse(left.mirrored());
            }
        }
    }

    @Test
    void typesServeTheirParts() {
        assertEquals(List.of(FacePart.LEFT_BROW, FacePart.RIGHT_BROW), PartType.BROW.parts());
        assertEquals(List.of(FacePart.MOUTH), PartType.MOUTH.parts());
        assertEquals(80, FacePart.MOUTH.cropSize());
        assertEquals(64, FacePart.RIGHT_EYE.cropSize());
        assertEquals(4, PartType.MOUTH.numLabels());
        assertEquals(PartType.NOSE, PartType.byId("Nose"));
        assertThrows(IllegalArgumentException.class, () -> PartType.byId("ear"));
        assertThrows(IllegalArgumentException.class, () -> FacePart.NOSE.helenId(2));
    }
}
