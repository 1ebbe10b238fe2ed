package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.BoundaryMap;
import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.data.SampleEncoder;
import io.github.faceparse4j.core.data.SampleSlot;
import io.github.faceparse4j.core.data.WholeFaceEncoder;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.RnnGOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns an augmented face into the inputs and targets of an {@link RnnGNetwork}, for {@link FaceBatchIterator}.
 * For input side S (128) and the network's outputs, per sample:
 *
 * <ul>
 *   <li>input: the image resized (bilinear) to {@code [3, S, S]}, normalised;</li>
 *   <li>{@link RnnGOutput#FINAL}: one-hot labels {@code [K, S, S]}: the sample's labels mapped to the target
 *       scheme ({@code LabelMapping.between}) and resized (nearest) to S;</li>
 *   <li>{@link RnnGOutput#COARSE}: those labels resized (nearest) to {@code S/2}, one-hot {@code [K, S/2, S/2]};</li>
 *   <li>{@link RnnGOutput#GATE}: the {@link BoundaryMap} of the {@code S/2} labels, {@code [1, S/2, S/2]} (0 on
 *       boundaries, 1 elsewhere), with a label mask {@code [1, S/2, S/2]} from the {@link BoundarySampler}.</li>
 * </ul>
 * Labels and masks come in the order of the network's outputs.
 *
 * <p>The sampling mask is drawn from a seed that hashes the encoder's seed, the sample's name and its (augmented)
 * labels, so the same batch always gets the same mask while each epoch's new augmentation gets a new draw.
 *
 * <p>Immutable and thread-safe.
 */
public final class RnnGEncoder implements SampleEncoder {

    /** Image and full-size labels. */
    private final WholeFaceEncoder whole;
    private final List<RnnGOutput> outputs;
    private final int boundaryWidth;
    private final BoundarySampler sampler;
    private final long seed;

    private RnnGEncoder(Builder builder) {
        this.whole = WholeFaceEncoder.builder().setSize(builder.inputSize).setScheme(builder.scheme)
                .optNormalization(builder.normalization).build();
        this.outputs = List.copyOf(builder.outputs);
        this.boundaryWidth = builder.boundaryWidth;
        this.sampler = new BoundarySampler(builder.samplingRatio);
        this.seed = builder.seed;
    }

    /** A builder; {@link Builder#setScheme} and {@link Builder#setNetwork} (or {@link Builder#setOutputs}) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The target label scheme. */
    public LabelScheme scheme() {
        return whole.scheme();
    }

    /** Side S of the input. */
    public int inputSize() {
        return whole.size();
    }

    public Normalization normalization() {
        return whole.normalization();
    }

    /** The outputs targets are written for, in order. */
    public List<RnnGOutput> outputs() {
        return outputs;
    }

    @Override
    public List<long[]> featureShapes() {
        return whole.featureShapes();
    }

    @Override
    public List<long[]> labelShapes() {
        List<long[]> shapes = new ArrayList<>();
        for (RnnGOutput output : outputs) {
            int side = output.size(inputSize());
            shapes.add(new long[] {output.channels(scheme().numClasses()), side, side});
        }
        return shapes;
    }

    @Override
    public List<long[]> labelMaskShapes() {
        if (outputs.stream().noneMatch(RnnGOutput::isMasked)) {
            return List.of();
        }
        List<long[]> shapes = new ArrayList<>();
        for (RnnGOutput output : outputs) {
            int side = output.size(inputSize());
            shapes.add(output.isMasked() ? new long[] {1, side, side} : null);
        }
        return shapes;
    }

    @Override
    public void encode(FaceSample sample, SampleSlot slot) {
        // FINAL is always output 0, the slot layout WholeFaceEncoder writes.
        whole.encode(sample, slot);
        LabelMap full = whole.resizedLabels(sample.labels());
        LabelMap half = null;
        for (int i = 1; i < outputs.size(); i++) {
            RnnGOutput output = outputs.get(i);
            if (half == null) {
                int side = output.size(inputSize());
                half = full.resizeNearest(side, side);
            }
            switch (output) {
                case COARSE -> LabelTensors.fillOneHot(half, slot.labels(i), slot.labelsOffset(i));
                case GATE -> {
                    BoundaryMap boundaries = BoundaryMap.of(half, boundaryWidth);
                    boundaries.fill(slot.labels(i), slot.labelsOffset(i));
                    sampler.fill(boundaries, maskSeed(sample.name(), half), slot.labelMask(i),
                            slot.labelMaskOffset(i));
                }
                case FINAL -> throw new IllegalStateException("FINAL must be the first output only, got " + outputs);
            }
        }
    }

    /** The labels of {@code labels} as the FINAL target: mapped to {@link #scheme()} and resized to S. */
    public LabelMap resizedLabels(LabelMap labels) {
        return whole.resizedLabels(labels);
    }

    private long maskSeed(String name, LabelMap labels) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + name.hashCode();
        h = h * 0x9E3779B97F4A7C15L + Arrays.hashCode(labels.ids());
        return h;
    }

    @Override
    public String toString() {
        return "RnnGEncoder[" + inputSize() + "x" + inputSize() + ", " + scheme() + ", " + outputs + ", "
                + normalization() + ", " + sampler + "]";
    }

    /** Builds an {@link RnnGEncoder}. */
    public static final class Builder {

        private LabelScheme scheme;
        private List<RnnGOutput> outputs;
        private int inputSize = RnnGNetwork.PAPER_INPUT_SIZE;
        private Normalization normalization = Normalization.IMAGENET;
        private int boundaryWidth = 1;
        private int samplingRatio = BoundarySampler.PAPER_RATIO;
        private long seed;

        private Builder() {
        }

        /** The scheme the network is trained on; the dataset's scheme must map to it. */
        public Builder setScheme(LabelScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** Takes the outputs and input size of {@code network}. */
        public Builder setNetwork(RnnGNetwork network) {
            this.inputSize = network.inputSize();
            return setOutputs(network.outputs());
        }

        /**
         * The outputs to write targets for; {@link RnnGOutput#FINAL} first, each at most once.
         *
         * @throws IllegalArgumentException otherwise
         */
        public Builder setOutputs(List<RnnGOutput> outputs) {
            if (outputs.isEmpty() || outputs.get(0) != RnnGOutput.FINAL
                    || outputs.stream().distinct().count() != outputs.size()) {
                throw new IllegalArgumentException("Outputs must start with FINAL and not repeat, got " + outputs);
            }
            this.outputs = List.copyOf(outputs);
            return this;
        }

        /** Side S of the input, a multiple of 4; default 128 or the network's. */
        public Builder optInputSize(int inputSize) {
            if (inputSize < 4 || inputSize % 4 != 0) {
                throw new IllegalArgumentException("Input size must be a positive multiple of 4, got " + inputSize);
            }
            this.inputSize = inputSize;
            return this;
        }

        /** Input normalisation; default {@link Normalization#IMAGENET}. */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** {@link BoundaryMap} width at {@code S/2}; default 1 (a band two pixels wide across each edge). */
        public Builder optBoundaryWidth(int boundaryWidth) {
            if (boundaryWidth < 1) {
                throw new IllegalArgumentException("Boundary width must be at least 1, got " + boundaryWidth);
            }
            this.boundaryWidth = boundaryWidth;
            return this;
        }

        /** Non-boundary pixels sampled per boundary pixel for the gate loss; default 5 (the paper's 1:5). */
        public Builder optSamplingRatio(int ratio) {
            if (ratio < 1) {
                throw new IllegalArgumentException("Sampling ratio must be at least 1, got " + ratio);
            }
            this.samplingRatio = ratio;
            return this;
        }

        /** Seed of the gate-loss sampling; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalStateException if the scheme or the outputs are missing */
        public RnnGEncoder build() {
            if (scheme == null || outputs == null) {
                throw new IllegalStateException("RnnGEncoder needs setScheme and setNetwork (or setOutputs)");
            }
            return new RnnGEncoder(this);
        }
    }
}
