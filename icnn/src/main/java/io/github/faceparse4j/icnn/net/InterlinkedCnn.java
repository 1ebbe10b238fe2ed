package io.github.faceparse4j.icnn.net;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.layer.FastTanhActivation;
import io.github.faceparse4j.core.layer.PixelSoftmaxCrossEntropy;
import io.github.faceparse4j.core.layer.Resample;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The interlinked CNN (iCNN) of Zhou, Hu and Zhang, "Interlinked Convolutional Neural Networks for Face Parsing"
 * (ISNN 2015), as a DL4J {@link ComputationGraph}.
 *
 * <p>The network runs one CNN per scale ("CNN-1" at full size, "CNN-k" at 1/2<sup>k-1</sup>), each scale's input
 * made from the finer one by 2x2 mean pooling. After a first 5x5 convolution per scale, each of the
 * {@link #numInterlinks()} interlinking layers concatenates, at every scale, its own maps with the 2x2 max-pooled
 * maps of the finer neighbour and the nearest-neighbour 2x upsampled maps of the coarser neighbour, followed by a 5x5
 * convolution. Output integration then runs from the coarsest scale to the finest: upsample, concatenate with the
 * next finer scale, convolve. A last 9x9 convolution without nonlinearity gives {@link #numLabels()} maps and a
 * softmax with per-pixel cross-entropy closes the graph ({@link PixelSoftmaxCrossEntropy}, DL4J's
 * {@code CnnLossLayer} MCXENT computed along the channel axis). All convolutions have stride 1 and zero padding of half the
 * kernel, so every scale keeps its size (paper section 2.1).
 *
 * <p>Defaults follow the paper and Fig. 1 as reproduced by public reimplementations: 4 scales with 8, 16, 24 and 32
 * maps, 3 interlinking layers, tanh, and {@code 2L + 8} maps in the last integration convolution of CNN-1. The
 * updater defaults to Adam (the paper used plain SGD; Adam converges in far fewer epochs here).
 *
 * <p>Tensors, all NCHW:
 * <ul>
 *   <li>input {@value #INPUT}: {@code [N, 3, H, W]} float, H and W multiples of {@link #sizeMultiple()};</li>
 *   <li>output {@value #OUTPUT}: {@code [N, L, H, W]} per-pixel class probabilities (softmax over the channel axis);</li>
 *   <li>training labels: {@code [N, L, H, W]} one-hot.</li>
 * </ul>
 *
 * <p>Instances are immutable descriptions and thread-safe; each {@link #createGraph()} call returns a new,
 * independently initialised network (a {@code ComputationGraph} itself is not thread-safe).
 */
public final class InterlinkedCnn {

    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the 9x9 convolution that produces the per-label maps before the softmax. */
    public static final String LOGITS = "logits";
    /** Name of the softmax / cross-entropy output layer. */
    public static final String OUTPUT = "output";

    /** Kernel of every convolution except the last (paper section 2.6). */
    public static final int KERNEL = 5;
    /** Kernel of the last convolution of CNN-1 (paper section 2.6). */
    public static final int OUTPUT_KERNEL = 9;
    /** Input channels: RGB. */
    public static final int INPUT_CHANNELS = 3;

    private static final int[] DEFAULT_CHANNELS = {8, 16, 24, 32};

    /** Number of output labels L, at least 2. */
    private final int numLabels;
    /** Feature maps per scale, finest first; its length is the number of scales. */
    private final int[] channels;
    /** Number of interlinking layers (each followed by a convolution). */
    private final int numInterlinks;
    /** Maps of the last integration convolution of CNN-1, the input of the 9x9 output convolution. */
    private final int integrationChannels;
    /** Nonlinearity after every convolution but the last. */
    private final Activation activation;
    /** Training algorithm. */
    private final IUpdater updater;
    /** Seed of the weight initialisation. */
    private final long seed;
    /** Data type of parameters and activations. */
    private final DataType dataType;
    /** Whether to use DL4J's stock layers instead of core's faster equivalents (same function). */
    private final boolean stockLayers;

    private InterlinkedCnn(Builder b) {
        this.numLabels = b.numLabels;
        this.channels = b.channels.clone();
        this.numInterlinks = b.numInterlinks;
        this.integrationChannels = b.integrationChannels > 0 ? b.integrationChannels : 2 * b.numLabels + 8;
        this.activation = b.activation;
        this.updater = b.updater;
        this.seed = b.seed;
        this.dataType = b.dataType;
        this.stockLayers = b.stockLayers;
    }

    /** A builder; {@link Builder#setNumLabels(int)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    public int numLabels() {
        return numLabels;
    }

    /** Number of scales (parallel CNNs). */
    public int numScales() {
        return channels.length;
    }

    /** Feature maps per scale, finest first. */
    public int[] channels() {
        return channels.clone();
    }

    public int numInterlinks() {
        return numInterlinks;
    }

    public int integrationChannels() {
        return integrationChannels;
    }

    public Activation activation() {
        return activation;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Input height and width must be multiples of this: 2<sup>scales-1</sup>. */
    public int sizeMultiple() {
        return 1 << (channels.length - 1);
    }

    /**
     * Checks that {@code input} is {@code [N, 3, H, W]} with H and W multiples of {@link #sizeMultiple()}.
     *
     * @throws IllegalArgumentException naming the offending shape
     */
    public void checkInput(INDArray input) {
        long[] s = input.shape();
        int m = sizeMultiple();
        if (s.length != 4 || s[1] != INPUT_CHANNELS || s[2] < m || s[3] < m || s[2] % m != 0 || s[3] % m != 0) {
            throw new IllegalArgumentException("iCNN input must be [N, 3, H, W] with H and W positive multiples of "
                    + m + " (" + numScales() + " scales), got " + Arrays.toString(s));
        }
    }

    /**
     * A new network with freshly initialised parameters. Sets up the oneDNN fast path first ({@link FastPath#ensure()}),
     * because DL4J picks a layer's implementation when the network is initialised.
     */
    public ComputationGraph createGraph() {
        FastPath.ensure();
        ComputationGraph graph = new ComputationGraph(configuration());
        graph.init();
        return graph;
    }

    /** The graph configuration; layer names are described in the class comment of {@link Builder}. */
    public ComputationGraphConfiguration configuration() {
        // FastPath.configure: convolutions keep their forward pre-activation for backprop instead of recomputing it.
        ComputationGraphConfiguration.GraphBuilder g = FastPath.configure(new NeuralNetConfiguration.Builder())
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(activation == Activation.RELU ? WeightInit.RELU : WeightInit.XAVIER)
                // Truncate with explicit padding: same output size as Same mode for stride 1, and DL4J M2.1 runs
                // it faster (no per-call padding computation).
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs(INPUT);

        int scales = channels.length;
        String[] scaleInput = new String[scales];
        scaleInput[0] = INPUT;
        for (int k = 1; k < scales; k++) {
            scaleInput[k] = "scale" + k;
            g.addLayer(scaleInput[k], pool(PoolingType.AVG), scaleInput[k - 1]);
        }

        String[] features = new String[scales];
        for (int k = 0; k < scales; k++) {
            features[k] = "conv0_s" + k;
            g.addLayer(features[k], conv(INPUT_CHANNELS, channels[k], KERNEL, activation), scaleInput[k]);
        }

        for (int i = 1; i <= numInterlinks; i++) {
            String[] next = new String[scales];
            for (int k = 0; k < scales; k++) {
                // Finer neighbour max-pooled, own maps, coarser neighbour upsampled (paper section 2.2).
                List<String> parts = new ArrayList<>(3);
                List<Resample> resamples = new ArrayList<>(3);
                int nIn = channels[k];
                if (k > 0) {
                    parts.add(features[k - 1]);
                    resamples.add(Resample.MAX_POOL_2X2);
                    nIn += channels[k - 1];
                }
                parts.add(features[k]);
                resamples.add(Resample.IDENTITY);
                if (k < scales - 1) {
                    parts.add(features[k + 1]);
                    resamples.add(Resample.NEAREST_UP_2X);
                    nIn += channels[k + 1];
                }
                String cat = "link" + i + "_s" + k;
                addResampleConcat(g, cat, parts, resamples);
                next[k] = "conv" + i + "_s" + k;
                g.addLayer(next[k], conv(nIn, channels[k], KERNEL, activation), cat);
            }
            features = next;
        }

        String fused = features[scales - 1];
        int fusedChannels = channels[scales - 1];
        for (int k = scales - 1; k >= 1; k--) {
            String cat = "fuse_cat_s" + (k - 1);
            addResampleConcat(g, cat, List.of(features[k - 1], fused), List.of(Resample.IDENTITY,
                    Resample.NEAREST_UP_2X));
            int nOut = k == 1 ? integrationChannels : channels[k - 1];
            fused = "fuse_s" + (k - 1);
            g.addLayer(fused, conv(channels[k - 1] + fusedChannels, nOut, KERNEL, activation), cat);
            fusedChannels = nOut;
        }

        g.addLayer(LOGITS, conv(fusedChannels, numLabels, OUTPUT_KERNEL, Activation.IDENTITY), fused);
        g.addLayer(OUTPUT, stockLayers
                ? new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build()
                : PixelSoftmaxCrossEntropy.builder().build(), LOGITS);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * Concatenates {@code inputs} along channels after resampling each: one {@link ResampleConcatVertex}, or with
     * {@link Builder#optStockLayers(boolean) optStockLayers(true)} DL4J's pooling / upsampling layers and a
     * {@link MergeVertex} (the same function, slower).
     */
    private void addResampleConcat(ComputationGraphConfiguration.GraphBuilder g, String name, List<String> inputs,
            List<Resample> resamples) {
        if (!stockLayers) {
            g.addVertex(name, ResampleConcatVertex.of(resamples.toArray(Resample[]::new)),
                    inputs.toArray(String[]::new));
            return;
        }
        String[] merged = new String[inputs.size()];
        for (int j = 0; j < merged.length; j++) {
            Resample r = resamples.get(j);
            merged[j] = r == Resample.IDENTITY ? inputs.get(j) : name + "_" + j;
            if (r == Resample.MAX_POOL_2X2) {
                g.addLayer(merged[j], pool(PoolingType.MAX), inputs.get(j));
            } else if (r == Resample.NEAREST_UP_2X) {
                g.addLayer(merged[j], new Upsampling2D.Builder(2).build(), inputs.get(j));
            }
        }
        g.addVertex(name, new MergeVertex(), merged);
    }

    private static ConvolutionLayer conv(int nIn, int nOut, int kernel, Activation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .nIn(nIn)
                .nOut(nOut)
                .stride(1, 1)
                .padding(kernel / 2, kernel / 2)
                // tanh in core's vectorised form: libnd4j's is scalar (same function, docs/speed.md).
                .activation(activation == Activation.TANH ? new FastTanhActivation()
                        : activation.getActivationFunction())
                .build();
    }

    private static SubsamplingLayer pool(PoolingType type) {
        return new SubsamplingLayer.Builder(type).kernelSize(2, 2).stride(2, 2).build();
    }

    @Override
    public String toString() {
        return "InterlinkedCnn[labels=" + numLabels + ", channels=" + Arrays.toString(channels) + ", interlinks="
                + numInterlinks + ", integration=" + integrationChannels + ", " + activation + ", " + dataType + "]";
    }

    /**
     * Builds an {@link InterlinkedCnn}.
     *
     * <p>Vertex names in the resulting graph, for scale {@code k} (0 = finest) and interlinking layer {@code i}:
     * {@code scale<k>} (mean-pooled input), {@code conv0_s<k>} (first convolution), {@code link<i>_s<k>}
     * (resampled neighbours concatenated with the scale's own maps), {@code conv<i>_s<k>}, {@code fuse_cat_s<k>}
     * and {@code fuse_s<k>} (output integration), then {@value #LOGITS} and {@value #OUTPUT}. Not thread-safe.
     */
    public static final class Builder {
        private int numLabels;
        private int[] channels = DEFAULT_CHANNELS;
        private int numInterlinks = 3;
        private int integrationChannels;
        private Activation activation = Activation.TANH;
        private IUpdater updater = new Adam(1e-3);
        private long seed = 12345;
        private DataType dataType = DataType.FLOAT;
        private boolean stockLayers;

        private Builder() {
        }

        /** Required: number of output labels L (the paper's stage 1 uses 9), at least 2. */
        public Builder setNumLabels(int numLabels) {
            if (numLabels < 2) {
                throw new IllegalArgumentException("numLabels must be at least 2, got " + numLabels);
            }
            this.numLabels = numLabels;
            return this;
        }

        /**
         * Feature maps per scale, finest first; the number of values is the number of scales. Default
         * {@code 8, 16, 24, 32} (4 scales).
         */
        public Builder optChannels(int... channels) {
            if (channels.length < 1 || channels.length > 8) {
                throw new IllegalArgumentException("Need 1 to 8 scales, got " + channels.length);
            }
            for (int c : channels) {
                if (c < 1) {
                    throw new IllegalArgumentException("Channels must be positive, got " + Arrays.toString(channels));
                }
            }
            this.channels = channels.clone();
            return this;
        }

        /** Number of interlinking layers, each followed by a 5x5 convolution; default 3, may be 0. */
        public Builder optInterlinks(int numInterlinks) {
            if (numInterlinks < 0) {
                throw new IllegalArgumentException("numInterlinks must not be negative, got " + numInterlinks);
            }
            this.numInterlinks = numInterlinks;
            return this;
        }

        /** Maps of the last integration convolution of CNN-1; default {@code 2 * numLabels + 8}. */
        public Builder optIntegrationChannels(int integrationChannels) {
            if (integrationChannels < 1) {
                throw new IllegalArgumentException("integrationChannels must be positive, got "
                        + integrationChannels);
            }
            this.integrationChannels = integrationChannels;
            return this;
        }

        /** Nonlinearity after every convolution but the last; default tanh as in the paper. */
        public Builder optActivation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** Training algorithm; default Adam with learning rate 1e-3. */
        public Builder optUpdater(IUpdater updater) {
            this.updater = Objects.requireNonNull(updater, "updater");
            return this;
        }

        /** Seed of the weight initialisation; default 12345. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Data type of parameters and activations; default FLOAT (DOUBLE for gradient checks). */
        public Builder optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        /**
         * Whether to build the graph from DL4J's stock layers only: max-pooling, upsampling and merge layers for
         * interlinking and integration, and {@code CnnLossLayer} for the softmax and loss. Default false: core's
         * faster equivalents, {@link ResampleConcatVertex} (resample and concatenate in one pass) and
         * {@link PixelSoftmaxCrossEntropy}. Both compute the same function.
         */
        public Builder optStockLayers(boolean stockLayers) {
            this.stockLayers = stockLayers;
            return this;
        }

        /**
         * Builds the description.
         *
         * @throws IllegalStateException if the number of labels was not set
         */
        public InterlinkedCnn build() {
            if (numLabels == 0) {
                throw new IllegalStateException("setNumLabels(...) is required");
            }
            return new InterlinkedCnn(this);
        }
    }
}
