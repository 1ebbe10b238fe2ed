package io.github.faceparse4j.core.data;

import java.util.SplittableRandom;

/**
 * Random geometric augmentation of training samples, by default the iCNN paper's: rotation uniform in +-15 deg,
 * scale uniform in 0.9 to 1.1, shift uniform in +-10 px on each axis, plus a left-right mirror with probability
 * 0.5 that swaps left/right labels (as the RNN-G paper's "random affine and mirror transformations").
 *
 * <p>Each sample gets its own {@link FaceWarp}, drawn from a seed alone ({@link #draw(long)}): the same seed gives
 * the same warp on any thread and in any order, which is how {@link FaceBatchIterator} makes epochs reproducible.
 * Shifts are in pixels of the sample the warp is applied to (256 px wide for celebamask-5k), before any encoder
 * resizes it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Augmentation {

    private static final Augmentation NONE =
            builder().optMaxRotationDegrees(0).optScaleRange(1, 1).optMaxShift(0).optMirrorProbability(0).build();

    /** Largest rotation either way, degrees. */
    private final double maxRotationDegrees;
    /** Smallest zoom factor. */
    private final double minScale;
    /** Largest zoom factor. */
    private final double maxScale;
    /** Largest shift either way on each axis, pixels. */
    private final double maxShift;
    /** Probability of mirroring a sample, 0..1. */
    private final double mirrorProbability;
    /** Image colour where a warp reads outside the source, 0xRRGGBB. */
    private final int fillRgb;

    private Augmentation(Builder builder) {
        this.maxRotationDegrees = builder.maxRotationDegrees;
        this.minScale = builder.minScale;
        this.maxScale = builder.maxScale;
        this.maxShift = builder.maxShift;
        this.mirrorProbability = builder.mirrorProbability;
        this.fillRgb = builder.fillRgb;
    }

    /** A builder preset to the iCNN paper's values (15 deg, 0.9 to 1.1, 10 px, mirror 0.5, black fill). */
    public static Builder builder() {
        return new Builder();
    }

    /** The iCNN paper's augmentation with a mirror: the builder's defaults. */
    public static Augmentation paperDefault() {
        return builder().build();
    }

    /** No augmentation: every draw is {@link FaceWarp#IDENTITY}. */
    public static Augmentation none() {
        return NONE;
    }

    /** Whether every draw is the identity. */
    public boolean isNone() {
        return maxRotationDegrees == 0 && minScale == 1 && maxScale == 1 && maxShift == 0 && mirrorProbability == 0;
    }

    /** Draws the warp for one sample from {@code seed} alone. */
    public FaceWarp draw(long seed) {
        if (isNone()) {
            return FaceWarp.IDENTITY;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double rotation = uniform(random, -maxRotationDegrees, maxRotationDegrees);
        double scale = uniform(random, minScale, maxScale);
        double shiftX = uniform(random, -maxShift, maxShift);
        double shiftY = uniform(random, -maxShift, maxShift);
        boolean mirror = random.nextDouble() < mirrorProbability;
        return new FaceWarp(rotation, scale, shiftX, shiftY, mirror);
    }

    /** Applies the warp drawn from {@code seed}; returns {@code sample} itself when the draw is the identity. */
    public FaceSample apply(FaceSample sample, long seed) {
        return draw(seed).apply(sample, fillRgb);
    }

    public double maxRotationDegrees() {
        return maxRotationDegrees;
    }

    public double minScale() {
        return minScale;
    }

    public double maxScale() {
        return maxScale;
    }

    public double maxShift() {
        return maxShift;
    }

    public double mirrorProbability() {
        return mirrorProbability;
    }

    public int fillRgb() {
        return fillRgb;
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return min == max ? min : min + (max - min) * random.nextDouble();
    }

    @Override
    public String toString() {
        return "Augmentation[rotation +-" + maxRotationDegrees + " deg, scale " + minScale + ".." + maxScale
                + ", shift +-" + maxShift + " px, mirror p=" + mirrorProbability + "]";
    }

    /** Builds an {@link Augmentation}; every setting is optional and defaults to the iCNN paper's value. */
    public static final class Builder {

        private double maxRotationDegrees = 15;
        private double minScale = 0.9;
        private double maxScale = 1.1;
        private double maxShift = 10;
        private double mirrorProbability = 0.5;
        private int fillRgb = 0x000000;

        private Builder() {
        }

        /** Rotation is uniform in {@code [-degrees, degrees]}; default 15. */
        public Builder optMaxRotationDegrees(double degrees) {
            if (!(degrees >= 0 && degrees <= 180)) {
                throw new IllegalArgumentException("Rotation limit must be in 0..180 degrees, got " + degrees);
            }
            this.maxRotationDegrees = degrees;
            return this;
        }

        /** Zoom is uniform in {@code [min, max]}; default 0.9 to 1.1. */
        public Builder optScaleRange(double min, double max) {
            if (!(min > 0 && min <= max) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("Scale range must satisfy 0 < min <= max, got " + min + ".." + max);
            }
            this.minScale = min;
            this.maxScale = max;
            return this;
        }

        /** Shift is uniform in {@code [-pixels, pixels]} on each axis, in sample pixels; default 10. */
        public Builder optMaxShift(double pixels) {
            if (!(pixels >= 0) || !Double.isFinite(pixels)) {
                throw new IllegalArgumentException("Shift limit must be a non-negative number, got " + pixels);
            }
            this.maxShift = pixels;
            return this;
        }

        /** Probability of a left-right mirror (with left/right label swap); default 0.5. */
        public Builder optMirrorProbability(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("Mirror probability must be in [0, 1], got " + probability);
            }
            this.mirrorProbability = probability;
            return this;
        }

        /** Image colour where the warp reads outside the source, {@code 0xRRGGBB}; default black. */
        public Builder optFillRgb(int rgb) {
            this.fillRgb = rgb & 0xFFFFFF;
            return this;
        }

        public Augmentation build() {
            return new Augmentation(this);
        }
    }
}
