package io.github.faceparse4j.core.model;

import io.github.faceparse4j.core.label.LabelScheme;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a caller must know to feed a saved network and read its output, stored beside the weights in a
 * {@link ModelFile}.
 *
 * @param kind          what the network is, e.g. {@code "rnn-g-stage1"} or {@code "icnn-localizer"}; the module that
 *                      builds such networks checks it before use. Non-blank.
 * @param labelScheme   scheme of the output classes: output channel {@code c} of the network's
 *                      {@code [N, K, H, W]} scores is class id {@code c}
 * @param inputHeight   height {@code H} of the {@code [N, C, H, W]} input, in pixels, positive
 * @param inputWidth    width {@code W} of the input, in pixels, positive
 * @param channels      number of input channels {@code C}, positive (3 for RGB)
 * @param normalization name of the pixel normalisation the network was trained with, as defined by FaceParse4J's
 *                      image-to-tensor conversion ({@code core.image}); the same must be applied before inference.
 *                      Non-blank. Kept as a name so that files stay readable when normalisations are added.
 * @param trainingInfo  free-form facts about training (data set, epochs, validation F, git commit...); kept sorted
 *                      by key, may be empty
 */
public record ModelMetadata(String kind, LabelScheme labelScheme, int inputHeight, int inputWidth, int channels,
        String normalization, Map<String, String> trainingInfo) {

    public ModelMetadata {
        requireNonBlank(kind, "kind");
        Objects.requireNonNull(labelScheme, "labelScheme");
        if (inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("Input size must be positive, got " + inputHeight + "x" + inputWidth
                    + " (HxW)");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("Channels must be positive, got " + channels);
        }
        requireNonBlank(normalization, "normalization");
        trainingInfo = Collections.unmodifiableSortedMap(new TreeMap<>(trainingInfo));
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Model metadata needs a non-blank " + what);
        }
    }

    /**
     * Builds {@link ModelMetadata}: {@code setKind}, {@code setLabelScheme}, {@code setInputSize} and
     * {@code setNormalization} are required; channels default to 3 and training info to empty.
     */
    public static final class Builder {
        private String kind;
        private LabelScheme labelScheme;
        private int inputHeight;
        private int inputWidth;
        private int channels = 3;
        private String normalization;
        private final Map<String, String> trainingInfo = new TreeMap<>();

        private Builder() {
        }

        public Builder setKind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder setLabelScheme(LabelScheme labelScheme) {
            this.labelScheme = labelScheme;
            return this;
        }

        /** Input height and width in pixels (the {@code H} and {@code W} of {@code [N, C, H, W]}). */
        public Builder setInputSize(int height, int width) {
            this.inputHeight = height;
            this.inputWidth = width;
            return this;
        }

        public Builder setNormalization(String normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Number of input channels; 3 by default. */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Adds one training fact; a repeated key replaces the earlier value. */
        public Builder optTrainingInfo(String key, String value) {
            trainingInfo.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException if a required value is missing or invalid */
        public ModelMetadata build() {
            return new ModelMetadata(kind, labelScheme, inputHeight, inputWidth, channels, normalization,
                    trainingInfo);
        }
    }
}
