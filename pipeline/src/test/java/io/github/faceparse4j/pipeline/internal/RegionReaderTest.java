package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegionReaderTest {

    @Test
    void shrinksByAveragingBlocksCutAtTheEdge() {
        // 5 x 2 grey ramp 0, 10, 20, 30, 40 on both rows; blocks of 2: {0,10}, {20,30}, {40}.
        BufferedImage image = new BufferedImage(5, 2, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 5; x++) {
            int v = 10 * x;
            image.setRGB(x, 0, v * 0x010101);
            image.setRGB(x, 1, v * 0x010101);
        }
        BufferedImage shrunk = RegionReader.shrink(image, new Rectangle(0, 0, 5, 2), 2);
        assertEquals(3, shrunk.getWidth());
        assertEquals(1, shrunk.getHeight());
        assertArrayEquals(new int[] {5 * 0x010101, 25 * 0x010101, 40 * 0x010101}, RgbImages.packedPixels(shrunk));
    }

    @Test
    void readsRegionsOfAnyImageTypeLikeAWholeConversion() {
        BufferedImage face = TestImages.celebaFace(TestImages.celebaNames().get(0));
        Rectangle region = new Rectangle(30, 40, 100, 50);
        for (BufferedImage variant : List.of(face, TestImages.cmyk(face), TestImages.rgb16(face),
                TestImages.grey(face), TestImages.grey16(face))) {
            BufferedImage whole = RgbImages.toRgb(variant);
            int[] expected = new int[region.width * region.height];
            for (int y = 0; y < region.height; y++) {
                for (int x = 0; x < region.width; x++) {
                    expected[y * region.width + x] = whole.getRGB(region.x + x, region.y + y) & 0xFFFFFF;
                }
            }
            assertArrayEquals(expected, RegionReader.readRgb(variant, region), "type " + variant.getType());
        }
    }

    @Test
    void workingCopiesUseTheSmallestFactorThatFits() {
        BufferedImage image = new BufferedImage(3001, 1000, BufferedImage.TYPE_BYTE_GRAY);
        WorkingCopy copy = WorkingCopy.of(image, 1000);
        assertEquals(4, copy.factor());
        assertEquals(751, copy.rgb().getWidth());
        assertEquals(250, copy.rgb().getHeight());
        assertEquals(1, WorkingCopy.of(image, 4000).factor());
    }

    @Test
    void padsWorkingCopiesWithBlack() {
        WorkingCopy copy = WorkingCopy.of(TestImages.filled(13, 8, 0xFFFFFF), 100);
        BufferedImage padded = copy.paddedTo(8);
        assertEquals(16, padded.getWidth());
        assertEquals(8, padded.getHeight());
        assertEquals(0xFFFFFF, padded.getRGB(12, 7) & 0xFFFFFF);
        assertEquals(0, padded.getRGB(13, 0) & 0xFFFFFF);
        BufferedImage fits = WorkingCopy.of(TestImages.filled(16, 8, 0), 100).rgb();
        assertSame(fits, new WorkingCopy(fits, 1, 16, 8).paddedTo(8));
    }

    @Test
    void rejectsRegionsOutsideTheImage() {
        BufferedImage image = TestImages.filled(10, 10, 0);
        assertThrows(IllegalArgumentException.class, () -> RegionReader.readRgb(image, new Rectangle(5, 5, 6, 1)));
        assertThrows(IllegalArgumentException.class, () -> RegionReader.readRgb(image, new Rectangle(0, 0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> RegionReader.shrink(image, new Rectangle(0, 0, 2, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> new WorkingCopy(image, 2, 10, 10));
    }
}
