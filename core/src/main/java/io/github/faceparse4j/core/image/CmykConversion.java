package io.github.faceparse4j.core.image;

import java.awt.image.Raster;

/**
 * Uncalibrated CMYK to RGB: {@code R = 255 (1 - C)(1 - K)}, {@code G = 255 (1 - M)(1 - K)},
 * {@code B = 255 (1 - Y)(1 - K)}, with C, M, Y, K in [0, 1] (0 = no ink).
 *
 * <p>ImageIO's JPEG reader already undoes the YCCK transform and the inverted storage of Adobe CMYK JPEGs (it
 * assumes the inversion for every 4-channel JPEG, as Photoshop writes them), so the raster it gives holds plain ink
 * amounts. No ICC profile is applied: the colours are close enough for face parsing, not for print.
 */
final class CmykConversion {

    private CmykConversion() {
    }

    /**
     * Converts a raster of at least four bands (C, M, Y, K; any sample size up to 16 bits) to {@code 0xRRGGBB}
     * pixels, row-major, into {@code dest}.
     */
    static void toPackedRgb(Raster cmyk, int[] dest) {
        if (cmyk.getNumBands() < 4) {
            throw new IllegalArgumentException("A CMYK raster needs 4 bands, got " + cmyk.getNumBands());
        }
        int w = cmyk.getWidth();
        int h = cmyk.getHeight();
        float max = (1 << cmyk.getSampleModel().getSampleSize(0)) - 1;
        int bands = cmyk.getNumBands();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            cmyk.getPixels(cmyk.getMinX(), cmyk.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int i = x * bands;
                float white = 255f * (1f - row[i + 3] / max);
                int r = Math.round(white * (1f - row[i] / max));
                int g = Math.round(white * (1f - row[i + 1] / max));
                int b = Math.round(white * (1f - row[i + 2] / max));
                dest[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
    }
}
