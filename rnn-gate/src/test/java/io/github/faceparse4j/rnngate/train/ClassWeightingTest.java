package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassWeightingTest {

    @Test
    void sqrtMedianFrequencyFollowsItsFormula() {
        // Frequencies 0.81, 0.18, 0.01: median 0.18, raw weights sqrt(0.18/f) = 0.4714, 1, 4.2426.
        double[] w = ClassWeighting.SQRT_MEDIAN_FREQUENCY.weights(new long[] {81, 18, 1});
        double mean = 0.81 * 0.4714045 + 0.18 + 0.01 * 4.2426407;
        assertEquals(0.4714045 / mean, w[0], 1e-6);
        assertEquals(1 / mean, w[1], 1e-6);
        assertEquals(4.2426407 / mean, w[2], 1e-6);
        assertEquals(1.0, 0.81 * w[0] + 0.18 * w[1] + 0.01 * w[2], 1e-9, "frequency-weighted mean is 1");
    }

    @Test
    void absentAndRareClassesAreClamped() {
        double[] w = ClassWeighting.SQRT_MEDIAN_FREQUENCY.weights(new long[] {1_000_000, 1000, 1, 0});
        double ratio = Arrays.stream(w).max().getAsDouble() / Arrays.stream(w).min().getAsDouble();
        assertTrue(ratio <= ClassWeighting.MAX_RATIO * ClassWeighting.MAX_RATIO + 1e-9, "ratio " + ratio);
    }

    @Test
    void noneMeansUniformAndBadInputIsRejected() {
        assertNull(ClassWeighting.NONE.weights(new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ClassWeighting.SQRT_MEDIAN_FREQUENCY.weights(new long[2]));
        assertThrows(IllegalArgumentException.class, () -> ClassWeighting.byName("inverse"));
        assertEquals(ClassWeighting.SQRT_MEDIAN_FREQUENCY, ClassWeighting.byName("sqrt-median"));
    }

    @Test
    void helenFacePartsGetMoreWeightThanSkinOnRealFaces() throws IOException {
        FaceDataset faces = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        long[] counts = ClassWeighting.countPixels(faces, LabelScheme.HELEN_11, 64, 8);
        assertEquals(8L * 64 * 64, Arrays.stream(counts).sum());
        double[] w = ClassWeighting.SQRT_MEDIAN_FREQUENCY.weights(counts);
        int skin = LabelScheme.HELEN_11.idOf("skin");
        int eye = LabelScheme.HELEN_11.idOf("left_eye");
        assertTrue(w[eye] > 3 * w[skin], Arrays.toString(w));
    }
}
