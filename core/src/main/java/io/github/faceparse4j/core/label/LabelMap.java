package io.github.faceparse4j.core.label;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * A compact per-pixel label image: one unsigned byte per pixel, row-major ({@code ids[y * width + x]}), with the
 * {@link LabelScheme} its ids belong to.
 *
 * <p>Every operation returns a new map; a {@code LabelMap} is never changed after construction, so it is safe to
 * share between threads. Geometry operations use nearest-neighbour sampling so that no new ids appear.
 */
public final class LabelMap {

    /** Scheme of the ids. */
    private final LabelScheme scheme;
    /** Width in pixels, at least 1. */
    private final int width;
    /** Height in pixels, at least 1. */
    private final int height;
    /** Row-major ids; never exposed without a copy. */
    private final byte[] ids;

    private LabelMap(LabelScheme scheme, int width, int height, byte[] ids) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Label map size must be positive, got " + width + "x" + height);
        }
        if (ids.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " ids for " + width + "x" + height
                    + ", got " + ids.length);
        }
        this.width = width;
        this.height = height;
        this.ids = ids;
    }

    /** Takes ownership of {@code ids} without a copy; for this package's operations only. */
    static LabelMap wrap(LabelScheme scheme, int width, int height, byte[] ids) {
        return new LabelMap(scheme, width, height, ids);
    }

    /**
     * Creates a map from row-major ids, copying them and checking every id against the scheme.
     *
     * @throws IllegalArgumentException if the size does not match or an id is outside the scheme
     */
    public static LabelMap of(LabelScheme scheme, int width, int height, byte[] ids) {
        byte[] copy = ids.clone();
        LabelMap map = new LabelMap(scheme, width, height, copy);
        for (int i = 0; i < copy.length; i++) {
            int id = copy[i] & 0xFF;
            if (!scheme.contains(id)) {
                throw new IllegalArgumentException("Label id " + id + " at (" + i % width + "," + i / width
                        + ") is outside scheme " + scheme + " (0.." + (scheme.numClasses() - 1) + ")");
            }
        }
        return map;
    }

    /** A map of the given size filled with one id. */
    public static LabelMap filled(LabelScheme scheme, int width, int height, int id) {
        scheme.checkId(id);
        byte[] ids = new byte[width * height];
        java.util.Arrays.fill(ids, (byte) id);
        return new LabelMap(scheme, width, height, ids);
    }

    /**
     * Reads the ids from an 8-bit single-band image (a grayscale label PNG), checking each against the scheme.
     *
     * @throws IllegalArgumentException if the image is not 8-bit single-band or holds an id outside the scheme
     */
    public static LabelMap fromGrayImage(LabelScheme scheme, BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY
                && !(image.getRaster().getNumBands() == 1 && image.getSampleModel().getSampleSize(0) == 8)) {
            throw new IllegalArgumentException("A label image must be 8-bit single-band grayscale, got "
                    + image.getSampleModel().getNumBands() + " band(s) of "
                    + image.getSampleModel().getSampleSize(0) + " bits");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] ids = new byte[w * h];
        image.getRaster().getDataElements(0, 0, w, h, ids);
        return of(scheme, w, h, ids);
    }

    /** This map as an 8-bit grayscale image whose pixel values are the ids. */
    public BufferedImage toGrayImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(ids, 0, data, 0, ids.length);
        return image;
    }

    public LabelScheme scheme() {
        return scheme;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The id at column {@code x}, row {@code y}. */
    public int get(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") outside " + width + "x" + height);
        }
        return ids[y * width + x] & 0xFF;
    }

    /** A copy of the row-major ids. */
    public byte[] ids() {
        return ids.clone();
    }

    /** Copies the row-major ids into {@code dest} at {@code offset}, without allocating. */
    public void copyIdsTo(byte[] dest, int offset) {
        System.arraycopy(ids, 0, dest, offset, ids.length);
    }

    /** Number of pixels of each class, indexed by id. */
    public long[] classCounts() {
        long[] counts = new long[scheme.numClasses()];
        for (byte b : ids) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    /** A new map with this one's ids translated by {@code mapping}. */
    public LabelMap map(LabelMapping mapping) {
        return mapping.apply(this);
    }

    /** Resizes with nearest-neighbour sampling (pixel centres), so no new ids appear. */
    public LabelMap resizeNearest(int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("Target size must be positive, got " + newWidth + "x" + newHeight);
        }
        byte[] out = new byte[newWidth * newHeight];
        int[] srcX = new int[newWidth];
        for (int x = 0; x < newWidth; x++) {
            srcX[x] = Math.min(width - 1, (int) ((x + 0.5) * width / newWidth));
        }
        for (int y = 0; y < newHeight; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / newHeight));
            int rowIn = sy * width;
            int rowOut = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                out[rowOut + x] = ids[rowIn + srcX[x]];
            }
        }
        return new LabelMap(scheme, newWidth, newHeight, out);
    }

    /**
     * Cuts the rectangle with top-left corner ({@code x}, {@code y}); parts of it outside this map are filled with
     * {@code fillId}. The rectangle may lie partly or wholly outside, so this also pads.
     */
    public LabelMap crop(int x, int y, int cropWidth, int cropHeight, int fillId) {
        scheme.checkId(fillId);
        byte[] out = new byte[cropWidth * cropHeight];
        java.util.Arrays.fill(out, (byte) fillId);
        int x0 = Math.max(0, x);
        int x1 = Math.min(width, x + cropWidth);
        for (int row = 0; row < cropHeight; row++) {
            int sy = y + row;
            if (sy < 0 || sy >= height || x1 <= x0) {
                continue;
            }
            System.arraycopy(ids, sy * width + x0, out, row * cropWidth + (x0 - x), x1 - x0);
        }
        return new LabelMap(scheme, cropWidth, cropHeight, out);
    }

    /** Pads each side by the given number of pixels with {@code fillId}. */
    public LabelMap pad(int left, int top, int right, int bottom, int fillId) {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("Padding must not be negative");
        }
        return crop(-left, -top, width + left + right, height + top + bottom, fillId);
    }

    /**
     * Mirrors the map left to right and swaps left/right classes ({@link LabelScheme#mirrorOf}), so the result
     * labels the mirrored image correctly: a person's left eye becomes their right eye.
     */
    public LabelMap flipHorizontal() {
        byte[] out = new byte[ids.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                out[row + width - 1 - x] = (byte) scheme.mirrorOf(ids[row + x] & 0xFF);
            }
        }
        return new LabelMap(scheme, width, height, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap other && width == other.width && height == other.height
                && scheme.equals(other.scheme) && java.util.Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(ids) + scheme.hashCode();
    }

    @Override
    public String toString() {
        return "LabelMap[" + scheme + ", " + width + "x" + height + "]";
    }
}
