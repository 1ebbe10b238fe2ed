package io.github.faceparse4j.core.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    private static final LabelScheme CELEBA = LabelScheme.CELEBAMASK_19;
    private static final int L_EYE = 4;
    private static final int R_EYE = 5;

    static LabelMap fixtureLabels(String name) throws IOException {
        BufferedImage png = ImageIO.read(TestFixtures.celebaMask24().resolve("labels/" + name + ".png").toFile());
        return LabelMap.fromGrayImage(CELEBA, png);
    }

    static List<String> fixtureNames() throws IOException {
        return Files.readAllLines(TestFixtures.celebaMask24().resolve("val.txt")).stream()
                .filter(s -> !s.isBlank()).toList();
    }

    /** Mean x of the pixels of class {@code id}, or NaN if there are none. */
    static double meanX(LabelMap map, int id) {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (map.get(x, y) == id) {
                    sum += x;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : (double) sum / count;
    }

    @Test
    void flipSwapsEyesAndBrowsOnARealLabelMap() throws IOException {
        LabelMap original = fixtureLabels("0009");
        long[] before = original.classCounts();
        assertTrue(before[L_EYE] > 50 && before[R_EYE] > 50, "fixture 0009 shows both eyes");
        LabelMap flipped = original.flipHorizontal();
        long[] after = flipped.classCounts();
        for (int id = 0; id < CELEBA.numClasses(); id++) {
            assertEquals(before[id], after[CELEBA.mirrorOf(id)], "pixels of " + CELEBA.className(id));
        }
        assertNotEquals(before[L_EYE], before[R_EYE], "the check above would be vacuous with equal eye areas");
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertEquals(CELEBA.mirrorOf(original.get(x, y)), flipped.get(255 - x, y), "(" + x + "," + y + ")");
            }
        }
        assertEquals(original, flipped.flipHorizontal());
    }

    @Test
    void personsLeftEyeIsOnTheImageRightBeforeAndAfterFlipping() throws IOException {
        int checked = 0;
        for (String name : fixtureNames()) {
            LabelMap map = fixtureLabels(name);
            LabelMap flipped = map.flipHorizontal();
            if (map.classCounts()[L_EYE] == 0 || map.classCounts()[R_EYE] == 0) {
                continue;
            }
            assertTrue(meanX(map, L_EYE) > meanX(map, R_EYE), name + ": left eye on the image's right");
            assertTrue(meanX(flipped, L_EYE) > meanX(flipped, R_EYE), name + ": still so after the flip");
            checked++;
        }
        assertTrue(checked >= 10, "only " + checked + " fixtures show both eyes");
    }

    @Test
    void grayImageRoundTripAndCounts() throws IOException {
        LabelMap map = fixtureLabels("0019");
        assertEquals(map, LabelMap.fromGrayImage(CELEBA, map.toGrayImage()));
        long total = 0;
        for (long c : map.classCounts()) {
            total += c;
        }
        assertEquals(256L * 256, total);
        byte[] ids = new byte[256 * 256 + 3];
        map.copyIdsTo(ids, 3);
        assertEquals(map.get(0, 0), ids[3] & 0xFF);
        assertEquals(map.get(255, 255), ids[ids.length - 1] & 0xFF);
    }

    @Test
    void resizeNearestPicksThePixelUnderEachCentre() {
        LabelScheme helen = LabelScheme.HELEN_11;
        LabelMap map = LabelMap.of(helen, 4, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        // Output centre (0.5, 0.5) of a 2x1 map lies at (1, 1) of the source: ids 6 and 8.
        assertArrayEquals(new byte[] {6, 8}, map.resizeNearest(2, 1).ids());
        assertArrayEquals(new byte[] {1, 1, 2, 2, 3, 3, 4, 4, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                5, 5, 6, 6, 7, 7, 8, 8}, map.resizeNearest(8, 4).ids());
        assertEquals(map, map.resizeNearest(8, 4).resizeNearest(4, 2));
        assertThrows(IllegalArgumentException.class, () -> map.resizeNearest(0, 2));
    }

    @Test
    void halvingARealMapKeepsClassProportions() throws IOException {
        LabelMap map = fixtureLabels("0009");
        LabelMap half = map.resizeNearest(128, 128);
        long[] full = map.classCounts();
        long[] small = half.classCounts();
        for (int id = 0; id < CELEBA.numClasses(); id++) {
            assertEquals(full[id] / 4.0, small[id], 0.1 * full[id] / 4.0 + 20, CELEBA.className(id));
        }
    }

    @Test
    void cropAndPadFillOutsideTheMap() {
        LabelScheme three = LabelScheme.SKIN_HAIR_BG_3;
        LabelMap map = LabelMap.of(three, 3, 2, new byte[] {1, 2, 1, 2, 1, 2});
        assertArrayEquals(new byte[] {2, 1}, map.crop(1, 0, 2, 1, 0).ids());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2, 0, 2, 1}, map.crop(-1, -1, 3, 3, 0).ids());
        assertArrayEquals(new byte[] {2, 2, 2, 2}, map.crop(10, 10, 2, 2, 2).ids());
        LabelMap padded = map.pad(1, 0, 2, 1, 0);
        assertEquals(6, padded.width());
        assertEquals(3, padded.height());
        assertArrayEquals(new byte[] {0, 1, 2, 1, 0, 0, 0, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0}, padded.ids());
        assertEquals(map, padded.crop(1, 0, 3, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> map.pad(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> map.crop(0, 0, 2, 2, 3));
    }

    @Test
    void idsOutsideTheSchemeAreRejectedWithTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelMap.of(CELEBA, 2, 2, new byte[] {0, 1, 2, 19}));
        assertTrue(e.getMessage().contains("19") && e.getMessage().contains("(1,1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LabelMap.of(LabelScheme.HELEN_11, 2, 1, new byte[] {(byte) 200, 0}));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(CELEBA, 2, 2, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.filled(LabelScheme.SKIN_HAIR_BG_3, 2, 2, 3));
        LabelMap map = LabelMap.filled(CELEBA, 2, 2, 18);
        assertThrows(IndexOutOfBoundsException.class, () -> map.get(2, 0));

        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 25);
        e = assertThrows(IllegalArgumentException.class, () -> LabelMap.fromGrayImage(CELEBA, grey));
        assertTrue(e.getMessage().contains("25"), e.getMessage());
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> LabelMap.fromGrayImage(CELEBA, rgb));
    }

    @Test
    void everyFixtureLabelIsValidCelebAMask() throws IOException {
        for (String name : fixtureNames()) {
            Path png = TestFixtures.celebaMask24().resolve("labels/" + name + ".png");
            LabelMap map = LabelMap.fromGrayImage(CELEBA, ImageIO.read(png.toFile()));
            assertEquals(256, map.width(), name);
            assertEquals(256, map.height(), name);
        }
    }
}
