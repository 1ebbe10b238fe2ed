package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The square crop of one {@link FacePart} in a face image of {@link #faceWidth()} x {@link #faceHeight()}
 * pixels (256 x 256 in the paper): where it lies, and how image, labels and predictions move between the face and
 * the part network's input.
 *
 * <p>The crop is {@link FacePart#cropSize()} pixels square, centred on the part's centre (rounded to whole
 * pixels) and moved, if needed, to lie wholly inside the face, so it never needs padding. For
 * {@linkplain FacePart#mirrored() mirrored} parts (right brow, right eye) the network's view is flipped left to
 * right: crop column {@code c} shows face column {@code x() + size() - 1 - c}.
 *
 * <p>Part labels are the part network's classes ({@link PartType#labelNames()}): 0 background, 1.. the part's own
 * classes. Only the part itself is labelled: a neighbouring part that shows in the crop (the other brow, an eye
 * under a brow) is background, so that the pasted prediction never claims it.
 *
 * <p>Immutable and thread-safe.
 */
public final class PartCrop {

    private final FacePart part;
    /** Column of the crop's left edge in the face. */
    private final int x;
    /** Row of the crop's top edge in the face. */
    private final int y;
    private final int faceWidth;
    private final int faceHeight;

    private PartCrop(FacePart part, int x, int y, int faceWidth, int faceHeight) {
        this.part = part;
        this.x = x;
        this.y = y;
        this.faceWidth = faceWidth;
        this.faceHeight = faceHeight;
    }

    /**
     * The crop of {@code part} centred on ({@code centreX}, {@code centreY}) in continuous face coordinates (pixel
     * {@code (i, j)} has its centre at {@code (i + 0.5, j + 0.5)}), moved inside the face where needed.
     *
     * @throws IllegalArgumentException if the face is smaller than the crop or the centre is not finite
     */
    public static PartCrop around(FacePart part, double centreX, double centreY, int faceWidth, int faceHeight) {
        Objects.requireNonNull(part, "part");
        int size = part.cropSize();
        if (faceWidth < size || faceHeight < size) {
            throw new IllegalArgumentException("A " + size + "x" + size + " crop of " + part + " needs a face of at "
                    + "least that size, got " + faceWidth + "x" + faceHeight);
        }
        if (!Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("Centre of " + part + " is not finite: (" + centreX + ", " + centreY
                    + ")");
        }
        int x = clamp((int) Math.round(centreX - size / 2.0), faceWidth - size);
        int y = clamp((int) Math.round(centreY - size / 2.0), faceHeight - size);
        return new PartCrop(part, x, y, faceWidth, faceHeight);
    }

    public FacePart part() {
        return part;
    }

    /** Column of the crop's left edge in the face. */
    public int x() {
        return x;
    }

    /** Row of the crop's top edge in the face. */
    public int y() {
        return y;
    }

    /** Side of the square crop. */
    public int size() {
        return part.cropSize();
    }

    public int faceWidth() {
        return faceWidth;
    }

    public int faceHeight() {
        return faceHeight;
    }

    /** The face column shown at crop column {@code column}, taking mirroring into account. */
    public int faceColumn(int column) {
        return part.mirrored() ? x + size() - 1 - column : x + column;
    }

    /**
     * The part network's view of the face: the crop as a new {@code size x size} {@code TYPE_INT_RGB} image,
     * mirrored for mirrored parts.
     *
     * @throws IllegalArgumentException if the image is not {@code faceWidth x faceHeight}
     */
    public BufferedImage cropImage(BufferedImage face) {
        checkSize(face.getWidth(), face.getHeight(), "image");
        BufferedImage rgb = RgbImages.toRgb(face);
        int[] src = RgbImages.packedPixels(rgb);
        int size = size();
        int[] out = new int[size * size];
        for (int r = 0; r < size; r++) {
            int row = (y + r) * faceWidth;
            for (int c = 0; c < size; c++) {
                out[r * size + c] = src[row + faceColumn(c)];
            }
        }
        return RgbImages.fromPackedPixels(size, size, out);
    }

    /**
     * The part labels of the crop, row-major {@code size * size} values in the network's (possibly mirrored) view:
     * {@link FacePart#labelOf(int)} of each HELEN-11 id.
     *
     * @throws IllegalArgumentException if the map is not HELEN-11 or not {@code faceWidth x faceHeight}
     */
    public byte[] cropLabels(LabelMap helenFace) {
        Stage1Labels.checkHelen(helenFace);
        checkSize(helenFace.width(), helenFace.height(), "label map");
        byte[] ids = helenFace.ids();
        int[] labelOf = new int[256];
        for (int id = 0; id < helenFace.scheme().numClasses(); id++) {
            labelOf[id] = part.labelOf(id);
        }
        int size = size();
        byte[] out = new byte[size * size];
        for (int r = 0; r < size; r++) {
            int row = (y + r) * faceWidth;
            for (int c = 0; c < size; c++) {
                out[r * size + c] = (byte) labelOf[ids[row + faceColumn(c)] & 0xFF];
            }
        }
        return out;
    }

    /**
     * Writes predicted part labels back into a face's row-major HELEN-11 ids, undoing the mirroring: every crop
     * pixel with a label above 0 sets its face pixel to {@link FacePart#helenId(int)}; background leaves the face
     * pixel as it was.
     *
     * @param partLabels row-major {@code size * size} part labels in the network's view
     * @param faceIds row-major {@code faceWidth * faceHeight} HELEN-11 ids, changed in place
     * @throws IllegalArgumentException if an array has the wrong length or a label is outside the part's labels
     */
    public void paste(byte[] partLabels, byte[] faceIds) {
        int size = size();
        if (partLabels.length != size * size) {
            throw new IllegalArgumentException("Expected " + size * size + " labels for the " + size + "x" + size
                    + " crop of " + part + ", got " + partLabels.length);
        }
        if (faceIds.length != faceWidth * faceHeight) {
            throw new IllegalArgumentException("Expected " + faceWidth * faceHeight + " face ids for " + faceWidth
                    + "x" + faceHeight + ", got " + faceIds.length);
        }
        for (int r = 0; r < size; r++) {
            int row = (y + r) * faceWidth;
            for (int c = 0; c < size; c++) {
                int label = partLabels[r * size + c] & 0xFF;
                if (label != 0) {
                    faceIds[row + faceColumn(c)] = (byte) part.helenId(label);
                }
            }
        }
    }

    private void checkSize(int width, int height, String what) {
        if (width != faceWidth || height != faceHeight) {
            throw new IllegalArgumentException("Crop of " + part + " was placed in a " + faceWidth + "x" + faceHeight
                    + " face, got a " + width + "x" + height + " " + what);
        }
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartCrop other && part == other.part && x == other.x && y == other.y
                && faceWidth == other.faceWidth && faceHeight == other.faceHeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(part, x, y, faceWidth, faceHeight);
    }

    @Override
    public String toString() {
        return "PartCrop[" + part + " " + size() + "x" + size() + " at (" + x + ", " + y + ")"
                + (part.mirrored() ? " mirrored" : "") + " in " + faceWidth + "x" + faceHeight + "]";
    }
}
