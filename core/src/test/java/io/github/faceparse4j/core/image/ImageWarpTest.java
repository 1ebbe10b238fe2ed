package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageWarpTest {

    static BufferedImage randomImage(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImages.fromPackedPixels(width, height, pixels);
    }

    @Test
    void identityWarpAndSameSizeResizeKeepEveryPixel() {
        BufferedImage image = randomImage(13, 9, 1);
        int[] expected = RgbImages.packedPixels(image);
        assertArrayEquals(expected, RgbImages.packedPixels(ImageWarp.warp(image, new AffineTransform(), 13, 9, 0)));
        assertArrayEquals(expected, RgbImages.packedPixels(ImageWarp.resize(image, 13, 9)));
    }

    @Test
    void integerShiftMovesPixelsAndFillsTheRest() {
        BufferedImage image = randomImage(10, 8, 2);
        // Forward: move right by 3 and up by 2.
        BufferedImage shifted = ImageWarp.warpForward(image, AffineTransform.getTranslateInstance(3, -2), 10, 8,
                0x123456);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                int sx = x - 3;
                int sy = y + 2;
                int expected = sx >= 0 && sy < 8 ? image.getRGB(sx, sy) : 0x123456;
                assertEquals(expected & 0xFFFFFF, shifted.getRGB(x, y) & 0xFFFFFF, "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        BufferedImage image = randomImage(8, 6, 3);
        BufferedImage half = ImageWarp.resize(image, 4, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += (image.getRGB(2 * x + dx, 2 * y + dy) >> shift) & 0xFF;
                        }
                    }
                    int got = (half.getRGB(x, y) >> shift) & 0xFF;
                    assertEquals(sum / 4.0, got, 0.51, "(" + x + "," + y + ") shift " + shift);
                }
            }
        }
    }

    @Test
    void upscalingAConstantImageStaysConstantToTheEdges() {
        int[] pixels = new int[3 * 2];
        java.util.Arrays.fill(pixels, 0x40A0F0);
        BufferedImage big = ImageWarp.resize(RgbImages.fromPackedPixels(3, 2, pixels), 17, 11);
        for (int p : RgbImages.packedPixels(big)) {
            assertEquals(0x40A0F0, p);
        }
    }

    @Test
    void rejectsBadSizesAndSingularTransforms() {
        BufferedImage image = randomImage(4, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> ImageWarp.resize(image, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> ImageWarp.warpForward(image, AffineTransform.getScaleInstance(0, 1), 4, 4, 0));
    }
}
