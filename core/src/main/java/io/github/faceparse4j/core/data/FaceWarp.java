package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.image.ImageWarp;
import io.github.faceparse4j.core.label.LabelMap;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;

/**
 * One drawn augmentation: an optional left-right mirror followed by a similarity transform about the image
 * centre, applied identically to a sample's image and labels.
 *
 * <p>In continuous pixel coordinates (pixel {@code (x, y)} spans {@code [x, x+1) x [y, y+1)}, centre
 * {@code c = (W/2, H/2)}), a source point {@code p} goes to
 * <pre>
 *   p' = c + scale * R(rotationDegrees) * (mirror(p) - c) + (shiftX, shiftY),   mirror(x, y) = (W - x, y)
 * </pre>
 * where {@code R} turns clockwise on screen for positive angles (y points down). The output has the input's size.
 * The image is resampled bilinearly, the labels with nearest neighbour (so no new ids appear); after a mirror the
 * left/right classes are swapped ({@link io.github.faceparse4j.core.label.LabelScheme#mirrorOf}), exactly as
 * {@link LabelMap#flipHorizontal()} does. Image pixels that come from outside the source take the fill colour;
 * labels there are 0 (background).
 *
 * @param rotationDegrees rotation angle in degrees, clockwise on screen
 * @param scale zoom factor, above 1 enlarges
 * @param shiftX horizontal shift in output pixels, positive to the right
 * @param shiftY vertical shift in output pixels, positive downwards
 * @param mirror whether the sample is mirrored left to right first
 */
public record FaceWarp(double rotationDegrees, double scale, double shiftX, double shiftY, boolean mirror) {

    /** The warp that changes nothing. */
    public static final FaceWarp IDENTITY = new FaceWarp(0, 1, 0, 0, false);

    /**
     * @throws IllegalArgumentException if a value is not finite or the scale is not positive
     */
    public FaceWarp {
        if (!Double.isFinite(rotationDegrees) || !Double.isFinite(shiftX) || !Double.isFinite(shiftY)
                || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("Invalid warp " + rotationDegrees + " deg, scale " + scale
                    + ", shift (" + shiftX + ", " + shiftY + ")");
        }
    }

    /** Whether this warp leaves every sample unchanged. */
    public boolean isIdentity() {
        return equals(IDENTITY);
    }

    /** The forward map from source to output continuous coordinates for a {@code width x height} sample. */
    public AffineTransform sourceToOutput(int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        AffineTransform t = new AffineTransform();
        t.translate(cx + shiftX, cy + shiftY);
        t.rotate(Math.toRadians(rotationDegrees));
        t.scale(scale, scale);
        t.translate(-cx, -cy);
        if (mirror) {
            t.translate(width, 0);
            t.scale(-1, 1);
        }
        return t;
    }

    /**
     * Applies this warp to a sample.
     *
     * @param fillRgb image colour where the output maps outside the source, {@code 0xRRGGBB}
     * @return a new sample with the same name, or {@code sample} itself for the identity
     */
    public FaceSample apply(FaceSample sample, int fillRgb) {
        if (isIdentity()) {
            return sample;
        }
        int w = sample.width();
        int h = sample.height();
        AffineTransform outputToSource;
        try {
            outputToSource = sourceToOutput(w, h).createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("A similarity with positive scale is always invertible", e);
        }
        BufferedImage image = ImageWarp.warp(sample.image(), outputToSource, w, h, fillRgb);
        LabelMap labels = LabelWarp.warpNearest(sample.labels(), outputToSource, mirror);
        return new FaceSample(sample.name(), image, labels);
    }
}
