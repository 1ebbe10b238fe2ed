package io.github.faceparse4j.core.image;

import java.awt.geom.AffineTransform;

/**
 * Bilinear sampling of a packed RGB image through an affine map, the one resampling kernel behind
 * {@link ImageWarp} and {@link ImageTensors}.
 *
 * <p>Coordinates are continuous with pixel {@code (i, j)} covering {@code [i, i+1) x [j, j+1)}; each output pixel
 * centre {@code (x + 0.5, y + 0.5)} is mapped to the source and interpolated between the four nearest source pixel
 * centres. Outside the source, either the nearest edge pixel is used (resizing) or a constant colour (warping),
 * and in the latter case the border blends smoothly into that colour.
 */
final class BilinearSampler {

    /** Source pixels, {@code 0xRRGGBB}, row-major. */
    private final int[] src;
    private final int srcWidth;
    private final int srcHeight;
    /** Whether samples outside the source repeat the edge; otherwise they take {@link #fillRgb}. */
    private final boolean clampToEdge;
    private final int fillRgb;

    BilinearSampler(int[] src, int srcWidth, int srcHeight, boolean clampToEdge, int fillRgb) {
        this.src = src;
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        this.clampToEdge = clampToEdge;
        this.fillRgb = fillRgb;
    }

    /** The transform of a plain resize: output continuous coordinates scaled onto the source. */
    static AffineTransform resizeTransform(int srcWidth, int srcHeight, int outWidth, int outHeight) {
        return AffineTransform.getScaleInstance((double) srcWidth / outWidth, (double) srcHeight / outHeight);
    }

    /**
     * Samples an {@code outWidth x outHeight} image into {@code dest} starting at {@code offset}, planar
     * {@code [3, outHeight, outWidth]} (R plane, then G, then B). With a normalisation each value is normalised;
     * without, values stay in the 0..255 scale (not rounded).
     */
    void sampleChw(AffineTransform outputToSource, int outWidth, int outHeight, float[] dest, int offset,
            Normalization normalization) {
        double[] m = new double[6];
        outputToSource.getMatrix(m); // m00, m10, m01, m11, m02, m12
        int plane = outWidth * outHeight;
        float[] rgb = new float[3];
        for (int y = 0; y < outHeight; y++) {
            double cy = y + 0.5;
            for (int x = 0; x < outWidth; x++) {
                double cx = x + 0.5;
                double sx = m[0] * cx + m[2] * cy + m[4] - 0.5;
                double sy = m[1] * cx + m[3] * cy + m[5] - 0.5;
                sample(sx, sy, rgb);
                int i = offset + y * outWidth + x;
                if (normalization == null) {
                    dest[i] = rgb[0];
                    dest[i + plane] = rgb[1];
                    dest[i + 2 * plane] = rgb[2];
                } else {
                    dest[i] = normalization.apply(0, rgb[0]);
                    dest[i + plane] = normalization.apply(1, rgb[1]);
                    dest[i + 2 * plane] = normalization.apply(2, rgb[2]);
                }
            }
        }
    }

    /** Samples an {@code outWidth x outHeight} image as {@code 0xRRGGBB} pixels, rounded. */
    int[] samplePacked(AffineTransform outputToSource, int outWidth, int outHeight) {
        int plane = outWidth * outHeight;
        float[] chw = new float[3 * plane];
        sampleChw(outputToSource, outWidth, outHeight, chw, 0, null);
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (toByte(chw[i]) << 16) | (toByte(chw[i + plane]) << 8) | toByte(chw[i + 2 * plane]);
        }
        return out;
    }

    /** Interpolates at source pixel-index coordinates (pixel centres at integers) into {@code rgb}. */
    private void sample(double sx, double sy, float[] rgb) {
        double fx0 = Math.floor(sx);
        double fy0 = Math.floor(sy);
        float fx = (float) (sx - fx0);
        float fy = (float) (sy - fy0);
        // Far outside the source, skip the int conversion overflow and just return the fill.
        if (!clampToEdge && (fx0 < -1 || fy0 < -1 || fx0 >= srcWidth || fy0 >= srcHeight)) {
            unpack(fillRgb, rgb);
            return;
        }
        int x0 = (int) fx0;
        int y0 = (int) fy0;
        int p00 = pixel(x0, y0);
        int p10 = pixel(x0 + 1, y0);
        int p01 = pixel(x0, y0 + 1);
        int p11 = pixel(x0 + 1, y0 + 1);
        float w00 = (1 - fx) * (1 - fy);
        float w10 = fx * (1 - fy);
        float w01 = (1 - fx) * fy;
        float w11 = fx * fy;
        for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
            rgb[c] = w00 * ((p00 >> shift) & 0xFF) + w10 * ((p10 >> shift) & 0xFF)
                    + w01 * ((p01 >> shift) & 0xFF) + w11 * ((p11 >> shift) & 0xFF);
        }
    }

    private int pixel(int x, int y) {
        if (x >= 0 && y >= 0 && x < srcWidth && y < srcHeight) {
            return src[y * srcWidth + x];
        }
        if (!clampToEdge) {
            return fillRgb;
        }
        int cx = Math.max(0, Math.min(srcWidth - 1, x));
        int cy = Math.max(0, Math.min(srcHeight - 1, y));
        return src[cy * srcWidth + cx];
    }

    private static void unpack(int rgbPacked, float[] rgb) {
        rgb[0] = (rgbPacked >> 16) & 0xFF;
        rgb[1] = (rgbPacked >> 8) & 0xFF;
        rgb[2] = rgbPacked & 0xFF;
    }

    private static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
