package io.github.faceparse4j.core.render;

import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegendTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless());
        Legend.builder().build().render(LabelScheme.HELEN_11);
    }

    @Test
    void hasOneSwatchPerClassInThePaletteColour() {
        for (LabelScheme scheme : LabelScheme.builtIn()) {
            Legend legend = Legend.builder().build();
            BufferedImage image = legend.render(scheme);
            for (int id = 0; id < scheme.numClasses(); id++) {
                assertFilled(image, legend.swatchBounds(id), scheme.colour(id), scheme + " class " + id);
                assertTrue(hasText(image, legend.swatchBounds(id)), scheme + ": no name drawn for class " + id);
            }
            // exactly numClasses rows: the next row would start below the image
            assertTrue(legend.swatchBounds(scheme.numClasses()).y >= image.getHeight(), scheme.toString());
        }
    }

    @Test
    void rendersTheGivenClassesInOrder() {
        LabelScheme helen = LabelScheme.HELEN_11;
        Legend legend = Legend.builder().optSwatchSize(20).optGap(2).optFontSize(10).build();
        BufferedImage image = legend.render(helen, new int[] {10, 1});
        assertFilled(image, legend.swatchBounds(0), helen.colour(10), "hair first");
        assertFilled(image, legend.swatchBounds(1), helen.colour(1), "skin second");
        assertEquals(20 - 2, legend.swatchBounds(0).width);
    }

    @Test
    void longerNamesMakeAWiderStrip() {
        Legend legend = Legend.builder().build();
        int narrow = legend.render(LabelScheme.SKIN_HAIR_BG_3).getWidth();
        int wide = legend.render(LabelScheme.CELEBAMASK_19).getWidth(); // "inner_mouth" is longer than "background"
        assertTrue(wide > narrow, wide + " vs " + narrow);
    }

    @Test
    void badClassListsAreRejected() {
        Legend legend = Legend.builder().build();
        assertThrows(IllegalArgumentException.class, () -> legend.render(LabelScheme.HELEN_11, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> legend.render(LabelScheme.HELEN_11, new int[] {11}));
        assertThrows(IllegalArgumentException.class, () -> Legend.builder().optSwatchSize(2));
    }

    private static void assertFilled(BufferedImage image, Rectangle r, int rgb, String what) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                assertEquals(rgb, image.getRGB(x, y) & 0xFFFFFF, what + " at (" + x + "," + y + ")");
            }
        }
    }

    /** Whether the row right of the swatch holds dark (text) pixels. */
    private static boolean hasText(BufferedImage image, Rectangle swatch) {
        for (int y = Math.max(0, swatch.y - 2); y < Math.min(image.getHeight(), swatch.y + swatch.height + 2); y++) {
            for (int x = swatch.x + swatch.width + 2; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    return true;
                }
            }
        }
        return false;
    }
}
