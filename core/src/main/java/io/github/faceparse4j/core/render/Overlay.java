package io.github.faceparse4j.core.render;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;

import java.awt.image.BufferedImage;

/**
 * Paints a {@link LabelMap} over the photo it labels: each pixel becomes
 * {@code (1 - alpha) * photo + alpha * colour(class)}, per RGB channel, with the scheme's palette
 * ({@link LabelScheme#colour(int)}).
 *
 * <p>Options: the blend weight {@code alpha} (0.5 by default); whether background pixels (id 0, background in every
 * built-in scheme) are left untouched (the default) or blended like the rest; and an outline that paints the pixels on
 * a class boundary (a 4-neighbour has another id) in their class colour at full opacity, off by default.
 *
 * <p>The label map must be the size of the photo; a map predicted at another resolution is brought to it with
 * {@link LabelMap#resizeNearest(int, int)} first, so that no blended colours appear between classes. Immutable and
 * thread-safe.
 */
public final class Overlay {

    /** The id left untouched unless {@link Builder#optBlendBackground} is set. */
    private static final int BACKGROUND_ID = 0;

    /** Weight of the class colour, in [0, 1]. */
    private final double alpha;
    /** Whether background pixels are blended too. */
    private final boolean blendBackground;
    /** Whether class boundaries are drawn opaque. */
    private final boolean outline;

    private Overlay(Builder builder) {
        this.alpha = builder.alpha;
        this.blendBackground = builder.blendBackground;
        this.outline = builder.outline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a new {@link BufferedImage#TYPE_INT_RGB} image of the photo's size with the labels painted over it; the
     * photo is not changed. Any image type that {@link BufferedImage#getRGB} reads is accepted; an alpha channel is
     * dropped.
     *
     * @throws IllegalArgumentException if the label map's size differs from the photo's
     */
    public BufferedImage render(BufferedImage photo, LabelMap labels) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        if (labels.width() != w || labels.height() != h) {
            throw new IllegalArgumentException("Label map is " + labels.width() + "x" + labels.height()
                    + " but the photo is " + w + "x" + h + "; resize the map with labels.resizeNearest(" + w + ", "
                    + h + ") first");
        }
        LabelScheme scheme = labels.scheme();
        int[] palette = new int[scheme.numClasses()];
        for (int id = 0; id < palette.length; id++) {
            palette[id] = scheme.colour(id);
        }
        int[] rgb = photo.getRGB(0, 0, w, h, null, 0, w);
        byte[] ids = new byte[w * h];
        labels.copyIdsTo(ids, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int id = ids[i] & 0xFF;
                if (id == BACKGROUND_ID && !blendBackground) {
                    continue;
                }
                rgb[i] = outline && onBoundary(ids, w, h, x, y) ? palette[id] : blend(rgb[i], palette[id]);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /** {@code (1 - alpha) * photo + alpha * colour} per channel, rounded. */
    private int blend(int photoRgb, int colour) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int p = (photoRgb >> shift) & 0xFF;
            int c = (colour >> shift) & 0xFF;
            out |= (int) Math.round((1 - alpha) * p + alpha * c) << shift;
        }
        return out;
    }

    /** Whether a 4-neighbour inside the map has a different id. */
    private static boolean onBoundary(byte[] ids, int w, int h, int x, int y) {
        byte id = ids[y * w + x];
        return (x > 0 && ids[y * w + x - 1] != id) || (x < w - 1 && ids[y * w + x + 1] != id)
                || (y > 0 && ids[(y - 1) * w + x] != id) || (y < h - 1 && ids[(y + 1) * w + x] != id);
    }

    /** Options of an {@link Overlay}; all optional. */
    public static final class Builder {
        private double alpha = 0.5;
        private boolean blendBackground;
        private boolean outline;

        private Builder() {
        }

        /**
         * Weight of the class colour: 0 keeps the photo, 1 paints the plain palette colour. 0.5 by default.
         *
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder optAlpha(double alpha) {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /** Whether background (id 0) is blended with its palette colour too; {@code false} (left untouched) by default. */
        public Builder optBlendBackground(boolean blendBackground) {
            this.blendBackground = blendBackground;
            return this;
        }

        /** Whether pixels on a class boundary are painted in their class colour at full opacity; off by default. */
        public Builder optOutline(boolean outline) {
            this.outline = outline;
            return this;
        }

        public Overlay build() {
            return new Overlay(this);
        }
    }

    @Override
    public String toString() {
        return "Overlay[alpha=" + alpha + ", blendBackground=" + blendBackground + ", outline=" + outline + "]";
    }
}
