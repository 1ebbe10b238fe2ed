package io.github.faceparse4j.core.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelSchemeTest {

    @Test
    void builtInSchemesResolveByName() {
        assertEquals(3, LabelScheme.builtIn().size());
        for (LabelScheme scheme : LabelScheme.builtIn()) {
            assertSame(scheme, LabelScheme.byName(scheme.name()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelScheme.byName("lfw"));
        assertTrue(e.getMessage().contains("lfw"), e.getMessage());
    }

    @Test
    void classCountsAndBackgroundFirst() {
        assertEquals(19, LabelScheme.CELEBAMASK_19.numClasses());
        assertEquals(11, LabelScheme.HELEN_11.numClasses());
        assertEquals(3, LabelScheme.SKIN_HAIR_BG_3.numClasses());
        for (LabelScheme scheme : LabelScheme.builtIn()) {
            assertEquals("background", scheme.className(0));
            assertEquals(0x000000, scheme.colour(0));
        }
        assertEquals(10, LabelScheme.HELEN_11.idOf("hair"));
        assertEquals(13, LabelScheme.CELEBAMASK_19.idOf("hair"));
        assertThrows(IllegalArgumentException.class, () -> LabelScheme.HELEN_11.idOf("neck"));
    }

    @Test
    void paletteColoursAreDistinctWithinEachScheme() {
        for (LabelScheme scheme : LabelScheme.builtIn()) {
            Set<Integer> colours = new HashSet<>();
            for (int id = 0; id < scheme.numClasses(); id++) {
                assertTrue(colours.add(scheme.colour(id)), scheme + " repeats the colour of " + scheme.className(id));
            }
        }
    }

    @Test
    void mirrorSwapsExactlyTheLeftRightPairs() {
        Map<LabelScheme, Map<Integer, Integer>> pairs = Map.of(
                LabelScheme.CELEBAMASK_19, Map.of(4, 5, 5, 4, 6, 7, 7, 6, 8, 9, 9, 8),
                LabelScheme.HELEN_11, Map.of(2, 3, 3, 2, 4, 5, 5, 4),
                LabelScheme.SKIN_HAIR_BG_3, Map.of());
        pairs.forEach((scheme, swapped) -> {
            for (int id = 0; id < scheme.numClasses(); id++) {
                int expected = swapped.getOrDefault(id, id);
                assertEquals(expected, scheme.mirrorOf(id), scheme + " " + scheme.className(id));
                if (expected != id) {
                    // Partners are named left_X / right_X.
                    String name = scheme.className(id);
                    String partner = scheme.className(expected);
                    assertEquals(name.replace("left_", "").replace("right_", ""),
                            partner.replace("left_", "").replace("right_", ""));
                }
            }
        });
    }

    @Test
    void idChecksNameTheSchemeAndRange() {
        assertTrue(LabelScheme.HELEN_11.contains(10));
        assertFalse(LabelScheme.HELEN_11.contains(11));
        assertFalse(LabelScheme.HELEN_11.contains(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelScheme.HELEN_11.checkId(11));
        assertTrue(e.getMessage().contains("helen-11") && e.getMessage().contains("0..10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelScheme.SKIN_HAIR_BG_3.mirrorOf(3));
        assertThrows(IllegalArgumentException.class, () -> LabelScheme.CELEBAMASK_19.colour(19));
    }
}
