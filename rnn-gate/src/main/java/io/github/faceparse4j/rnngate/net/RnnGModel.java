package io.github.faceparse4j.rnngate.net;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.image.MirrorAveraging;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.layer.FastLayerSubstitution;
import io.github.faceparse4j.core.model.ModelExpectations;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.core.model.NetworkType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained RNN-G network with what is needed to feed it: label scheme, input size and normalisation, read from
 * its {@link ModelMetadata}. Parses whole, roughly aligned faces (the training framing) into label maps at the
 * network's input size.
 *
 * <p>Tensor layouts: input {@code [N, 3, S, S]} normalised RGB as made by {@code ImageTensors}; scores
 * {@code [N, K, S, S]}, softmax probabilities, channel {@code k} = class id {@code k} of {@link #scheme()}.
 *
 * <p>{@link #withMirrorAveraging()} gives a view of the same graph whose scores average the face and its mirror
 * image ({@link MirrorAveraging}), at twice the inference cost.
 *
 * <p>Thread-safe: inference calls are serialised on the graph (shared by a model and its mirror-averaging view),
 * because a DL4J graph must not run two forward passes at once.
 */
public final class RnnGModel {

    /** Training-info key holding the {@link Variant#cliName()}. */
    public static final String VARIANT_KEY = "variant";
    /** Resource name (next to this class) of the shipped skin/hair/background model. */
    public static final String BUNDLED_3_CLASS = "rnn-g-skin-hair-bg3.model.zip";
    /** Resource name (next to this class) of the shipped HELEN-11 model. */
    public static final String BUNDLED_11_CLASS = "rnn-g-helen11.model.zip";

    private final ComputationGraph graph;
    private final ModelMetadata metadata;
    private final Normalization normalization;
    private final Variant variant;
    private final boolean mirrorAveraging;

    private RnnGModel(ComputationGraph graph, ModelMetadata metadata) {
        this(graph, metadata, false);
    }

    private RnnGModel(ComputationGraph graph, ModelMetadata metadata, boolean mirrorAveraging) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        if (!RnnGNetwork.KIND.equals(metadata.kind())) {
            throw new IllegalArgumentException("Model kind is '" + metadata.kind() + "', expected '"
                    + RnnGNetwork.KIND + "'");
        }
        if (metadata.inputHeight() != metadata.inputWidth() || metadata.channels() != 3) {
            throw new IllegalArgumentException("An RNN-G model takes square RGB input, metadata says "
                    + metadata.channels() + "x" + metadata.inputHeight() + "x" + metadata.inputWidth());
        }
        this.normalization = Normalization.byName(metadata.normalization());
        String variantName = metadata.trainingInfo().get(VARIANT_KEY);
        this.variant = variantName == null ? Variant.RNN_G : Variant.byName(variantName);
        this.mirrorAveraging = mirrorAveraging;
    }

    /**
     * Wraps an in-memory graph, e.g. during training.
     *
     * @throws IllegalArgumentException if the metadata is not an RNN-G model's
     */
    public static RnnGModel of(ComputationGraph graph, ModelMetadata metadata) {
        return new RnnGModel(graph, metadata);
    }

    /**
     * Loads a model file written by the trainer, with the fast layers (see {@link #bundled}). Calls
     * {@link FastPath#ensure()} first.
     *
     * @throws IOException              if the file cannot be read or is not a valid model file (see
     *                                  {@link ModelFile#load(Path, ModelExpectations)})
     * @throws IllegalArgumentException if the file holds another kind of model
     */
    public static RnnGModel load(Path file) throws IOException {
        FastPath.ensure();
        return withFastLayers(ModelFile.load(file, expectations()));
    }

    /**
     * The trained model shipped in this module's resources for {@code scheme}: {@value #BUNDLED_3_CLASS} for
     * {@link LabelScheme#SKIN_HAIR_BG_3}, {@value #BUNDLED_11_CLASS} for {@link LabelScheme#HELEN_11} (both next to
     * this class). The SHA-256 of the network is checked on load. Calls {@link FastPath#ensure()} first.
     *
     * @throws IllegalArgumentException if no model is shipped for {@code scheme}
     * @throws java.io.FileNotFoundException if this build does not contain the model file
     * @throws IOException if the resource is not a valid RNN-G model file
     */
    public static RnnGModel bundled(LabelScheme scheme) throws IOException {
        String resource;
        if (scheme.equals(LabelScheme.SKIN_HAIR_BG_3)) {
            resource = BUNDLED_3_CLASS;
        } else if (scheme.equals(LabelScheme.HELEN_11)) {
            resource = BUNDLED_11_CLASS;
        } else {
            throw new IllegalArgumentException("No RNN-G model is shipped for " + scheme + "; there are models for "
                    + LabelScheme.SKIN_HAIR_BG_3 + " and " + LabelScheme.HELEN_11);
        }
        FastPath.ensure();
        ModelFile model = ModelFile.loadResource(RnnGModel.class, resource,
                ModelExpectations.builder().optKind(RnnGNetwork.KIND).optNetworkType(NetworkType.COMPUTATION_GRAPH)
                        .optChannels(3).optLabelScheme(scheme).build());
        return withFastLayers(model);
    }

    private static RnnGModel withFastLayers(ModelFile file) {
        return new RnnGModel(fastGraph(file), file.metadata());
    }

    /**
     * The graph of an RNN-G model file, its stock pooling, upsampling and softmax loss layers swapped for core's
     * faster ones of the same function ({@link FastLayerSubstitution}, parameters and updater state copied): files
     * written before the network used them (those shipped until session 5) then run and train as fast as a freshly
     * built network.
     */
    public static ComputationGraph fastGraph(ModelFile file) {
        ModelMetadata metadata = file.metadata();
        return FastLayerSubstitution.substitute(file.computationGraph(),
                InputType.convolutional(metadata.inputHeight(), metadata.inputWidth(), metadata.channels()));
    }

    /** What an RNN-G model file must declare: kind {@link RnnGNetwork#KIND}, a graph, 3 input channels. */
    public static ModelExpectations expectations() {
        return ModelExpectations.builder().optKind(RnnGNetwork.KIND).optNetworkType(NetworkType.COMPUTATION_GRAPH)
                .optChannels(3).build();
    }

    public ComputationGraph graph() {
        return graph;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** Scheme of the output classes. */
    public LabelScheme scheme() {
        return metadata.labelScheme();
    }

    /** Side S of the square input and output. */
    public int inputSize() {
        return metadata.inputHeight();
    }

    public Normalization normalization() {
        return normalization;
    }

    public Variant variant() {
        return variant;
    }

    /**
     * The class probabilities of a batch (averaged with the mirrored batch's for a {@link #withMirrorAveraging()}
     * view).
     *
     * @param images {@code [N, 3, S, S]}, normalised with {@link #normalization()}
     * @return {@code [N, K, S, S]}
     * @throws IllegalArgumentException if the shape is not {@code [N, 3, S, S]}
     */
    public INDArray scores(INDArray images) {
        long[] shape = images.shape();
        int s = inputSize();
        if (shape.length != 4 || shape[1] != 3 || shape[2] != s || shape[3] != s) {
            throw new IllegalArgumentException("RNN-G input must be [N, 3, " + s + ", " + s + "], got "
                    + Arrays.toString(shape));
        }
        return mirrorAveraging ? MirrorAveraging.average(images, this::forward, scheme()) : forward(images);
    }

    /**
     * This model scoring each batch as the mean of the batch's and its left-right mirror's probabilities (left/right
     * classes swapped back): the same graph, two forward passes per call. Returns this model if it already does.
     */
    public RnnGModel withMirrorAveraging() {
        return mirrorAveraging ? this : new RnnGModel(graph, metadata, true);
    }

    /** Whether {@link #scores} averages each batch with its mirror image. */
    public boolean mirrorAveraging() {
        return mirrorAveraging;
    }

    private INDArray forward(INDArray images) {
        synchronized (graph) {
            return graph.output(false, images)[0];
        }
    }

    /** Parses one face (resized to S x S) into a label map of S x S. */
    public LabelMap parse(BufferedImage face) {
        return parse(List.of(face)).get(0);
    }

    /** Parses faces (each resized to S x S) into label maps of S x S, in one batch. */
    public List<LabelMap> parse(List<BufferedImage> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        INDArray batch = ImageTensors.toBatch(faces, inputSize(), inputSize(), normalization);
        return LabelTensors.argmax(scores(batch), scheme());
    }

    @Override
    public String toString() {
        return "RnnGModel[" + variant + ", " + scheme() + ", " + inputSize() + "x" + inputSize()
                + (mirrorAveraging ? ", mirror-averaged" : "") + "]";
    }
}
