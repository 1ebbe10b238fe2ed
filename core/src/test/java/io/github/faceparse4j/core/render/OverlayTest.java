package io.github.faceparse4j.core.render;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverlayTest {

    private static final LabelScheme CELEBA = LabelScheme.CELEBAMASK_19;
    private static final int HAIR = 13;
    private static final int SKIN = 1;

    private static BufferedImage photo;
    private static LabelMap labels;

    @BeforeAll
    static void loadFixture() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path face = TestFixtures.celebaMask24();
        photo = ImageIO.read(face.resolve("images/0009.jpg").toFile());
        labels = LabelMap.fromGrayImage(CELEBA, ImageIO.read(face.resolve("labels/0009.png").toFile()));
    }

    @Test
    void hairPixelIsBlendedTowardTheHairColour() {
        int[] at = interiorPixelOf(HAIR);
        BufferedImage out = Overlay.builder().optAlpha(0.5).build().render(photo, labels);
        int before = photo.getRGB(at[0], at[1]) & 0xFFFFFF;
        int after = out.getRGB(at[0], at[1]) & 0xFFFFFF;
        int hair = CELEBA.colour(HAIR);
        assertTrue(distance(after, hair) < distance(before, hair),
                "overlay " + Integer.toHexString(after) + " should be nearer hair colour than photo "
                        + Integer.toHexString(before));
        for (int shift = 0; shift <= 16; shift += 8) {
            int expected = (int) Math.round(0.5 * ((before >> shift) & 0xFF) + 0.5 * ((hair >> shift) & 0xFF));
            assertEquals(expected, (after >> shift) & 0xFF, "channel at bit " + shift);
        }
    }

    @Test
    void backgroundIsUntouchedUnlessAskedFor() {
        int[] at = interiorPixelOf(0);
        int before = photo.getRGB(at[0], at[1]);
        assertEquals(before, Overlay.builder().build().render(photo, labels).getRGB(at[0], at[1]));
        int blended = Overlay.builder().optBlendBackground(true).build().render(photo, labels).getRGB(at[0], at[1]);
        // background's palette colour is black, so blending darkens (unless the photo is black there already)
        assertTrue(distance(blended, 0) <= distance(before, 0));
    }

    @Test
    void alphaZeroKeepsThePhotoAndAlphaOnePaintsThePalette() {
        int w = photo.getWidth();
        int h = photo.getHeight();
        BufferedImage none = Overlay.builder().optAlpha(0).optBlendBackground(true).build().render(photo, labels);
        assertArrayEquals(photo.getRGB(0, 0, w, h, null, 0, w), none.getRGB(0, 0, w, h, null, 0, w));
        BufferedImage full = Overlay.builder().optAlpha(1).optBlendBackground(true).build().render(photo, labels);
        for (int y = 0; y < h; y += 7) {
            for (int x = 0; x < w; x += 7) {
                assertEquals(CELEBA.colour(labels.get(x, y)), full.getRGB(x, y) & 0xFFFFFF, "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void outlinePaintsBoundaryPixelsOpaque() {
        int[] at = boundaryBetween(SKIN, HAIR);
        BufferedImage out = Overlay.builder().optAlpha(0.3).optOutline(true).build().render(photo, labels);
        assertEquals(CELEBA.colour(labels.get(at[0], at[1])), out.getRGB(at[0], at[1]) & 0xFFFFFF);
        int[] inside = interiorPixelOf(HAIR);
        assertNotEquals(CELEBA.colour(HAIR), out.getRGB(inside[0], inside[1]) & 0xFFFFFF,
                "interior pixels stay blended");
    }

    @Test
    void photoIsNotModifiedAndOutputIsRgbOfTheSameSize() {
        int before = photo.getRGB(128, 128);
        BufferedImage out = Overlay.builder().build().render(photo, labels);
        assertEquals(before, photo.getRGB(128, 128));
        assertEquals(BufferedImage.TYPE_INT_RGB, out.getType());
        assertEquals(photo.getWidth(), out.getWidth());
        assertEquals(photo.getHeight(), out.getHeight());
    }

    @Test
    void grayscalePhotoIsAccepted() {
        BufferedImage gray = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(photo, 0, 0, null);
        int[] at = interiorPixelOf(HAIR);
        BufferedImage out = Overlay.builder().optAlpha(1).build().render(gray, labels);
        assertEquals(CELEBA.colour(HAIR), out.getRGB(at[0], at[1]) & 0xFFFFFF);
    }

    @Test
    void labelMapOfAnotherSizeIsRejected() {
        LabelMap half = labels.resizeNearest(128, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overlay.builder().build().render(photo, half));
        assertTrue(e.getMessage().contains("128x128") && e.getMessage().contains("256x256")
                && e.getMessage().contains("resizeNearest"), e.getMessage());
        // the documented remedy works
        Overlay.builder().build().render(photo, half.resizeNearest(256, 256));
    }

    @Test
    void alphaOutsideUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Overlay.builder().optAlpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> Overlay.builder().optAlpha(Double.NaN));
    }

    /** A pixel of {@code id} whose 8 neighbours have the same id. */
    private static int[] interiorPixelOf(int id) {
        for (int y = 1; y < labels.height() - 1; y++) {
            for (int x = 1; x < labels.width() - 1; x++) {
                if (allNeighboursAre(x, y, id)) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("fixture has no interior pixel of class " + id);
    }

    private static boolean allNeighboursAre(int x, int y, int id) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (labels.get(x + dx, y + dy) != id) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A pixel of class {@code a} with a right neighbour of class {@code b}. */
    private static int[] boundaryBetween(int a, int b) {
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x < labels.width() - 1; x++) {
                if (labels.get(x, y) == a && labels.get(x + 1, y) == b) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("fixture has no " + a + "|" + b + " boundary");
    }

    private static double distance(int rgb1, int rgb2) {
        double sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double d = ((rgb1 >> shift) & 0xFF) - ((rgb2 >> shift) & 0xFF);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
