package io.github.faceparse4j.icnn.train;

import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.data.SampleEncoder;
import io.github.faceparse4j.core.data.SampleSlot;
import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training samples of one stage-2 part network: a crop around the part's ground-truth centre, moved by a random
 * jitter so the network learns to cope with stage 1's imprecise centres.
 *
 * <ul>
 *   <li>input 0: {@code [3, S, S]} RGB crop ({@link PartCrop#cropImage}), normalised, S = the type's crop size;</li>
 *   <li>output 0: one-hot {@code [L, S, S]} part labels ({@link PartCrop#cropLabels}), L = the type's label count.</li>
 * </ul>
 *
 * <p>For brow and eye, each sample gives one side, left or (mirrored) right, chosen at random. The jitter is
 * uniform in {@code [-jitter, +jitter]} pixels on each axis. Both draws come from a seed made of the sample's name
 * and its (augmented) labels, because {@link SampleEncoder} hands the encoder no seed: with seeded augmentation the
 * draws are reproducible, and they change from epoch to epoch as the augmentation does.
 *
 * <p>Samples must be at least as large as the crop (256 x 256 in the paper) and their scheme must map to HELEN-11.
 * Immutable and thread-safe.
 */
public final class PartCropEncoder implements SampleEncoder {

    private final PartType type;
    /** Largest centre displacement either way on each axis, in pixels. */
    private final double jitter;
    private final Normalization normalization;
    private final CentreMethod centreMethod;

    private PartCropEncoder(Builder b) {
        this.type = b.type;
        this.jitter = b.jitter;
        this.normalization = b.normalization;
        this.centreMethod = b.centreMethod;
    }

    /** A builder; {@link Builder#setPartType} is required. */
    public static Builder builder() {
        return new Builder();
    }

    public PartType partType() {
        return type;
    }

    public double jitter() {
        return jitter;
    }

    public Normalization normalization() {
        return normalization;
    }

    @Override
    public List<long[]> featureShapes() {
        return List.of(new long[] {3, type.cropSize(), type.cropSize()});
    }

    @Override
    public List<long[]> labelShapes() {
        return List.of(new long[] {type.numLabels(), type.cropSize(), type.cropSize()});
    }

    @Override
    public void encode(FaceSample sample, SampleSlot slot) {
        LabelMap helen = LabelMapping.between(sample.labels().scheme(), LabelScheme.HELEN_11).apply(sample.labels());
        PartCrop crop = cropFor(sample.name(), helen);
        int size = type.cropSize();
        ImageTensors.fillChw(crop.cropImage(sample.image()), size, size, normalization, slot.features(0),
                slot.featuresOffset(0));
        ClassMaps.fillOneHot(crop.cropLabels(helen), type.numLabels(), slot.labels(0), slot.labelsOffset(0));
    }

    /** The crop this encoder takes from a sample with these HELEN-11 labels: random side and jitter. */
    PartCrop cropFor(String name, LabelMap helen) {
        SplittableRandom random = new SplittableRandom(name.hashCode() * 0x9E3779B97F4A7C15L ^ helen.hashCode());
        List<FacePart> parts = type.parts();
        FacePart part = parts.get(random.nextInt(parts.size()));
        PartCentres centres = PartCentres.locate(helen, centreMethod);
        double dx = jitter * (2 * random.nextDouble() - 1);
        double dy = jitter * (2 * random.nextDouble() - 1);
        return PartCrop.around(part, centres.x(part) + dx, centres.y(part) + dy, helen.width(), helen.height());
    }

    /** @throws IllegalArgumentException unless {@code jitter} is finite and not negative */
    static double checkJitter(double jitter) {
        if (!(jitter >= 0) || !Double.isFinite(jitter)) {
            throw new IllegalArgumentException("Jitter must be a finite non-negative number, got " + jitter);
        }
        return jitter;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PartCropEncoder[%s, jitter %.1f px, %s]", type.id(), jitter,
                normalization);
    }

    /** Builds a {@link PartCropEncoder}. Not thread-safe. */
    public static final class Builder {
        private PartType type;
        private double jitter = 6;
        private Normalization normalization = Normalization.IMAGENET;
        private CentreMethod centreMethod = CentreMethod.CENTROID;

        private Builder() {
        }

        /** Required: the part network to train. */
        public Builder setPartType(PartType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Largest random displacement of the crop centre on each axis, pixels; default 6, 0 for none. */
        public Builder optJitter(double jitter) {
            this.jitter = checkJitter(jitter);
            return this;
        }

        /** Input normalisation; default {@link Normalization#IMAGENET}. */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** How ground-truth centres are found; default {@link CentreMethod#CENTROID}. */
        public Builder optCentreMethod(CentreMethod centreMethod) {
            this.centreMethod = Objects.requireNonNull(centreMethod, "centreMethod");
            return this;
        }

        /** @throws IllegalStateException if the part type is missing */
        public PartCropEncoder build() {
            if (type == null) {
                throw new IllegalStateException("setPartType(...) is required");
            }
            return new PartCropEncoder(this);
        }
    }
}
