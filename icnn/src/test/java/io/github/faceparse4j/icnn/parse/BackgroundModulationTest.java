package io.github.faceparse4j.icnn.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BackgroundModulationTest {

    @Test
    void modulatesOnlyTheBackgroundChannel() {
        float[] scores = {1, 2, 3, 4, 5, 6};
        new BackgroundModulation(2, -1).apply(scores, 0, 3);
        assertArrayEquals(new float[] {1, 3, 5, 4, 5, 6}, scores);
    }

    @Test
    void modulatesChannelZeroOfABatchOfLogitsLikeTheArrayForm() {
        float[] values = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3;
        }
        INDArray logits = Nd4j.create(values, new long[] {2, 3, 2, 2}, 'c');
        new BackgroundModulation(1.5, -0.25).applyTo(logits);
        float[] expected = values.clone();
        new BackgroundModulation(1.5, -0.25).apply(expected, 0, 4);  // image 0
        new BackgroundModulation(1.5, -0.25).apply(expected, 12, 4); // image 1
        assertArrayEquals(expected, logits.dup('c').data().asFloat(), 1e-6f);
    }

    @Test
    void readsTrainingInfo() {
        assertTrue(BackgroundModulation.fromTrainingInfo(Map.of()).isNone());
        assertEquals(new BackgroundModulation(0.9, -0.25), BackgroundModulation.fromTrainingInfo(
                Map.of(BackgroundModulation.BETA_KEY, "0.9", BackgroundModulation.BETA0_KEY, "-0.25")));
        assertThrows(IllegalArgumentException.class,
                () -> BackgroundModulation.fromTrainingInfo(Map.of(BackgroundModulation.BETA_KEY, "0.9")));
    }

    @Test
    void rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new BackgroundModulation(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BackgroundModulation(1, Double.NaN));
    }
}
