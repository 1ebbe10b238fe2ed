package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.ImageWarp;
import io.github.faceparse4j.pipeline.FaceBox;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * One face's crop: an axis-aligned affine map between the input image and a {@value #SIZE} x {@value #SIZE} face
 * frame in the framing of the CelebA-HQ crops the networks are trained on, and its inverse for pasting labels back.
 *
 * <p>Coordinates are continuous on both sides: pixel {@code (i, j)} spans {@code [i, i+1) x [j, j+1)}, so the crop
 * frame is {@code [0, SIZE) x [0, SIZE)}.
 *
 * <p><b>Framing.</b> {@link #around(FaceBox, int, int)} turns a detector box of width {@code w} and centre
 * {@code (cx, cy)} into the square of side {@value #SIDE_PER_BOX_WIDTH}{@code  w} centred at
 * {@code (cx + }{@value #CENTRE_DX}{@code  w, cy + }{@value #CENTRE_DY}{@code  w)}. These are the medians of the
 * {@link FaceDetector} box relative to the image over 1,000 celebamask-5k faces (500 val, 500 train) on which it
 * found exactly one face; the pipeline README gives the spread.
 *
 * <p>Immutable and thread-safe.
 */
public final class FaceCrop {

    /** Side of the face frame: the 256 x 256 CelebA-HQ crops of the training data. */
    public static final int SIZE = 256;
    /** Crop side in detector box widths (median 2.2655; 10th and 90th percentiles 2.13 and 2.42). */
    public static final double SIDE_PER_BOX_WIDTH = 2.27;
    /** Horizontal offset of the crop centre from the box centre, in box widths (median 0.000). */
    public static final double CENTRE_DX = 0.0;
    /** Vertical offset of the crop centre from the box centre, in box widths (median -0.229: the box sits low). */
    public static final double CENTRE_DY = -0.229;
    /** Colour outside the image, black like the training augmentation's fill. */
    private static final int FILL_RGB = 0x000000;

    /** Maps continuous image coordinates to continuous crop coordinates. */
    private final AffineTransform imageToCrop;
    /** The inverse of {@link #imageToCrop}. */
    private final AffineTransform cropToImage;
    private final int imageWidth;
    private final int imageHeight;
    /** Image pixels the crop frame covers, clipped to the image; may be empty for a crop wholly outside. */
    private final Rectangle imageBounds;

    private FaceCrop(AffineTransform cropToImage, int imageWidth, int imageHeight) {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("Image size must be positive, got " + imageWidth + "x" + imageHeight);
        }
        this.cropToImage = cropToImage;
        try {
            this.imageToCrop = cropToImage.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("Crop transform is not invertible: " + cropToImage, e);
        }
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.imageBounds = bounds(cropToImage, imageWidth, imageHeight);
    }

    /** The crop in the training framing around a detector box. */
    public static FaceCrop around(FaceBox box, int imageWidth, int imageHeight) {
        double side = SIDE_PER_BOX_WIDTH * box.width();
        return square(box.centreX() + CENTRE_DX * box.width(), box.centreY() + CENTRE_DY * box.width(), side,
                imageWidth, imageHeight);
    }

    /**
     * The crop of the square with centre ({@code centreX}, {@code centreY}) and side {@code side} in image
     * coordinates; the square may reach past the image's edges.
     *
     * @throws IllegalArgumentException if the side is not positive or a value is not finite
     */
    public static FaceCrop square(double centreX, double centreY, double side, int imageWidth, int imageHeight) {
        if (!(side > 0) || !Double.isFinite(side) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("Invalid crop square: centre (" + centreX + ", " + centreY + "), side "
                    + side);
        }
        AffineTransform t = new AffineTransform();
        t.translate(centreX - side / 2, centreY - side / 2);
        t.scale(side / SIZE, side / SIZE);
        return new FaceCrop(t, imageWidth, imageHeight);
    }

    /** The crop that is the whole image, stretched to the frame: for inputs that are already aligned faces. */
    public static FaceCrop wholeImage(int imageWidth, int imageHeight) {
        return new FaceCrop(AffineTransform.getScaleInstance((double) imageWidth / SIZE, (double) imageHeight / SIZE),
                imageWidth, imageHeight);
    }

    /**
     * Cuts the crop out of {@code image} as a {@value #SIZE} x {@value #SIZE} {@code TYPE_INT_RGB} image, bilinear,
     * black outside the image. Only the pixels under the crop are read. When the crop shrinks the face by more
     * than 2x, they are first averaged in blocks ({@link RegionReader#shrink}) so that bilinear sampling does not
     * alias, and a huge face costs memory in proportion to the frame, not to the face.
     *
     * @throws IllegalArgumentException if the image is not the size this crop was made for
     */
    public BufferedImage cut(BufferedImage image) {
        if (image.getWidth() != imageWidth || image.getHeight() != imageHeight) {
            throw new IllegalArgumentException("Crop was made for a " + imageWidth + "x" + imageHeight
                    + " image, got " + image.getWidth() + "x" + image.getHeight());
        }
        if (imageBounds.isEmpty()) {
            return new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB); // all fill (black)
        }
        double imagePixelsPerCropPixel = Math.max(Math.abs(cropToImage.getScaleX()),
                Math.abs(cropToImage.getScaleY()));
        int factor = Math.max(1, (int) Math.floor(imagePixelsPerCropPixel / 2));
        // A margin of one shrunk pixel keeps the bilinear neighbours of the frame's edge inside the region.
        Rectangle region = imageBounds.getBounds();
        region.grow(factor, factor);
        region = region.intersection(new Rectangle(0, 0, imageWidth, imageHeight));
        BufferedImage source = RegionReader.shrink(image, region, factor);
        AffineTransform cropToSource = AffineTransform.getScaleInstance(1.0 / factor, 1.0 / factor);
        cropToSource.translate(-region.x, -region.y);
        cropToSource.concatenate(cropToImage);
        return ImageWarp.warp(source, cropToSource, SIZE, SIZE, FILL_RGB);
    }

    /** The image pixels the crop covers, clipped to the image; empty if the crop lies wholly outside. */
    public Rectangle imageBounds() {
        return imageBounds.getBounds();
    }

    /** Maps an image point to crop coordinates, writing {@code {u, v}} into {@code out}. */
    public void toCrop(double x, double y, double[] out) {
        double[] p = {x, y};
        imageToCrop.transform(p, 0, out, 0, 1);
    }

    /** The image point of a crop point. */
    public Point2D toImage(double u, double v) {
        return cropToImage.transform(new Point2D.Double(u, v), null);
    }

    /**
     * How far an image point is from the crop's centre, in half-sides of the frame (Chebyshev distance): 0 at the
     * centre, 1 on the frame's edge, above 1 outside.
     */
    public double centreDistance(double x, double y) {
        double[] uv = new double[2];
        toCrop(x, y, uv);
        return Math.max(Math.abs(uv[0] - SIZE / 2.0), Math.abs(uv[1] - SIZE / 2.0)) / (SIZE / 2.0);
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    /** Bounding box of the frame's image, clipped to the image. */
    private static Rectangle bounds(AffineTransform cropToImage, int imageWidth, int imageHeight) {
        double[] corners = {0, 0, SIZE, 0, 0, SIZE, SIZE, SIZE};
        cropToImage.transform(corners, 0, corners, 0, 4);
        double minX = Math.min(Math.min(corners[0], corners[2]), Math.min(corners[4], corners[6]));
        double maxX = Math.max(Math.max(corners[0], corners[2]), Math.max(corners[4], corners[6]));
        double minY = Math.min(Math.min(corners[1], corners[3]), Math.min(corners[5], corners[7]));
        double maxY = Math.max(Math.max(corners[1], corners[3]), Math.max(corners[5], corners[7]));
        int x0 = (int) Math.max(0, Math.floor(minX));
        int y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(imageWidth, Math.ceil(maxX));
        int y1 = (int) Math.min(imageHeight, Math.ceil(maxY));
        return x1 > x0 && y1 > y0 ? new Rectangle(x0, y0, x1 - x0, y1 - y0) : new Rectangle();
    }

    @Override
    public String toString() {
        Point2D topLeft = toImage(0, 0);
        Point2D bottomRight = toImage(SIZE, SIZE);
        return String.format(java.util.Locale.ROOT, "FaceCrop[(%.1f, %.1f)-(%.1f, %.1f) of %dx%d]", topLeft.getX(),
                topLeft.getY(), bottomRight.getX(), bottomRight.getY(), imageWidth, imageHeight);
    }
}
