package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

class LargestPartComponentsTest {

    private static final int W = 64;

    @Test
    void strayBlobsBecomeSkinAndTheMouthsClassesCountAsOneBlob() {
        byte[] ids = new byte[W * W];
        PairedPartSidesTest.box(ids, 20, 40, 40, 43, 7); // upper lip
        PairedPartSidesTest.box(ids, 20, 40, 43, 45, 8); // inner mouth, touching it
        PairedPartSidesTest.box(ids, 20, 40, 45, 48, 9); // lower lip, touching it
        PairedPartSidesTest.box(ids, 2, 12, 2, 12, 9);   // a larger-than-each-lip stray "lower lip" on the hair
        PairedPartSidesTest.box(ids, 30, 34, 20, 30, 6); // nose
        PairedPartSidesTest.box(ids, 50, 51, 20, 21, 6); // one stray nose pixel
        LabelMap kept = LargestPartComponents.of(LabelMap.of(LabelScheme.HELEN_11, W, W, ids));
        assertEquals(1, kept.get(5, 5), "stray lower lip is skin now");
        assertEquals(1, kept.get(50, 20), "stray nose pixel is skin now");
        assertEquals(7, kept.get(25, 41));
        assertEquals(8, kept.get(25, 44));
        assertEquals(9, kept.get(25, 46));
        assertEquals(6, kept.get(31, 25));
        assertEquals(0, kept.get(60, 60));
    }

    @Test
    void diagonalNeighboursAreOneBlob() {
        byte[] ids = new byte[W * W];
        for (int i = 10; i < 20; i++) {
            ids[i * W + i] = 4; // a diagonal line of left-eye pixels, 8-connected
        }
        ids[40 * W + 40] = 4;
        LabelMap kept = LargestPartComponents.of(LabelMap.of(LabelScheme.HELEN_11, W, W, ids));
        assertEquals(4, kept.get(15, 15));
        assertEquals(1, kept.get(40, 40));
    }

    @Test
    void aFixtureFacesTruthKeepsEveryPartPixelItsLargestBlobHolds() {
        LabelMap truth = Fixtures.helenSample(0).labels();
        LabelMap kept = LargestPartComponents.of(truth);
        PartCentres before = PartCentres.locate(truth, CentreMethod.MEDIAN);
        PartCentres after = PartCentres.locate(kept, CentreMethod.MEDIAN);
        for (FacePart part : FacePart.values()) {
            assertEquals(before.found(part), after.found(part), part.toString());
            assertEquals(before.x(part), after.x(part), 3.0, part.toString());
            assertEquals(before.y(part), after.y(part), 3.0, part.toString());
        }
    }
}
