package io.github.faceparse4j.core.render;

import io.github.faceparse4j.core.label.LabelScheme;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A key for {@link Overlay} pictures: a vertical strip on a white ground with one row per class, a swatch of the
 * class's palette colour (with a grey frame, so that black background stays visible) and the class name beside it.
 *
 * <p>Layout, in pixels: row {@code r} (0-based, in the order of the ids given) has its swatch at
 * {@link #swatchBounds(int)}; the strip is as wide as the longest name needs. Text is drawn with the logical
 * {@code SansSerif} font through Java2D into a {@link BufferedImage}, which needs no display
 * ({@code java.awt.headless=true} works). Immutable and thread-safe.
 */
public final class Legend {

    private static final Color GROUND = Color.WHITE;
    private static final Color FRAME = new Color(0x808080);
    private static final Color TEXT = Color.BLACK;

    /** Side of a swatch, frame included. */
    private final int swatchSize;
    /** Space around and between the elements. */
    private final int gap;
    /** Font of the class names. */
    private final Font font;
    /** Vertical distance between rows: the taller of swatch and text line, plus the gap. */
    private final int rowHeight;

    private Legend(Builder builder) {
        this.swatchSize = builder.swatchSize;
        this.gap = builder.gap;
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, builder.fontSize);
        this.rowHeight = Math.max(swatchSize, metrics().getHeight()) + gap;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A legend of every class of {@code scheme}, in id order. */
    public BufferedImage render(LabelScheme scheme) {
        return render(scheme, IntStream.range(0, scheme.numClasses()).toArray());
    }

    /**
     * A legend of the given classes, one row each in the given order (e.g. only the classes present in a map).
     *
     * @throws IllegalArgumentException if {@code classIds} is empty or holds an id outside the scheme
     */
    public BufferedImage render(LabelScheme scheme, int[] classIds) {
        Objects.requireNonNull(scheme, "scheme");
        if (classIds.length == 0) {
            throw new IllegalArgumentException("A legend needs at least one class");
        }
        for (int id : classIds) {
            scheme.checkId(id);
        }
        FontMetrics metrics = metrics();
        int textWidth = 0;
        for (int id : classIds) {
            textWidth = Math.max(textWidth, metrics.stringWidth(scheme.className(id)));
        }
        int width = gap + swatchSize + gap + textWidth + gap;
        int height = gap + classIds.length * rowHeight;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(GROUND);
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Centres the text's x-height band on the swatch.
            int baselineOffset = (swatchSize + metrics.getAscent() - metrics.getDescent()) / 2;
            for (int row = 0; row < classIds.length; row++) {
                Rectangle swatch = swatchBounds(row);
                g.setColor(FRAME);
                g.fillRect(swatch.x - 1, swatch.y - 1, swatch.width + 2, swatch.height + 2);
                g.setColor(new Color(scheme.colour(classIds[row])));
                g.fillRect(swatch.x, swatch.y, swatch.width, swatch.height);
                g.setColor(TEXT);
                g.drawString(scheme.className(classIds[row]), gap + swatchSize + gap, swatch.y - 1 + baselineOffset);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Where row {@code row}'s solid colour is drawn: the swatch without its one-pixel frame.
     *
     * @throws IllegalArgumentException if {@code row} is negative
     */
    public Rectangle swatchBounds(int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row must not be negative, got " + row);
        }
        return new Rectangle(gap + 1, gap + row * rowHeight + 1, swatchSize - 2, swatchSize - 2);
    }

    /** Metrics of the name font, measured on an off-screen image (no display needed). */
    private FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    /** Options of a {@link Legend}; all optional. */
    public static final class Builder {
        private int swatchSize = 16;
        private int gap = 4;
        private int fontSize = 12;

        private Builder() {
        }

        /** Side of each swatch in pixels, frame included; 16 by default, at least 3. */
        public Builder optSwatchSize(int swatchSize) {
            if (swatchSize < 3) {
                throw new IllegalArgumentException("swatch size must be at least 3, got " + swatchSize);
            }
            this.swatchSize = swatchSize;
            return this;
        }

        /** Space around and between rows in pixels; 4 by default. */
        public Builder optGap(int gap) {
            if (gap < 1) {
                throw new IllegalArgumentException("gap must be at least 1, got " + gap);
            }
            this.gap = gap;
            return this;
        }

        /** Point size of the class names; 12 by default. */
        public Builder optFontSize(int fontSize) {
            if (fontSize < 1) {
                throw new IllegalArgumentException("font size must be positive, got " + fontSize);
            }
            this.fontSize = fontSize;
            return this;
        }

        public Legend build() {
            return new Legend(this);
        }
    }
}
