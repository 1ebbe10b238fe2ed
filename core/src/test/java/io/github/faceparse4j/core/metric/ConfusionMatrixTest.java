package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionMatrixTest {

    private static final LabelScheme SHB = LabelScheme.SKIN_HAIR_BG_3;

    /** 4x3 maps, ids 0 bg, 1 skin, 2 hair. */
    static final LabelMap TRUTH = LabelMap.of(SHB, 4, 3, new byte[] {
            0, 0, 1, 1,
            0, 1, 1, 1,
            0, 2, 2, 1});
    static final LabelMap PREDICTION = LabelMap.of(SHB, 4, 3, new byte[] {
            0, 1, 1, 1,
            0, 1, 1, 0,
            2, 2, 1, 1});

    /*
     * (truth, prediction) pairs row by row:
     *   row 0: (0,0) (0,1) (1,1) (1,1)
     *   row 1: (0,0) (1,1) (1,1) (1,0)
     *   row 2: (0,2) (2,2) (2,1) (1,1)
     * truth 0: ->0 twice, ->1 once, ->2 once          = {2, 1, 1}
     * truth 1: ->1 2 + 2 + 1 = 5 times, ->0 once      = {1, 5, 0}
     * truth 2: ->2 once, ->1 once                     = {0, 1, 1}
     */
    static final long[][] EXPECTED = {
            {2, 1, 1},
            {1, 5, 0},
            {0, 1, 1}};

    @Test
    void countsPairsTruthByRowPredictionByColumn() {
        ConfusionMatrix matrix = new ConfusionMatrix(SHB);
        matrix.add(TRUTH, PREDICTION);
        assertArrayEquals(EXPECTED, matrix.counts());
        assertEquals(12, matrix.total());
        assertEquals(1, matrix.count(2, 1));
        assertEquals(0, matrix.count(1, 2));
    }

    @Test
    void perfectPredictionIsDiagonal() {
        ConfusionMatrix matrix = new ConfusionMatrix(SHB);
        matrix.add(TRUTH, TRUTH);
        // class sizes per row: bg 2 + 1 + 1 = 4, skin 2 + 3 + 1 = 6, hair 0 + 0 + 2 = 2
        assertArrayEquals(new long[][] {{4, 0, 0}, {0, 6, 0}, {0, 0, 2}}, matrix.counts());
    }

    @Test
    void mergingMatricesAddsCounts() {
        ConfusionMatrix a = new ConfusionMatrix(SHB);
        a.add(TRUTH, PREDICTION);
        ConfusionMatrix b = new ConfusionMatrix(SHB);
        b.add(TRUTH, TRUTH);
        a.add(b);
        // EXPECTED + diag(4, 6, 2)
        assertArrayEquals(new long[][] {{6, 1, 1}, {1, 11, 0}, {0, 1, 3}}, a.counts());
        assertEquals(24, a.total());
        // b is unchanged by the merge
        assertEquals(12, b.total());
    }

    @Test
    void concurrentAddsFromManyThreadsLoseNothing() throws Exception {
        ConfusionMatrix shared = new ConfusionMatrix(SHB);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                jobs.add(pool.submit(() -> shared.add(TRUTH, PREDICTION)));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        long[][] counts = shared.counts();
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(200 * EXPECTED[t][p], counts[t][p]);
            }
        }
    }

    @Test
    void countsAreACopy() {
        ConfusionMatrix matrix = ConfusionMatrix.of(SHB, EXPECTED);
        matrix.counts()[0][0] = 99;
        assertEquals(2, matrix.count(0, 0));
    }

    @Test
    void mismatchedSchemeIsRejected() {
        ConfusionMatrix matrix = new ConfusionMatrix(SHB);
        LabelMap helen = LabelMap.filled(LabelScheme.HELEN_11, 4, 3, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> matrix.add(TRUTH, helen));
        assertTrue(e.getMessage().contains("helen-11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> matrix.add(helen, helen));
        assertThrows(IllegalArgumentException.class,
                () -> matrix.add(new ConfusionMatrix(LabelScheme.HELEN_11)));
        assertEquals(0, matrix.total(), "a rejected add must not count anything");
    }

    @Test
    void mismatchedSizeIsRejected() {
        ConfusionMatrix matrix = new ConfusionMatrix(SHB);
        LabelMap small = LabelMap.filled(SHB, 3, 4, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> matrix.add(TRUTH, small));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("3x4"), e.getMessage());
    }

    @Test
    void badCountArraysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(SHB, new long[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(SHB, new long[][] {{0, 0, 0}, {0, 0}, {0, 0, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(SHB, new long[][] {{0, 0, 0}, {0, -1, 0}, {0, 0, 0}}));
    }
}
