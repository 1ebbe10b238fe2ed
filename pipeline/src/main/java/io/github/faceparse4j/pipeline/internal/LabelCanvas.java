package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The label map of a whole input image, assembled from per-face label maps in crop coordinates: one byte per pixel,
 * background (id 0) where no face was pasted.
 *
 * <p><b>Paste.</b> Each image pixel whose centre lies inside a face's crop frame reads the crop label at that point,
 * nearest neighbour (a label map of any side {@code m} is read at {@code floor(u * m / 256)}). <b>Overlap.</b> Where
 * the frames of several faces cover a pixel, the face whose crop centre is nearest in units of its own frame
 * ({@link FaceCrop#centreDistance}) owns it and only its label is written; ties go to the face pasted first in the
 * crop list. A pixel thus belongs to the face it sits most centrally in, whatever the paste order, and the rule needs
 * no memory beyond the map.
 *
 * <p>Not thread-safe; one canvas per image.
 */
public final class LabelCanvas {

    private final LabelScheme scheme;
    private final int width;
    private final int height;
    /** Row-major ids. */
    private final byte[] ids;

    /** A canvas of the given size, all background. */
    public LabelCanvas(LabelScheme scheme, int width, int height) {
        this.scheme = scheme;
        this.width = width;
        this.height = height;
        this.ids = new byte[Math.multiplyExact(width, height)];
    }

    /**
     * Pastes the labels of face {@code index} of {@code crops}.
     *
     * @param cropLabels the face's labels in its crop frame, square, in this canvas's scheme
     * @param crops      the crops of every face of the image, which decide ownership of shared pixels
     * @throws IllegalArgumentException if the map is not square, has another scheme, or a crop was made for an image
     *     of another size
     */
    public void paste(LabelMap cropLabels, int index, List<FaceCrop> crops) {
        if (!cropLabels.scheme().equals(scheme) || cropLabels.width() != cropLabels.height()) {
            throw new IllegalArgumentException("Expected a square " + scheme + " crop map, got " + cropLabels);
        }
        FaceCrop crop = crops.get(index);
        if (crop.imageWidth() != width || crop.imageHeight() != height) {
            throw new IllegalArgumentException("Crop " + crop + " was made for another image than this " + width + "x"
                    + height + " canvas");
        }
        Rectangle bounds = crop.imageBounds();
        List<FaceCrop> rivals = new ArrayList<>();
        List<Integer> rivalIndices = new ArrayList<>();
        for (int j = 0; j < crops.size(); j++) {
            if (j != index && crops.get(j).imageBounds().intersects(bounds)) {
                rivals.add(crops.get(j));
                rivalIndices.add(j);
            }
        }
        int m = cropLabels.width();
        byte[] labels = cropLabels.ids();
        double scale = (double) m / FaceCrop.SIZE;
        double[] uv = new double[2];
        for (int y = bounds.y; y < bounds.y + bounds.height; y++) {
            for (int x = bounds.x; x < bounds.x + bounds.width; x++) {
                crop.toCrop(x + 0.5, y + 0.5, uv);
                int mx = (int) Math.floor(uv[0] * scale);
                int my = (int) Math.floor(uv[1] * scale);
                if (mx < 0 || my < 0 || mx >= m || my >= m
                        || ownedByRival(x + 0.5, y + 0.5, crop, index, rivals, rivalIndices)) {
                    continue;
                }
                ids[y * width + x] = labels[my * m + mx];
            }
        }
    }

    /**
     * Fills the canvas from a map of a shrunk copy of the image: pixel {@code (x, y)} takes the id at
     * {@code (x / factor, y / factor)}, the block the {@link WorkingCopy} averaged it into.
     *
     * @throws IllegalArgumentException if the map is not this canvas shrunk by {@code factor}
     */
    public void fillFromShrunk(LabelMap shrunk, int factor) {
        if (!shrunk.scheme().equals(scheme) || shrunk.width() != RegionReader.ceilDiv(width, factor)
                || shrunk.height() != RegionReader.ceilDiv(height, factor)) {
            throw new IllegalArgumentException("Expected a " + scheme + " map of this " + width + "x" + height
                    + " canvas shrunk by " + factor + ", got " + shrunk);
        }
        byte[] small = shrunk.ids();
        int sw = shrunk.width();
        for (int y = 0; y < height; y++) {
            int row = (y / factor) * sw;
            for (int x = 0; x < width; x++) {
                ids[y * width + x] = small[row + x / factor];
            }
        }
    }

    /** The canvas as an immutable label map (a copy). */
    public LabelMap toLabelMap() {
        return LabelMap.of(scheme, width, height, ids);
    }

    private static boolean ownedByRival(double x, double y, FaceCrop crop, int index, List<FaceCrop> rivals,
            List<Integer> rivalIndices) {
        if (rivals.isEmpty()) {
            return false;
        }
        double mine = crop.centreDistance(x, y);
        for (int r = 0; r < rivals.size(); r++) {
            double theirs = rivals.get(r).centreDistance(x, y);
            if (theirs < 1 && (theirs < mine || (theirs == mine && rivalIndices.get(r) < index))) {
                return true;
            }
        }
        return false;
    }
}
