package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsingMetricsTest {

    private static final double EPS = 1e-12;

    /*
     * HELEN-11 ids: 0 bg, 1 skin, 2 l-brow, 3 r-brow, 4 l-eye, 5 r-eye, 6 nose, 7 u-lip, 8 in-mouth, 9 l-lip, 10 hair.
     * Hair is in neither map (F1 NaN); background is only predicted (F1 0); lower lip is never predicted.
     */
    static final LabelMap HELEN_TRUTH = LabelMap.of(LabelScheme.HELEN_11, 4, 4, new byte[] {
            2, 2, 3, 3,
            4, 4, 5, 5,
            1, 6, 6, 1,
            7, 8, 8, 9});
    static final LabelMap HELEN_PREDICTION = LabelMap.of(LabelScheme.HELEN_11, 4, 4, new byte[] {
            2, 3, 3, 1,
            4, 4, 4, 5,
            1, 6, 1, 1,
            7, 7, 8, 0});
    /*
     * (truth, prediction) pairs:
     *   row 0: (2,2) (2,3) (3,3) (3,1)
     *   row 1: (4,4) (4,4) (5,4) (5,5)
     *   row 2: (1,1) (6,6) (6,1) (1,1)
     *   row 3: (7,7) (8,7) (8,8) (9,0)
     *
     * class      TP  FP            FN            F1 = 2TP/(2TP+FP+FN)   IoU = TP/(TP+FP+FN)
     * 0 bg        0   1 (9->0)      0             0/1  = 0               0/1 = 0
     * 1 skin      2   2 (3->1,6->1) 0             4/6  = 2/3             2/4
     * 2 l-brow    1   0             1 (2->3)      2/3                    1/2
     * 3 r-brow    1   1 (2->3)      1 (3->1)      2/4  = 1/2             1/3
     * 4 l-eye     2   1 (5->4)      0             4/5                    2/3
     * 5 r-eye     1   0             1 (5->4)      2/3                    1/2
     * 6 nose      1   0             1 (6->1)      2/3                    1/2
     * 7 u-lip     1   1 (8->7)      0             2/3                    1/2
     * 8 in-mouth  1   0             1 (8->7)      2/3                    1/2
     * 9 l-lip     0   0             1 (9->0)      0/1  = 0               0/1 = 0
     * 10 hair     0   0             0             NaN                    NaN
     */

    private static ParsingMetrics helenMetrics() {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        matrix.add(HELEN_TRUTH, HELEN_PREDICTION);
        return ParsingMetrics.of(matrix);
    }

    @Test
    void perClassScoresMatchHandComputedTable() {
        ParsingMetrics m = helenMetrics();
        double[] expectedF1 = {0, 2.0 / 3, 2.0 / 3, 0.5, 0.8, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 0, Double.NaN};
        double[] expectedIoU = {0, 0.5, 0.5, 1.0 / 3, 2.0 / 3, 0.5, 0.5, 0.5, 0.5, 0, Double.NaN};
        for (int c = 0; c < 11; c++) {
            assertEquals(expectedF1[c], m.f1(c), EPS, "F1 of class " + c);
            assertEquals(expectedIoU[c], m.iou(c), EPS, "IoU of class " + c);
        }
        // r-brow: TP 1, FP 1, FN 1
        assertEquals(0.5, m.precision(3), EPS);
        assertEquals(0.5, m.recall(3), EPS);
        // l-eye: TP 2, FP 1, FN 0
        assertEquals(2.0 / 3, m.precision(4), EPS);
        assertEquals(1.0, m.recall(4), EPS);
        assertEquals(m.f1(4), m.f1("left_eye"), EPS);
    }

    @Test
    void absentClassIsNaNButPredictedOnlyOrMissedClassIsZero() {
        ParsingMetrics m = helenMetrics();
        int hair = 10;
        assertTrue(Double.isNaN(m.precision(hair)));
        assertTrue(Double.isNaN(m.recall(hair)));
        assertTrue(Double.isNaN(m.f1(hair)));
        assertTrue(Double.isNaN(m.iou(hair)));
        // background: only predicted (TP 0, FP 1): precision 0, recall undefined, F1 0
        assertEquals(0, m.precision(0), EPS);
        assertTrue(Double.isNaN(m.recall(0)));
        assertEquals(0, m.f1(0), EPS);
        // lower lip: never predicted (TP 0, FN 1): precision undefined, recall 0, F1 0
        assertTrue(Double.isNaN(m.precision(9)));
        assertEquals(0, m.recall(9), EPS);
    }

    @Test
    void meansLeaveOutTheAbsentClass() {
        ParsingMetrics m = helenMetrics();
        // IoU over the 10 defined classes: 0 + 1/2 + 1/2 + 1/3 + 2/3 + 1/2 + 1/2 + 1/2 + 1/2 + 0 = 4
        assertEquals(4.0 / 10, m.meanIoU(), EPS);
        // F1 over the 10 defined classes: 0 + 6 * 2/3 + 1/2 + 4/5 + 0 = 5.3
        assertEquals(5.3 / 10, m.meanF1(), EPS);
    }

    @Test
    void pixelAccuracyIsTheDiagonalShare() {
        // diagonal: skin 2 + l-brow 1 + r-brow 1 + l-eye 2 + r-eye 1 + nose 1 + u-lip 1 + in-mouth 1 = 10 of 16
        assertEquals(10.0 / 16, helenMetrics().pixelAccuracy(), EPS);
        assertEquals(16, helenMetrics().totalPixels());
    }

    @Test
    void overallFSumsCountsOverComponentsKeepingLeftAndRightApart() {
        // classes 2..9: TP 1+1+2+1+1+1+1+0 = 8, FP 0+1+1+0+0+1+0+0 = 3, FN 1+1+0+1+1+0+1+1 = 6
        // overall F = 2*8 / (2*8 + 3 + 6) = 16/25
        assertEquals(16.0 / 25, helenMetrics().overallF(), EPS);
        assertEquals(16.0 / 25, helenMetrics().microF1(ClassGroup.FACIAL_COMPONENTS), EPS);
    }

    @Test
    void groupedFMergesTheClasses() {
        ParsingMetrics m = helenMetrics();
        // brows (2,3): truth pixels (2,2) (2,3) (3,3) (3,1): TP 3 (l/r confusion is no error), FN 1, FP 0 -> 6/7
        assertEquals(6.0 / 7, m.unionF1(ClassGroup.BROWS), EPS);
        // eyes (4,5): all four truth eye pixels are predicted as an eye and nothing else is -> 1
        assertEquals(1.0, m.unionF1(ClassGroup.EYES), EPS);
        // mouth (7,8,9): (7,7) (8,7) (8,8) in, (9,0) out: TP 3, FN 1, FP 0 -> 6/7
        assertEquals(6.0 / 7, m.unionF1(ClassGroup.MOUTH), EPS);
        // micro over the eyes keeps the 5->4 confusion: TP 3, FP 1, FN 1 -> 6/8
        assertEquals(0.75, m.microF1(ClassGroup.EYES), EPS);
    }

    @Test
    void threeClassScoresMatchHandComputedTable() {
        // ConfusionMatrixTest.EXPECTED: rows truth, columns prediction
        // {2,1,1},{1,5,0},{0,1,1}; column sums 3, 7, 2
        ParsingMetrics m = ParsingMetrics.of(ConfusionMatrix.of(LabelScheme.SKIN_HAIR_BG_3,
                ConfusionMatrixTest.EXPECTED));
        // bg: TP 2, FP 3-2 = 1, FN 4-2 = 2 -> F1 4/7, IoU 2/5, precision 2/3, recall 2/4
        assertEquals(4.0 / 7, m.f1("background"), EPS);
        assertEquals(2.0 / 3, m.precision(0), EPS);
        assertEquals(0.5, m.recall(0), EPS);
        // skin: TP 5, FP 7-5 = 2, FN 6-5 = 1 -> F1 10/13, IoU 5/8
        assertEquals(10.0 / 13, m.f1("skin"), EPS);
        // hair: TP 1, FP 1, FN 1 -> F1 1/2, IoU 1/3
        assertEquals(0.5, m.f1("hair"), EPS);
        assertEquals((2.0 / 5 + 5.0 / 8 + 1.0 / 3) / 3, m.meanIoU(), EPS);
        // accuracy (2 + 5 + 1) / 12
        assertEquals(8.0 / 12, m.pixelAccuracy(), EPS);
    }

    @Test
    void scoresAreUnchangedByMergingCopiesOfTheSameResult() {
        ConfusionMatrix twice = new ConfusionMatrix(LabelScheme.HELEN_11);
        twice.add(HELEN_TRUTH, HELEN_PREDICTION);
        twice.add(HELEN_TRUTH, HELEN_PREDICTION);
        ParsingMetrics m = ParsingMetrics.of(twice);
        assertEquals(32, m.totalPixels());
        assertEquals(16.0 / 25, m.overallF(), EPS);
        assertEquals(6.0 / 7, m.unionF1(ClassGroup.MOUTH), EPS);
    }

    @Test
    void snapshotIgnoresLaterAdds() {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        matrix.add(HELEN_TRUTH, HELEN_PREDICTION);
        ParsingMetrics m = ParsingMetrics.of(matrix);
        matrix.add(HELEN_TRUTH, HELEN_TRUTH);
        assertEquals(10.0 / 16, m.pixelAccuracy(), EPS);
    }

    @Test
    void emptyMatrixGivesNaN() {
        ParsingMetrics m = ParsingMetrics.of(new ConfusionMatrix(LabelScheme.HELEN_11));
        assertTrue(Double.isNaN(m.pixelAccuracy()));
        assertTrue(Double.isNaN(m.meanIoU()));
        assertTrue(Double.isNaN(m.overallF()));
    }

    @Test
    void groupsNeedTheirClassesInTheScheme() {
        ParsingMetrics threeClass = ParsingMetrics.of(new ConfusionMatrix(LabelScheme.SKIN_HAIR_BG_3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, threeClass::overallF);
        assertTrue(e.getMessage().contains("skin-hair-bg-3") && e.getMessage().contains("left_brow"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> threeClass.f1(3));
        assertThrows(IllegalArgumentException.class, () -> threeClass.f1("nose"));
    }

    @Test
    void groupsWorkByNameInCelebAMaskToo() {
        LabelScheme celeba = LabelScheme.CELEBAMASK_19;
        // left_eye is id 4 and right_eye id 5 in CelebAMask-19 as well; a 1x2 map: l-eye predicted as r-eye
        LabelMap truth = LabelMap.of(celeba, 2, 1, new byte[] {4, 4});
        LabelMap prediction = LabelMap.of(celeba, 2, 1, new byte[] {5, 4});
        ConfusionMatrix matrix = new ConfusionMatrix(celeba);
        matrix.add(truth, prediction);
        ParsingMetrics m = ParsingMetrics.of(matrix);
        assertEquals(1.0, m.unionF1(ClassGroup.EYES), EPS);
        // micro: l-eye TP 1 FN 1, r-eye FP 1 -> 2/4
        assertEquals(0.5, m.overallF(), EPS);
    }

    @Test
    void badGroupsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClassGroup("none", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClassGroup("twice", List.of("nose", "nose")));
    }

    @Test
    void perClassTableListsEveryClass() {
        MetricTable table = helenMetrics().perClassTable();
        assertEquals(12, table.rows().size());
        assertEquals("hair", table.rows().get(10).label());
        assertTrue(table.toPlainText().contains("n/a"));
    }
}
