package io.github.faceparse4j.rnngate.net;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.layer.PixelSoftmaxCrossEntropy;
import io.github.faceparse4j.core.layer.Resample;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.rnngate.layer.GateRecurrenceLayer;
import io.github.faceparse4j.rnngate.op.GateMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The first-stage network of the RNN-G paper (Figure 1, section 3.3) as a DL4J {@link ComputationGraph}.
 *
 * <p>For input {@code [N, 3, S, S]} (S = 128 by default) and K classes, with every convolution "same"-padded:
 * <pre>
 *   conv1   5x5, 16, ReLU          [N, 16, S,   S]
 *   pool1   max 2x2, stride 2      [N, 16, S/2, S/2]
 *   conv2   kxk, 32, ReLU          [N, 32, S/2, S/2]   (k = 3 by default, {@link Builder#optConvKernel})
 *   pool2   max 2x2, stride 2      [N, 32, S/4, S/4]
 *   conv3   kxk, 32, ReLU          [N, 32, S/4, S/4]
 *   deconv1 upsample x2, linear    [N, 16, S/2, S/2]   (8 channels for RNN and CNN-S: X only)
 *   x, g    channels 0-7, 8-15     [N, 8,  S/2, S/2] each
 *   recurrence (RNN, RNN-G)        [N, 8,  S/2, S/2]   four directions, node-wise max
 *   classifier 1x1, K, linear      [N, K,  S/2, S/2]
 *   deconv2 upsample x2, linear    [N, K,  S,   S]
 *   final   softmax + cross-entropy                     output 0
 *   coarse  1x1 conv on x, K, softmax + cross-entropy   [N, K, S/2, S/2]   (RNN, RNN-G)
 *   gate    1x1 conv on g, 1, sigmoid + binary CE       [N, 1, S/2, S/2]   (RNN-G; label mask [N, 1, S/2, S/2])
 * </pre>
 * The outputs are {@link Variant#outputs()} in that order; {@code graph.output(x)[0]} is always the parsing. The
 * upsampling layers are an {@link Upsampler} (default: the paper's deconvolution).
 *
 * <p><b>Losses.</b> DL4J's {@code CnnLossLayer} sums its loss over pixels; here each loss is scaled by
 * {@code 1 / (H * W)} of its output through the loss function's weights, so each is a per-pixel mean (the gate
 * loss is the sum over the sampled pixels divided by all pixels) and the three are weighted by
 * {@link LossWeights}. Optional class weights multiply the two label losses per class.
 *
 * <p><b>Training defaults</b> (the paper gives none): Adam, learning rate 1e-3 multiplied by 0.95 after each epoch
 * ({@code ComputationGraph.incrementEpochCount()}), L2 1e-4 on weights, ReLU layers He-initialised, linear layers
 * Xavier-initialised, the square deconvolution bilinear-initialised. The configuration goes through
 * {@link FastPath#configure} (convolutions keep their forward pre-activation for backprop).
 *
 * <p>An {@code RnnGNetwork} is an immutable description; {@link #init()} makes a new, independent graph each time.
 * Thread-safe.
 */
public final class RnnGNetwork {

    /** Side of the network input in the paper. */
    public static final int PAPER_INPUT_SIZE = 128;
    /** Channels of X and of G. */
    public static final int BRANCH_CHANNELS = 8;
    /**
     * Name of the layer whose output is the final logits {@code [N, K, S, S]} (the last upsampling); its bias
     * {@code LOGITS_LAYER + "_b"} shifts each class's logits.
     */
    public static final String LOGITS_LAYER = "deconv2";
    /** The model-file kind of every RNN-G graph; the variant is stored in the training info. */
    public static final String KIND = "rnn-g-stage1";

    private static final int CONV1_CHANNELS = 16;
    private static final int CONV_CHANNELS = 32;

    private final int numClasses;
    private final Variant variant;
    private final int inputSize;
    private final Upsampler upsampler;
    /** Kernel side of conv2 and conv3 (the paper's text gives only conv1's). */
    private final int convKernel;
    private final LossWeights lossWeights;
    /** Per-class loss weights, length K, or null for uniform. */
    private final double[] classWeights;
    private final double learningRate;
    private final double learningRateDecay;
    private final double l2;
    /** Overrides the Adam schedule when not null (e.g. NoOp for gradient checks). */
    private final IUpdater updater;
    private final long seed;
    private final DataType dataType;

    private RnnGNetwork(Builder builder) {
        this.numClasses = builder.numClasses;
        this.variant = builder.variant;
        this.inputSize = builder.inputSize;
        this.upsampler = builder.upsampler;
        this.convKernel = builder.convKernel;
        this.lossWeights = builder.lossWeights;
        this.classWeights = builder.classWeights == null ? null : builder.classWeights.clone();
        this.learningRate = builder.learningRate;
        this.learningRateDecay = builder.learningRateDecay;
        this.l2 = builder.l2;
        this.updater = builder.updater;
        this.seed = builder.seed;
        this.dataType = builder.dataType;
    }

    /** A builder; {@link Builder#setNumClasses} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of classes K of the parsing output. */
    public int numClasses() {
        return numClasses;
    }

    public Variant variant() {
        return variant;
    }

    /** Side S of the square input {@code [N, 3, S, S]}. */
    public int inputSize() {
        return inputSize;
    }

    public Upsampler upsampler() {
        return upsampler;
    }

    /** Kernel side of conv2 and conv3. */
    public int convKernel() {
        return convKernel;
    }

    public LossWeights lossWeights() {
        return lossWeights;
    }

    /** Per-class loss weights (a copy), or null for uniform weights. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** The graph's outputs in order: {@link Variant#outputs()}. */
    public List<RnnGOutput> outputs() {
        return variant.outputs();
    }

    /** Shape {@code [N, C, H, W]} of output {@code output} for minibatch size {@code n}. */
    public long[] outputShape(RnnGOutput output, int n) {
        int side = output.size(inputSize);
        return new long[] {n, output.channels(numClasses), side, side};
    }

    /** The DL4J configuration of this network. */
    public ComputationGraphConfiguration configuration() {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater != null ? updater
                        : new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, learningRateDecay)))
                .convolutionMode(ConvolutionMode.Same)
                .weightInit(WeightInit.XAVIER);
        if (l2 > 0) {
            base.l2(l2);
        }
        GraphBuilder graph = FastPath.configure(base).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(inputSize, inputSize, 3));

        graph.addLayer("conv1", reluConv(5, CONV1_CHANNELS), "image")
                .addVertex("pool1", maxPool(), "conv1")
                .addLayer("conv2", reluConv(convKernel, CONV_CHANNELS), "pool1")
                .addVertex("pool2", maxPool(), "conv2")
                .addLayer("conv3", reluConv(convKernel, CONV_CHANNELS), "pool2");
        int deconvChannels = variant.hasGate() ? 2 * BRANCH_CHANNELS : BRANCH_CHANNELS;
        String features = upsampler.addTo(graph, "deconv1", "conv3", CONV_CHANNELS, deconvChannels);

        String x = features;
        if (variant.hasGate()) {
            x = "x";
            graph.addVertex("x", new ChannelSubsetVertex(0, BRANCH_CHANNELS - 1), features);
            graph.addVertex("g", new ChannelSubsetVertex(BRANCH_CHANNELS, 2 * BRANCH_CHANNELS - 1), features);
        }
        String propagated = variant.hasRecurrence() ? addRecurrence(graph, features) : x;

        graph.addLayer("classifier", linearConv(1, numClasses, BRANCH_CHANNELS), propagated);
        String upsampled = upsampler.addTo(graph, LOGITS_LAYER, "classifier", numClasses, numClasses);
        graph.addLayer(RnnGOutput.FINAL.vertexName(), labelLoss(RnnGOutput.FINAL), upsampled);
        if (outputs().contains(RnnGOutput.COARSE)) {
            graph.addLayer("coarse-classifier", linearConv(1, numClasses, BRANCH_CHANNELS), x);
            graph.addLayer(RnnGOutput.COARSE.vertexName(), labelLoss(RnnGOutput.COARSE), "coarse-classifier");
        }
        if (outputs().contains(RnnGOutput.GATE)) {
            graph.addLayer("gate-classifier", linearConv(1, 1, BRANCH_CHANNELS), "g");
            graph.addLayer(RnnGOutput.GATE.vertexName(), gateLoss(), "gate-classifier");
        }
        graph.setOutputs(outputs().stream().map(RnnGOutput::vertexName).toArray(String[]::new));
        return graph.build();
    }

    /**
     * A new graph with freshly initialised parameters (seeded). Calls {@link FastPath#ensure()} first, so the
     * convolution and pooling layers get DL4J's oneDNN helpers.
     */
    public ComputationGraph init() {
        FastPath.ensure();
        ComputationGraph graph = new ComputationGraph(configuration());
        graph.init();
        return graph;
    }

    /** The settings as strings, for model metadata and logs. */
    public Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(RnnGModel.VARIANT_KEY, variant.cliName());
        info.put("numClasses", Integer.toString(numClasses));
        info.put("upsampler", upsampler.name());
        info.put("convKernel", Integer.toString(convKernel));
        info.put("lossWeights", lossWeights.finalLoss() + "," + lossWeights.coarse() + "," + lossWeights.gate());
        info.put("classWeights", classWeights == null ? "uniform" : Arrays.toString(classWeights));
        info.put("learningRate", Double.toString(learningRate));
        info.put("learningRateDecayPerEpoch", Double.toString(learningRateDecay));
        info.put("l2", Double.toString(l2));
        info.put("seed", Long.toString(seed));
        return info;
    }

    /**
     * Metadata for a model file of this network, with {@link #describe()} as training info; the caller adds
     * training facts (epochs, validation F, ...) and builds it.
     *
     * @throws IllegalArgumentException if {@code scheme} does not have {@link #numClasses()} classes
     */
    public ModelMetadata.Builder metadata(LabelScheme scheme, Normalization normalization) {
        if (scheme.numClasses() != numClasses) {
            throw new IllegalArgumentException("Scheme " + scheme + " has " + scheme.numClasses()
                    + " classes, the network " + numClasses);
        }
        ModelMetadata.Builder metadata = ModelMetadata.builder().setKind(KIND).setLabelScheme(scheme)
                .setInputSize(inputSize, inputSize).setNormalization(normalization.name());
        describe().forEach(metadata::optTrainingInfo);
        return metadata;
    }

    @Override
    public String toString() {
        return "RnnGNetwork[" + variant + ", K=" + numClasses + ", " + inputSize + "x" + inputSize + ", "
                + upsampler.name() + ", conv " + convKernel + "x" + convKernel + "]";
    }

    /**
     * The four-direction recurrence on {@code features}: [X; G] (16 channels) gated by eq. 3 for RNN-G, X alone
     * with {@code g ≡ 1} for RNN. The layer squashes the raw gate with tanh ({@code |g| < 1}) and keeps each
     * {@code ‖W_d‖_∞ ≤ 1}, the paper's stability conditions. Returns the output vertex.
     */
    private String addRecurrence(GraphBuilder graph, String features) {
        GateMode mode = variant.hasGate() ? GateMode.LINEAR : GateMode.UNGATED;
        graph.addLayer("recurrence", GateRecurrenceLayer.builder().setMode(mode).setChannels(BRANCH_CHANNELS)
                .build(), features);
        return "recurrence";
    }

    private static ConvolutionLayer reluConv(int kernel, int channels) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(channels).activation(Activation.RELU)
                .weightInit(WeightInit.RELU).build();
    }

    private static ConvolutionLayer linearConv(int kernel, int channels, int inChannels) {
        return new ConvolutionLayer.Builder(kernel, kernel).nIn(inChannels).nOut(channels)
                .activation(Activation.IDENTITY).build();
    }

    /** {@code SubsamplingLayer(MAX, 2x2, stride 2)}'s function in core's hand-written kernel (oneDNN's is slower). */
    private static ResampleConcatVertex maxPool() {
        return ResampleConcatVertex.of(Resample.MAX_POOL_2X2);
    }

    /**
     * Softmax over the channels with weighted cross-entropy: {@code CnnLossLayer(LossMCXENT(weights), SOFTMAX)}'s
     * function, computed along the channels of the NCHW array instead of through DL4J's permuted copies.
     */
    private PixelSoftmaxCrossEntropy labelLoss(RnnGOutput output) {
        double[] weights = new double[numClasses];
        double scale = lossWeights.of(output) / pixels(output);
        for (int k = 0; k < numClasses; k++) {
            weights[k] = scale * (classWeights == null ? 1 : classWeights[k]);
        }
        return PixelSoftmaxCrossEntropy.builder().classWeights(weights).build();
    }

    private CnnLossLayer gateLoss() {
        double scale = lossWeights.gate() / pixels(RnnGOutput.GATE);
        ILossFunction loss = new LossBinaryXENT(Nd4j.createFromArray(new double[] {scale}).reshape(1, 1));
        return new CnnLossLayer.Builder(loss).activation(Activation.SIGMOID).build();
    }

    private double pixels(RnnGOutput output) {
        double side = output.size(inputSize);
        return side * side;
    }

    /** Builds an {@link RnnGNetwork}; only {@link #setNumClasses} is required. */
    public static final class Builder {

        private int numClasses;
        private Variant variant = Variant.RNN_G;
        private int inputSize = PAPER_INPUT_SIZE;
        private Upsampler upsampler = Upsampler.deconvolution();
        private int convKernel = 3;
        private LossWeights lossWeights = LossWeights.PAPER_DEFAULT;
        private double[] classWeights;
        private double learningRate = 1e-3;
        private double learningRateDecay = 0.95;
        private double l2 = 1e-4;
        private IUpdater updater;
        private long seed = 42;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** Number of classes K (3 for skin/hair/background, 11 for HELEN), at least 2. */
        public Builder setNumClasses(int numClasses) {
            if (numClasses < 2) {
                throw new IllegalArgumentException("An RNN-G network needs at least 2 classes, got " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        /** The ablation variant; default {@link Variant#RNN_G}. */
        public Builder optVariant(Variant variant) {
            this.variant = Objects.requireNonNull(variant, "variant");
            return this;
        }

        /** Side S of the square input, a positive multiple of 4; default 128 as in the paper. */
        public Builder optInputSize(int inputSize) {
            if (inputSize < 4 || inputSize % 4 != 0) {
                throw new IllegalArgumentException("Input size must be a positive multiple of 4 (two 2x poolings), "
                        + "got " + inputSize);
            }
            this.inputSize = inputSize;
            return this;
        }

        /** The upsampling block for both deconvolutions; default {@link Upsampler#deconvolution()}. */
        public Builder optUpsampler(Upsampler upsampler) {
            this.upsampler = Objects.requireNonNull(upsampler, "upsampler");
            return this;
        }

        /**
         * Kernel side of conv2 and conv3, odd and at least 3; default 3. The paper states only conv1's 5x5; a larger
         * kernel widens the receptive field of the CNN part (20 input pixels with 3, 32 with 5, before the upsampling)
         * at the same channel count.
         */
        public Builder optConvKernel(int convKernel) {
            if (convKernel < 3 || convKernel % 2 == 0) {
                throw new IllegalArgumentException("Convolution kernel must be odd and at least 3, got " + convKernel);
            }
            this.convKernel = convKernel;
            return this;
        }

        /** Weights of the three losses; default {@link LossWeights#PAPER_DEFAULT}. */
        public Builder optLossWeights(LossWeights lossWeights) {
            this.lossWeights = Objects.requireNonNull(lossWeights, "lossWeights");
            return this;
        }

        /**
         * Per-class weights of the two label losses (for class imbalance, see {@code ClassWeights}); length must be
         * K, every value positive and finite. Default: uniform.
         */
        public Builder optClassWeights(double... classWeights) {
            for (double w : Objects.requireNonNull(classWeights, "classWeights")) {
                if (!(w > 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("Class weights must be positive and finite, got "
                            + Arrays.toString(classWeights));
                }
            }
            this.classWeights = classWeights.clone();
            return this;
        }

        /** Adam's initial learning rate; default 1e-3. */
        public Builder optLearningRate(double learningRate) {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("Learning rate must be positive, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /** Factor applied to the learning rate after every epoch, in (0, 1]; default 0.95. */
        public Builder optLearningRateDecay(double factorPerEpoch) {
            if (!(factorPerEpoch > 0 && factorPerEpoch <= 1)) {
                throw new IllegalArgumentException("Learning-rate decay must be in (0, 1], got " + factorPerEpoch);
            }
            this.learningRateDecay = factorPerEpoch;
            return this;
        }

        /** L2 regularisation of the weights (not the biases), at least 0; default 1e-4. */
        public Builder optL2(double l2) {
            if (!(l2 >= 0) || !Double.isFinite(l2)) {
                throw new IllegalArgumentException("L2 must be at least 0, got " + l2);
            }
            this.l2 = l2;
            return this;
        }

        /**
         * Replaces the Adam updater and its schedule (the learning-rate settings are then ignored); for gradient
         * checks ({@code NoOp}) and experiments.
         */
        public Builder optUpdater(IUpdater updater) {
            this.updater = Objects.requireNonNull(updater, "updater");
            return this;
        }

        /** Seed of the parameter initialisation; default 42. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Parameter and activation type, FLOAT (default) or DOUBLE (gradient checks). */
        public Builder optDataType(DataType dataType) {
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("Data type must be FLOAT or DOUBLE, got " + dataType);
            }
            this.dataType = dataType;
            return this;
        }

        /**
         * @throws IllegalStateException if {@link #setNumClasses} was not called, or the class weights do not have
         *     one entry per class
         */
        public RnnGNetwork build() {
            if (numClasses == 0) {
                throw new IllegalStateException("RnnGNetwork needs setNumClasses");
            }
            if (classWeights != null && classWeights.length != numClasses) {
                throw new IllegalStateException("Got " + classWeights.length + " class weights for " + numClasses
                        + " classes");
            }
            return new RnnGNetwork(this);
        }
    }
}
