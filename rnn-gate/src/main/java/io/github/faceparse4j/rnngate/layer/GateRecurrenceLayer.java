package io.github.faceparse4j.rnngate.layer;

import io.github.faceparse4j.rnngate.op.GateMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the RNN-G gated recurrence as a DL4J layer (the layer itself is {@link GateRecurrenceLayerImpl}).
 *
 * <p><b>Input and output.</b> DL4J layers take one input, so X and the gate come concatenated along channels:
 * the input is [N, 2C, H, W] = [X ; G] (channels 0..C−1 are X, C..2C−1 the raw gate) for {@link GateMode#LINEAR} and
 * {@link GateMode#CONVEX}, and [N, C, H, W] = X for {@link GateMode#UNGATED}. In a {@code ComputationGraph} a
 * {@code MergeVertex} of the two branches builds it. The output is [N, C, H, W], NCHW only.
 *
 * <p><b>Stability</b> (paper §3.2: |g| ≤ 1 and ‖W‖ ≤ 1). The raw gate goes through the gate activation before the
 * recurrence: tanh for LINEAR (so g ∈ (−1, 1)), sigmoid for CONVEX (g ∈ (0, 1)); {@link Builder#optGateActivation}
 * changes it, e.g. to identity when the network bounds G itself. The recurrent weights carry a
 * {@link RecurrentWeightNormConstraint} (each ‖W_d‖_∞ ≤ 1), which DL4J applies after every update, and start
 * inside that bound. The layer's ordinary activation (identity unless set) is applied to the merged output.
 *
 * <pre>{@code
 * ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
 *     .graphBuilder()
 *     .addInputs("x", "g")
 *     .addVertex("xg", new MergeVertex(), "x", "g")
 *     .addLayer("rnn", GateRecurrenceLayer.builder().setMode(GateMode.LINEAR).setChannels(8).build(), "xg")
 *     ...
 *     .setInputTypes(InputType.convolutional(64, 64, 8), InputType.convolutional(64, 64, 8))
 *     .build();
 * }</pre>
 *
 * <p>Serialises to JSON with the rest of the network configuration.
 */
public class GateRecurrenceLayer extends FeedForwardLayer {

    private GateMode mode;
    private IActivation gateActivation;
    private boolean weightNormConstrained;

    /** For JSON deserialisation. */
    protected GateRecurrenceLayer() {
    }

    private GateRecurrenceLayer(Builder builder) {
        super(builder);
        this.mode = builder.mode;
        this.gateActivation = builder.gateActivation != null ? builder.gateActivation : defaultGateActivation(mode);
        this.weightNormConstrained = builder.weightNormConstrained;
        if (weightNormConstrained && mode.hasRecurrentWeights()) {
            List<LayerConstraint> constraints = builder.getWeightConstraints() == null
                    ? new ArrayList<>() : new ArrayList<>(builder.getWeightConstraints());
            constraints.add(new RecurrentWeightNormConstraint(1.0,
                    Set.of(GateRecurrenceParamInitializer.WEIGHT_KEY)));
            builder.setWeightConstraints(constraints);
        }
        initializeConstraints(builder);
    }

    /** A builder; {@link Builder#setMode} is required, the channels come from the input type or {@code setChannels}. */
    public static Builder builder() {
        return new Builder();
    }

    private static IActivation defaultGateActivation(GateMode mode) {
        return switch (mode) {
            case LINEAR -> Activation.TANH.getActivationFunction();
            case CONVEX -> Activation.SIGMOID.getActivationFunction();
            case UNGATED -> Activation.IDENTITY.getActivationFunction();
        };
    }

    /** How many input channels a mode needs for C recurrent channels. */
    static long inputChannels(GateMode mode, long channels) {
        return mode.hasGate() ? 2 * channels : channels;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        if (nOut <= 0) {
            throw new IllegalStateException("layer '" + layerName + "': the channel count C is unknown; call "
                    + "setChannels or give the network its input types");
        }
        GateRecurrenceLayerImpl layer = new GateRecurrenceLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GateRecurrenceParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional cnn = convolutional(inputType);
        long expected = inputChannels(mode, nOut);
        if (nOut > 0 && cnn.getChannels() != expected) {
            throw new IllegalArgumentException("layer '" + layerName + "' (" + mode + ", C = " + nOut + ") needs "
                    + expected + " input channels, got input type " + inputType);
        }
        return InputType.convolutional(cnn.getHeight(), cnn.getWidth(), nOut, CNN2DFormat.NCHW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional cnn = convolutional(inputType);
        long in = cnn.getChannels();
        if (mode.hasGate() && in % 2 != 0) {
            throw new IllegalArgumentException("layer '" + layerName + "' (" + mode + ") takes [X ; G] with 2C "
                    + "channels, got an odd channel count in " + inputType);
        }
        long channels = mode.hasGate() ? in / 2 : in;
        if (nOut > 0 && nOut != channels && !override) {
            throw new IllegalArgumentException("layer '" + layerName + "' was configured with C = " + nOut
                    + " but its input " + inputType + " gives C = " + channels);
        }
        this.nOut = channels;
        this.nIn = in;
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional cnn)) {
            throw new IllegalArgumentException("layer '" + layerName + "' takes convolutional [N, C, H, W] input, got "
                    + inputType);
        }
        if (cnn.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("layer '" + layerName + "' takes NCHW input, got " + inputType);
        }
        return cnn;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        convolutional(inputType);
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        // Training keeps the winner map (a byte per output element, counted as a quarter element) and the squashed
        // gate; inference only the squashed gate.
        long perExample = outputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, GateRecurrenceLayer.class, inputType, outputType)
                .standardMemory(params, updaterState)
                .workingMemory(0, perExample, 0, perExample + perExample / 4 + inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** The gate mode. */
    public GateMode getMode() {
        return mode;
    }

    /** Sets the gate mode (for JSON). */
    public void setMode(GateMode mode) {
        this.mode = mode;
    }

    /** The activation that bounds the raw gate before the recurrence. */
    public IActivation getGateActivation() {
        return gateActivation;
    }

    /** Sets the gate activation (for JSON). */
    public void setGateActivation(IActivation gateActivation) {
        this.gateActivation = gateActivation;
    }

    /** Whether W carries the {@link RecurrentWeightNormConstraint} and starts inside it. */
    public boolean isWeightNormConstrained() {
        return weightNormConstrained;
    }

    /** Sets whether W is norm-constrained (for JSON). */
    public void setWeightNormConstrained(boolean weightNormConstrained) {
        this.weightNormConstrained = weightNormConstrained;
    }

    /** The recurrent channel count C (the output channels). */
    public long channels() {
        return nOut;
    }

    @Override
    public GateRecurrenceLayer clone() {
        return (GateRecurrenceLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateRecurrenceLayer other && super.equals(o) && mode == other.mode
                && Objects.equals(gateActivation, other.gateActivation)
                && weightNormConstrained == other.weightNormConstrained;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), mode, gateActivation, weightNormConstrained);
    }

    @Override
    public String toString() {
        return "GateRecurrenceLayer(" + layerName + ", " + mode + ", C = " + nOut + ", gate " + gateActivation
                + (weightNormConstrained ? ", ‖W_d‖∞ ≤ 1" : "") + ")";
    }

    /**
     * Builds a {@link GateRecurrenceLayer}. Besides the methods here, DL4J's usual layer settings (name, updater,
     * weight init, bias init, l2, dropout, activation, constraints) are inherited.
     */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {

        private GateMode mode;
        private IActivation gateActivation;
        private boolean weightNormConstrained = true;

        private Builder() {
            activation(Activation.IDENTITY);
        }

        /** The gate mode (required). */
        public Builder setMode(GateMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The recurrent channel count C, the number of output channels; the input then has 2C channels (C for
         * UNGATED). Optional in a network given its input types.
         */
        public Builder setChannels(long channels) {
            if (channels <= 0) {
                throw new IllegalArgumentException("channels must be positive, got " + channels);
            }
            nOut(channels);
            return this;
        }

        /** The activation that bounds the raw gate (default: tanh for LINEAR, sigmoid for CONVEX). */
        public Builder optGateActivation(Activation activation) {
            this.gateActivation = Objects.requireNonNull(activation, "activation").getActivationFunction();
            return this;
        }

        /**
         * Whether to keep each ‖W_d‖_∞ ≤ 1 (default true). Without it the recurrence can grow exponentially along a
         * line.
         */
        public Builder optWeightNormConstraint(boolean constrained) {
            this.weightNormConstrained = constrained;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GateRecurrenceLayer build() {
            if (mode == null) {
                throw new IllegalStateException("setMode is required");
            }
            if (getNOut() > 0) {
                nIn(inputChannels(mode, getNOut()));
            }
            return new GateRecurrenceLayer(this);
        }
    }
}
