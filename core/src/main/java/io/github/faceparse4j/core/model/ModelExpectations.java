package io.github.faceparse4j.core.model;

import io.github.faceparse4j.core.label.LabelScheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a caller requires of a model before using it; {@link ModelFile#load(java.nio.file.Path, ModelExpectations)}
 * checks these against the file's {@link ModelMetadata} before the network is deserialised. Every expectation is
 * optional; {@link #none()} accepts any file. Immutable and thread-safe.
 */
public final class ModelExpectations {

    private static final ModelExpectations NONE = builder().build();

    /** Required {@link ModelMetadata#kind()}, or null. */
    private final String kind;
    /** Required label scheme, or null. */
    private final LabelScheme labelScheme;
    /** Required input height, or 0 for any. */
    private final int inputHeight;
    /** Required input width, or 0 for any. */
    private final int inputWidth;
    /** Required channel count, or 0 for any. */
    private final int channels;
    /** Required normalisation name, or null. */
    private final String normalization;
    /** Required network class, or null. */
    private final NetworkType networkType;

    private ModelExpectations(Builder builder) {
        this.kind = builder.kind;
        this.labelScheme = builder.labelScheme;
        this.inputHeight = builder.inputHeight;
        this.inputWidth = builder.inputWidth;
        this.channels = builder.channels;
        this.normalization = builder.normalization;
        this.networkType = builder.networkType;
    }

    /** Accepts every valid model file. */
    public static ModelExpectations none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a file's metadata.
     *
     * @param source name of the file or resource, for the message
     * @throws IllegalArgumentException naming the source and listing every unmet expectation
     */
    void check(ModelMetadata metadata, NetworkType type, String source) {
        List<String> problems = new ArrayList<>();
        if (kind != null && !kind.equals(metadata.kind())) {
            problems.add("kind is '" + metadata.kind() + "', expected '" + kind + "'");
        }
        if (labelScheme != null && !labelScheme.equals(metadata.labelScheme())) {
            problems.add("label scheme is " + metadata.labelScheme() + ", expected " + labelScheme);
        }
        if (inputHeight != 0 && (inputHeight != metadata.inputHeight() || inputWidth != metadata.inputWidth())) {
            problems.add("input size is " + metadata.inputHeight() + "x" + metadata.inputWidth() + " (HxW), expected "
                    + inputHeight + "x" + inputWidth);
        }
        if (channels != 0 && channels != metadata.channels()) {
            problems.add("channels are " + metadata.channels() + ", expected " + channels);
        }
        if (normalization != null && !normalization.equals(metadata.normalization())) {
            problems.add("normalization is '" + metadata.normalization() + "', expected '" + normalization + "'");
        }
        if (networkType != null && networkType != type) {
            problems.add("network is a " + type + ", expected a " + networkType);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Model " + source + " does not fit: " + String.join("; ", problems));
        }
    }

    /** Collects the expectations; all optional. */
    public static final class Builder {
        private String kind;
        private LabelScheme labelScheme;
        private int inputHeight;
        private int inputWidth;
        private int channels;
        private String normalization;
        private NetworkType networkType;

        private Builder() {
        }

        public Builder optKind(String kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        public Builder optLabelScheme(LabelScheme labelScheme) {
            this.labelScheme = Objects.requireNonNull(labelScheme, "labelScheme");
            return this;
        }

        /** Input height and width in pixels. */
        public Builder optInputSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("Input size must be positive, got " + height + "x" + width);
            }
            this.inputHeight = height;
            this.inputWidth = width;
            return this;
        }

        public Builder optChannels(int channels) {
            if (channels < 1) {
                throw new IllegalArgumentException("Channels must be positive, got " + channels);
            }
            this.channels = channels;
            return this;
        }

        public Builder optNormalization(String normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        public Builder optNetworkType(NetworkType networkType) {
            this.networkType = Objects.requireNonNull(networkType, "networkType");
            return this;
        }

        public ModelExpectations build() {
            return new ModelExpectations(this);
        }
    }
}
