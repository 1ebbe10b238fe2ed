package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link SampleEncoder}: the whole face resized to {@code S x S}, labels mapped to a target scheme.
 *
 * <ul>
 *   <li>input 0: the image, {@code [3, S, S]} per sample, RGB, bilinear resize ({@link ImageTensors#fillChw}),
 *       normalised with {@link #normalization()};</li>
 *   <li>output 0: one-hot labels {@code [K, S, S]}, {@code K = scheme().numClasses()}, after
 *       {@link LabelMapping#between} the sample's scheme and the target and a nearest-neighbour resize;</li>
 *   <li>output 1, only with {@link Builder#optBoundaryWidth}: the {@link BoundaryMap} of those resized labels,
 *       {@code [1, S, S]}, 0 on boundaries and 1 elsewhere.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class WholeFaceEncoder implements SampleEncoder {

    /** Output side length S. */
    private final int size;
    /** Scheme the labels are mapped to. */
    private final LabelScheme scheme;
    private final Normalization normalization;
    /** Boundary width of output 1, or 0 for no boundary output. */
    private final int boundaryWidth;

    private WholeFaceEncoder(Builder builder) {
        this.size = builder.size;
        this.scheme = builder.scheme;
        this.normalization = builder.normalization;
        this.boundaryWidth = builder.boundaryWidth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Side length S of the square input and label maps. */
    public int size() {
        return size;
    }

    /** The scheme of the one-hot labels. */
    public LabelScheme scheme() {
        return scheme;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** The boundary width of the boundary output, or 0 when there is none. */
    public int boundaryWidth() {
        return boundaryWidth;
    }

    @Override
    public List<long[]> featureShapes() {
        return List.of(new long[] {3, size, size});
    }

    @Override
    public List<long[]> labelShapes() {
        List<long[]> shapes = new ArrayList<>();
        shapes.add(new long[] {scheme.numClasses(), size, size});
        if (boundaryWidth > 0) {
            shapes.add(new long[] {1, size, size});
        }
        return shapes;
    }

    @Override
    public void encode(FaceSample sample, SampleSlot slot) {
        ImageTensors.fillChw(sample.image(), size, size, normalization, slot.features(0), slot.featuresOffset(0));
        LabelMap labels = resizedLabels(sample.labels());
        LabelTensors.fillOneHot(labels, slot.labels(0), slot.labelsOffset(0));
        if (boundaryWidth > 0) {
            BoundaryMap.of(labels, boundaryWidth).fill(slot.labels(1), slot.labelsOffset(1));
        }
    }

    /** The labels in the target scheme at {@code S x S}, as encoded into output 0. */
    public LabelMap resizedLabels(LabelMap labels) {
        LabelMap mapped = LabelMapping.between(labels.scheme(), scheme).apply(labels);
        return mapped.width() == size && mapped.height() == size ? mapped : mapped.resizeNearest(size, size);
    }

    @Override
    public String toString() {
        return "WholeFaceEncoder[" + size + "x" + size + ", " + scheme + ", " + normalization
                + (boundaryWidth > 0 ? ", boundary width " + boundaryWidth : "") + "]";
    }

    /** Builds a {@link WholeFaceEncoder}; {@code setSize} and {@code setScheme} are required. */
    public static final class Builder {

        private int size;
        private LabelScheme scheme;
        private Normalization normalization = Normalization.IMAGENET;
        private int boundaryWidth;

        private Builder() {
        }

        /** Side length S of the square network input. */
        public Builder setSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("Size must be positive, got " + size);
            }
            this.size = size;
            return this;
        }

        /** The label scheme to train on; the dataset's scheme must have a {@link LabelMapping} to it. */
        public Builder setScheme(LabelScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** Input normalisation; default {@link Normalization#IMAGENET}. */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** Adds output 1, the boundary map of the resized labels with this width (at least 1). */
        public Builder optBoundaryWidth(int boundaryWidth) {
            if (boundaryWidth < 1) {
                throw new IllegalArgumentException("Boundary width must be at least 1, got " + boundaryWidth);
            }
            this.boundaryWidth = boundaryWidth;
            return this;
        }

        public WholeFaceEncoder build() {
            if (size == 0 || scheme == null) {
                throw new IllegalStateException("WholeFaceEncoder needs setSize and setScheme");
            }
            return new WholeFaceEncoder(this);
        }
    }
}
