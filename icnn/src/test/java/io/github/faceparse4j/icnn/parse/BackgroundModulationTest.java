package io.github.faceparse4j.icnn.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackgroundModulationTest {

    @Test
    void modulatesOnlyTheBackgroundChannel() {
        float[] scores = {1, 2, 3, 4, 5, 6};
        new BackgroundModulation(2, -1).apply(scores, 0, 3);
        assertArrayEquals(new float[] {1, 3, 5, 4, 5, 6}, scores);
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
