package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.RgbImages;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A small RGB copy of an input image that detection and whole-image parsing run on: the image shrunk by the smallest
 * integer {@link #factor()} that brings its longer side to at most a limit (factor 1 keeps the size). Pixel
 * {@code (i, j)} of the copy is the mean of the block {@code [i*f, (i+1)*f) x [j*f, (j+1)*f)} of the original, so
 * coordinates map back by multiplying with the factor.
 *
 * @param rgb            the copy, {@code TYPE_INT_RGB}, {@code ceil(W / f) x ceil(H / f)}
 * @param factor         the shrink factor {@code f}, at least 1
 * @param originalWidth  width {@code W} of the original image
 * @param originalHeight height {@code H} of the original image
 */
public record WorkingCopy(BufferedImage rgb, int factor, int originalWidth, int originalHeight) {

    public WorkingCopy {
        Objects.requireNonNull(rgb, "rgb");
        if (factor < 1) {
            throw new IllegalArgumentException("Factor must be at least 1, got " + factor);
        }
        if (rgb.getWidth() != RegionReader.ceilDiv(originalWidth, factor)
                || rgb.getHeight() != RegionReader.ceilDiv(originalHeight, factor)) {
            throw new IllegalArgumentException("A " + rgb.getWidth() + "x" + rgb.getHeight() + " copy is not a "
                    + originalWidth + "x" + originalHeight + " image shrunk by " + factor);
        }
    }

    /**
     * The working copy of {@code image} whose longer side is at most {@code maxSide}.
     *
     * @throws IllegalArgumentException if {@code maxSide} is below 1
     */
    public static WorkingCopy of(BufferedImage image, int maxSide) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("Maximum side must be positive, got " + maxSide);
        }
        int longer = Math.max(image.getWidth(), image.getHeight());
        int factor = RegionReader.ceilDiv(longer, maxSide);
        Rectangle all = new Rectangle(0, 0, image.getWidth(), image.getHeight());
        return new WorkingCopy(RegionReader.shrink(image, all, factor), factor, image.getWidth(), image.getHeight());
    }

    /**
     * The copy padded with black on the right and at the bottom to the next multiple of {@code multiple} on each
     * side, for networks whose poolings need it; the copy itself when it already fits.
     */
    public BufferedImage paddedTo(int multiple) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int pw = RegionReader.ceilDiv(w, multiple) * multiple;
        int ph = RegionReader.ceilDiv(h, multiple) * multiple;
        if (pw == w && ph == h) {
            return rgb;
        }
        BufferedImage padded = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        int[] src = RgbImages.packedPixels(rgb);
        int[] dest = RgbImages.packedPixels(padded);
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, y * w, dest, y * pw, w);
        }
        return padded;
    }
}
