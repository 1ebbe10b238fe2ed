package io.github.faceparse4j.core.image;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;

/**
 * Geometric resampling of RGB images with bilinear interpolation: resizing, and affine warps for augmentation and
 * face alignment.
 *
 * <p>Coordinates are continuous pixel coordinates: pixel {@code (x, y)} covers {@code [x, x+1) x [y, y+1)}, so its
 * centre is {@code (x + 0.5, y + 0.5)} and an image of width {@code W} spans {@code [0, W)}. This is the convention
 * of OpenCV's {@code INTER_LINEAR} and PyTorch's {@code align_corners=False}. Bilinear sampling does not low-pass
 * filter, so shrinking by more than 2x aliases (each output pixel mixes only the 2x2 source pixels nearest its
 * centre); that is acceptable for the 256 to 128 and 256 to 64 resizes used here, as long as training and inference
 * resize the same way.
 *
 * <p>Results are always {@link BufferedImage#TYPE_INT_RGB}. Stateless and thread-safe.
 */
public final class ImageWarp {

    private ImageWarp() {
    }

    /**
     * Resizes with bilinear interpolation; samples past the border repeat the edge pixels.
     *
     * @param image any image (converted with {@link RgbImages#toRgb(BufferedImage)} first)
     * @return a new {@code width x height} image
     */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        checkSize(width, height);
        BufferedImage rgb = RgbImages.toRgb(image);
        BilinearSampler sampler = new BilinearSampler(RgbImages.packedPixels(rgb), rgb.getWidth(), rgb.getHeight(),
                true, 0);
        AffineTransform scale = BilinearSampler.resizeTransform(rgb.getWidth(), rgb.getHeight(), width, height);
        return RgbImages.fromPackedPixels(width, height, sampler.samplePacked(scale, width, height));
    }

    /**
     * Warps with an affine map given from output to source coordinates (for each output point, where to read
     * the source); the area that maps outside the source is {@code fillRgb}, with a one-pixel bilinear blend at
     * the border.
     *
     * @param image any image (converted with {@link RgbImages#toRgb(BufferedImage)} first)
     * @param outputToSource maps continuous output coordinates to continuous source coordinates
     * @param fillRgb colour outside the source as {@code 0xRRGGBB}
     * @return a new {@code width x height} image
     */
    public static BufferedImage warp(BufferedImage image, AffineTransform outputToSource, int width, int height,
            int fillRgb) {
        checkSize(width, height);
        BufferedImage rgb = RgbImages.toRgb(image);
        BilinearSampler sampler = new BilinearSampler(RgbImages.packedPixels(rgb), rgb.getWidth(), rgb.getHeight(),
                false, fillRgb);
        return RgbImages.fromPackedPixels(width, height, sampler.samplePacked(outputToSource, width, height));
    }

    /**
     * Like {@link #warp(BufferedImage, AffineTransform, int, int, int)} with the forward map (source to output),
     * which is often the more natural way to state a transform.
     *
     * @throws IllegalArgumentException if {@code sourceToOutput} is not invertible
     */
    public static BufferedImage warpForward(BufferedImage image, AffineTransform sourceToOutput, int width,
            int height, int fillRgb) {
        try {
            return warp(image, sourceToOutput.createInverse(), width, height, fillRgb);
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("Transform is not invertible: " + sourceToOutput, e);
        }
    }

    static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
    }
}
