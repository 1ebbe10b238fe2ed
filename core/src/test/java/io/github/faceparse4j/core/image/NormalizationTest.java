package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void builtInFormulas() {
        assertEquals(0f, Normalization.ZERO_TO_ONE.apply(0, 0));
        assertEquals(1f, Normalization.ZERO_TO_ONE.apply(2, 255));
        assertEquals(-1f, Normalization.MINUS_ONE_TO_ONE.apply(0, 0), 1e-6);
        assertEquals(1f, Normalization.MINUS_ONE_TO_ONE.apply(1, 255), 1e-6);
        assertEquals((1f - 0.485f) / 0.229f, Normalization.IMAGENET.apply(0, 255), 1e-5);
        assertEquals((0f - 0.456f) / 0.224f, Normalization.IMAGENET.apply(1, 0), 1e-5);
        assertEquals((100 / 255f - 0.406f) / 0.225f, Normalization.IMAGENET.apply(2, 100), 1e-5);
        // The float overload (for interpolated samples) agrees with the table.
        assertEquals(Normalization.IMAGENET.apply(2, 100), Normalization.IMAGENET.apply(2, 100f), 1e-6);
    }

    @Test
    void invertRecoversEveryByteOnEveryChannel() {
        Normalization custom = Normalization.of(new float[] {0.1f, 0.2f, 0.3f}, new float[] {0.7f, 0.8f, 0.9f});
        for (Normalization n : new Normalization[] {Normalization.ZERO_TO_ONE, Normalization.MINUS_ONE_TO_ONE,
                Normalization.IMAGENET, custom}) {
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 256; v++) {
                    assertEquals(v, n.invert(c, n.apply(c, v)), n + " channel " + c);
                }
            }
        }
        assertEquals(0, Normalization.ZERO_TO_ONE.invert(0, -3f));
        assertEquals(255, Normalization.ZERO_TO_ONE.invert(0, 7f));
    }

    @Test
    void namesRoundTrip() {
        for (Normalization n : Normalization.builtIn()) {
            assertSame(n, Normalization.byName(n.name()));
        }
        assertEquals("imagenet", Normalization.IMAGENET.name());
        Normalization custom = Normalization.of(new float[] {0.5f, 0.25f, 0.125f}, new float[] {0.2f, 0.3f, 0.4f});
        assertEquals("mean-std:0.5,0.25,0.125/0.2,0.3,0.4", custom.name());
        Normalization restored = Normalization.byName(custom.name());
        assertEquals(custom, restored);
        assertArrayEquals(custom.mean(), restored.mean());
        assertArrayEquals(custom.std(), restored.std());
    }

    @Test
    void rejectsBadNamesAndStatistics() {
        assertThrows(IllegalArgumentException.class, () -> Normalization.byName("imagenet-v2"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.byName("mean-std:a,b,c/1,1,1"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.byName("mean-std:0,0,0"));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new float[] {0, 0, 0}, new float[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new float[] {0, 0}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new float[] {Float.NaN, 0, 0}, new float[] {1, 1, 1}));
    }
}
