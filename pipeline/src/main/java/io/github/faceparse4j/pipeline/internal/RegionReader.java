package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.RgbImages;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Reads rectangles of any {@link BufferedImage} as 8-bit RGB, and shrinks them by area averaging, without ever
 * converting the whole image: a huge, CMYK or 16-bit input costs memory in proportion to the rectangle (or to one
 * strip of it), not to the image.
 *
 * <p>Colour conversion is {@link RgbImages#toRgb(BufferedImage)}'s, applied to sub-images. Stateless and
 * thread-safe; the input image is never modified.
 */
public final class RegionReader {

    private RegionReader() {
    }

    /**
     * The pixels of {@code region} as row-major {@code 0xRRGGBB} values.
     *
     * @throws IllegalArgumentException if the region is empty or not inside the image
     */
    public static int[] readRgb(BufferedImage image, Rectangle region) {
        checkInside(image, region);
        int[] out = new int[region.width * region.height];
        readRows(image, region.x, region.y, region.width, region.height, out);
        return out;
    }

    /**
     * Shrinks {@code region} by an integer {@code factor}: output pixel {@code (i, j)} is the rounded mean of the
     * source block {@code [x + i*factor, x + (i+1)*factor) x [y + j*factor, y + (j+1)*factor)} cut at the region's
     * edge. The region is read {@code factor} rows at a time.
     *
     * @return a {@code TYPE_INT_RGB} image of {@code ceil(width / factor) x ceil(height / factor)}
     * @throws IllegalArgumentException if the factor is below 1 or the region is empty or not inside the image
     */
    public static BufferedImage shrink(BufferedImage image, Rectangle region, int factor) {
        checkInside(image, region);
        if (factor < 1) {
            throw new IllegalArgumentException("Shrink factor must be at least 1, got " + factor);
        }
        if (factor == 1) {
            return RgbImages.fromPackedPixels(region.width, region.height, readRgb(image, region));
        }
        int outW = ceilDiv(region.width, factor);
        int outH = ceilDiv(region.height, factor);
        int[] out = new int[outW * outH];
        int[] strip = new int[region.width * factor];
        long[] sums = new long[3 * outW];
        int[] counts = new int[outW];
        for (int oy = 0; oy < outH; oy++) {
            int rows = Math.min(factor, region.height - oy * factor);
            readRows(image, region.x, region.y + oy * factor, region.width, rows, strip);
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int r = 0; r < rows; r++) {
                for (int x = 0; x < region.width; x++) {
                    int p = strip[r * region.width + x];
                    int ox = x / factor;
                    sums[3 * ox] += (p >> 16) & 0xFF;
                    sums[3 * ox + 1] += (p >> 8) & 0xFF;
                    sums[3 * ox + 2] += p & 0xFF;
                    counts[ox]++;
                }
            }
            for (int ox = 0; ox < outW; ox++) {
                int n = counts[ox];
                int r = (int) ((sums[3 * ox] + n / 2) / n);
                int g = (int) ((sums[3 * ox + 1] + n / 2) / n);
                int b = (int) ((sums[3 * ox + 2] + n / 2) / n);
                out[oy * outW + ox] = (r << 16) | (g << 8) | b;
            }
        }
        return RgbImages.fromPackedPixels(outW, outH, out);
    }

    /** {@code ceil(a / b)} for positive ints. */
    public static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Reads {@code w x h} pixels at ({@code x}, {@code y}) into the start of {@code dest}. */
    private static void readRows(BufferedImage image, int x, int y, int w, int h, int[] dest) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            image.getRGB(x, y, w, h, dest, 0, w);
        } else {
            BufferedImage rgb = RgbImages.toRgb(image.getSubimage(x, y, w, h));
            System.arraycopy(RgbImages.packedPixels(rgb), 0, dest, 0, w * h);
        }
        for (int i = 0; i < w * h; i++) {
            // getRGB reports an opaque alpha byte, and conversions that go through it can leave it in the buffer.
            dest[i] &= 0xFFFFFF;
        }
    }

    private static void checkInside(BufferedImage image, Rectangle region) {
        if (region.isEmpty() || region.x < 0 || region.y < 0 || region.x + region.width > image.getWidth()
                || region.y + region.height > image.getHeight()) {
            throw new IllegalArgumentException("Region " + region.x + "," + region.y + " " + region.width + "x"
                    + region.height + " is empty or not inside the " + image.getWidth() + "x" + image.getHeight()
                    + " image");
        }
    }
}
