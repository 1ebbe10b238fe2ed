package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartCentresTest {

    @ParameterizedTest
    @EnumSource(CentreMethod.class)
    void centresOfRealFacesLieInsideEachPartsBoundingBox(CentreMethod method) {
        int checked = 0;
        for (int i = 0; i < Fixtures.celebaMask24().size(); i++) {
            LabelMap helen = Fixtures.helenSample(i).labels();
            PartCentres centres = PartCentres.locate(helen, method);
            for (FacePart part : FacePart.values()) {
                int[] box = boundingBox(helen, part);
                if (box == null) {
                    assertFalse(centres.found(part), part + " has no pixels in fixture " + i);
                    continue;
                }
                assertTrue(centres.found(part));
                double x = centres.x(part);
                double y = centres.y(part);
                String where = part + " of fixture " + i + " at (" + x + ", " + y + ")";
                assertTrue(x >= box[0] && x <= box[2] + 1 && y >= box[1] && y <= box[3] + 1, where);
                checked++;
            }
        }
        assertTrue(checked >= 24 * 5, "too few parts checked: " + checked);
    }

    @Test
    void mouthCentreLiesOnTheMouthAndEyeCentresOnTheEyes() {
        // Eyes and the merged mouth are convex enough that the centroid pixel is the part itself.
        for (int i = 0; i < Fixtures.celebaMask24().size(); i++) {
            LabelMap helen = Fixtures.helenSample(i).labels();
            PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
            for (FacePart part : new FacePart[] {FacePart.LEFT_EYE, FacePart.RIGHT_EYE, FacePart.MOUTH}) {
                if (centres.found(part)) {
                    int id = helen.get((int) centres.x(part), (int) centres.y(part));
                    assertTrue(part.contains(id), part + " centre of fixture " + i + " is on id " + id);
                }
            }
        }
    }

    @Test
    void rectangleCentreIsExactForBothMethods() {
        // Nose pixels at columns 10..19 and rows 4..7 of a 32x16 map: centre (15, 6) in continuous coordinates.
        byte[] ids = new byte[32 * 16];
        for (int y = 4; y < 8; y++) {
            for (int x = 10; x < 20; x++) {
                ids[y * 32 + x] = 6;
            }
        }
        LabelMap map = LabelMap.of(LabelScheme.HELEN_11, 32, 16, ids);
        for (CentreMethod method : CentreMethod.values()) {
            PartCentres centres = PartCentres.locate(map, method);
            assertEquals(15.0, centres.x(FacePart.NOSE), 1e-9, method.name());
            assertEquals(6.0, centres.y(FacePart.NOSE), 1e-9, method.name());
        }
    }

    @Test
    void medianIgnoresAFewStrayPixelsThatMoveTheCentroid() {
        byte[] ids = new byte[64 * 64];
        for (int y = 30; y < 34; y++) {
            for (int x = 20; x < 30; x++) {
                ids[y * 64 + x] = 4;
            }
        }
        ids[2 * 64 + 62] = 4; // one stray left-eye pixel far away
        ids[3 * 64 + 62] = 4;
        LabelMap map = LabelMap.of(LabelScheme.HELEN_11, 64, 64, ids);

        PartCentres median = PartCentres.locate(map, CentreMethod.MEDIAN);
        PartCentres centroid = PartCentres.locate(map, CentreMethod.CENTROID);

        // The block alone has its centre at (25, 32); two of 42 pixels move the median half a pixel at most, the
        // centroid almost two.
        assertEquals(25.0, median.x(FacePart.LEFT_EYE), 0.5);
        assertEquals(32.0, median.y(FacePart.LEFT_EYE), 0.5);
        assertTrue(centroid.x(FacePart.LEFT_EYE) > 26.5);
    }

    @Test
    void missingPartFallsBackToMeanFaceMovedWithTheFoundParts() {
        LabelMap helen = Fixtures.helenSample(0).labels();
        PartCentres full = PartCentres.locate(helen, CentreMethod.CENTROID);
        byte[] ids = helen.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == 4) {
                ids[i] = 1; // left eye becomes skin
            }
        }
        PartCentres withoutEye = PartCentres.locate(LabelMap.of(LabelScheme.HELEN_11, 256, 256, ids),
                CentreMethod.CENTROID);

        assertFalse(withoutEye.found(FacePart.LEFT_EYE));
        assertTrue(withoutEye.found(FacePart.RIGHT_EYE));
        // The fallback is within a few pixels of the true eye: close enough for a 64-pixel crop.
        assertEquals(full.x(FacePart.LEFT_EYE), withoutEye.x(FacePart.LEFT_EYE), 12);
        assertEquals(full.y(FacePart.LEFT_EYE), withoutEye.y(FacePart.LEFT_EYE), 12);
        assertEquals(full.x(FacePart.NOSE), withoutEye.x(FacePart.NOSE), 1e-9);
    }

    @Test
    void emptyMapGivesTheMeanFace() {
        PartCentres centres = PartCentres.locate(LabelMap.filled(LabelScheme.HELEN_11, 128, 128, 1),
                CentreMethod.MEDIAN);
        PartCentres mean = PartCentres.meanFace(128, 128);
        for (FacePart part : FacePart.values()) {
            assertFalse(centres.found(part));
            assertEquals(mean.x(part), centres.x(part), 1e-9);
            assertEquals(mean.y(part), centres.y(part), 1e-9);
        }
        assertTrue(mean.x(FacePart.LEFT_EYE) > mean.x(FacePart.RIGHT_EYE), "person's left is the image's right");
    }

    @Test
    void centresFromADownsizedMapScaleBackToTheFace() {
        LabelMap helen = Fixtures.helenSample(3).labels();
        PartCentres full = PartCentres.locate(helen, CentreMethod.CENTROID);
        PartCentres small = PartCentres.locate(helen.resizeNearest(64, 64), CentreMethod.CENTROID).scaledTo(256, 256);

        assertEquals(256, small.width());
        for (FacePart part : FacePart.values()) {
            assertEquals(full.x(part), small.x(part), 2.0, part.name());
            assertEquals(full.y(part), small.y(part), 2.0, part.name());
        }
    }

    @Test
    void explicitCentresNeedEveryPart() {
        assertThrows(IllegalArgumentException.class,
                () -> PartCentres.of(256, 256, Map.of(FacePart.NOSE, new double[] {1, 2})));
    }

    @Test
    void rejectsMapsInOtherSchemes() {
        LabelMap celeba = Fixtures.celebaMask24Labels(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartCentres.locate(celeba, CentreMethod.CENTROID));
        assertTrue(e.getMessage().contains("celebamask-19"), e.getMessage());
    }

    /** {minX, minY, maxX, maxY} of the part's pixels, or null if it has none. */
    static int[] boundingBox(LabelMap map, FacePart part) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (part.contains(map.get(x, y))) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box[2] < 0 ? null : box;
    }

    @Test
    void anOutlyingCentreIsReplacedByTheMeanFaceFittedToTheOthers() {
        // The mean face scaled by 0.9, rotated by 10 degrees and shifted: a face the fit must reproduce exactly.
        PartCentres mean = PartCentres.meanFace(256, 256);
        double angle = Math.toRadians(10);
        double a = 0.9 * Math.cos(angle);
        double b = 0.9 * Math.sin(angle);
        Map<FacePart, double[]> moved = new java.util.EnumMap<>(FacePart.class);
        for (FacePart part : FacePart.values()) {
            double x = mean.x(part);
            double y = mean.y(part);
            moved.put(part, new double[] {a * x - b * y + 20, b * x + a * y - 7});
        }
        double[] trueMouth = moved.get(FacePart.MOUTH).clone();
        moved.put(FacePart.MOUTH, new double[] {trueMouth[0] - 60, trueMouth[1] - 90}); // a mouth on the forehead
        PartCentres fixed = PartCentres.of(256, 256, moved).withOutliersReplaced(15);
        assertFalse(fixed.found(FacePart.MOUTH));
        assertEquals(trueMouth[0], fixed.x(FacePart.MOUTH), 1e-9);
        assertEquals(trueMouth[1], fixed.y(FacePart.MOUTH), 1e-9);
        for (FacePart part : FacePart.values()) {
            if (part != FacePart.MOUTH) {
                assertTrue(fixed.found(part), part.toString());
                assertEquals(moved.get(part)[0], fixed.x(part), 0, part.toString());
            }
        }
    }

    @Test
    void consistentCentresAndFacesWithFewerThanThreePartsAreLeftAlone() {
        PartCentres truth = PartCentres.locate(Fixtures.helenSample(0).labels(), CentreMethod.CENTROID);
        PartCentres same = truth.withOutliersReplaced(15);
        for (FacePart part : FacePart.values()) {
            assertEquals(truth.x(part), same.x(part), 0, part.toString());
            assertEquals(truth.found(part), same.found(part), part.toString());
        }
        byte[] ids = new byte[64 * 64];
        ids[10 * 64 + 10] = 6; // a nose and an upper lip far apart: two parts, nothing to vote with
        ids[60 * 64 + 60] = 7;
        PartCentres two = PartCentres.locate(LabelMap.of(LabelScheme.HELEN_11, 64, 64, ids), CentreMethod.MEDIAN);
        assertTrue(two.withOutliersReplaced(1) == two);
        assertThrows(IllegalArgumentException.class, () -> two.withOutliersReplaced(0));
    }
}
