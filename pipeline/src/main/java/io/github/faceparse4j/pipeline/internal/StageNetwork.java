package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.MirrorAveraging;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.layer.FastLayerSubstitution;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.icnn.parse.BackgroundModulation;
import io.github.faceparse4j.pipeline.ParserModel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One loaded network of the pipeline, in the role of a {@link ParserModel}: turns images into per-pixel class
 * indices, the argmax over the channels of its first output.
 *
 * <p>Tensors: input {@code [N, 3, S, S]} RGB normalised with the file's normalisation ({@link ImageTensors}, images
 * of another size are resized bilinearly); first output {@code [N, K, S, S]} class scores, {@code K =}
 * {@link ParserModel#numClasses()}. Ties in the argmax go to the lower class. A part network whose file records a
 * background modulation (iCNN paper section 4.2, {@link BackgroundModulation#fromTrainingInfo}) takes the argmax over
 * the logits that feed its output layer instead, with channel 0 replaced by {@code beta * B + beta0}: the modulation
 * was fitted on logits (icnn's {@code PartNetwork}), and on softmax scores it would mean something else.
 *
 * <p>{@link #of} checks the file against the role beyond its metadata: it runs a zero input of {@code [1, 3, S, S]}
 * and requires the output shape above, so a network of the wrong shape fails when the parser is built, naming the
 * file, not in the middle of a parse.
 *
 * <p>With mirror averaging, a network whose output channels are its label scheme's class ids (RNN-G's eleven HELEN
 * classes) scores each batch as the mean of the batch's and its mirror image's scores, left/right classes swapped
 * back ({@link MirrorAveraging}); the iCNN localiser and part networks, whose channels are other sets, run once.
 *
 * <p>Thread-safe: forward passes are serialised on this object (a DL4J graph must not run two at once).
 */
public final class StageNetwork implements AutoCloseable {

    private final ParserModel role;
    /** File or resource name, for messages. */
    private final String source;
    private final ComputationGraph graph;
    private final Normalization normalization;
    /** Applied to the background channel before the argmax; {@link BackgroundModulation#NONE} for most files. */
    private final BackgroundModulation modulation;
    /** With mirror averaging the scheme whose left/right pairs swap, else null (see the class comment). */
    private final LabelScheme mirrorScheme;
    private boolean closed;

    private StageNetwork(ParserModel role, String source, ComputationGraph graph, Normalization normalization,
            BackgroundModulation modulation, LabelScheme mirrorScheme) {
        this.role = role;
        this.source = source;
        this.graph = graph;
        this.normalization = normalization;
        this.modulation = modulation;
        this.mirrorScheme = mirrorScheme;
    }

    /**
     * Wraps a model file loaded with {@link ParserModel#expectations()}, after checking its output shape and that its
     * layers run on the fast path ({@link FastPath#verifyHelpers}).
     *
     * @throws IllegalArgumentException naming the file if the normalisation is unknown, the test input fails, or
     *     the output shape differs
     */
    public static StageNetwork of(ParserModel role, ModelFile file) {
        return of(role, file, false);
    }

    /**
     * As {@link #of(ParserModel, ModelFile)}, with mirror averaging asked for; it takes effect only for a role whose
     * output channels are its scheme's class ids (see the class comment).
     */
    public static StageNetwork of(ParserModel role, ModelFile file, boolean mirrorAveraging) {
        Normalization normalization;
        BackgroundModulation modulation;
        try {
            normalization = Normalization.byName(file.metadata().normalization());
            modulation = BackgroundModulation.fromTrainingInfo(file.metadata().trainingInfo());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Model " + file.source() + ": " + e.getMessage(), e);
        }
        int s = role.inputSize();
        ComputationGraph graph = file.computationGraph();
        if (graph.getConfiguration().getNetworkInputs().size() == 1) {
            // Older files hold DL4J's stock pooling, upsampling, softmax loss or tanh; core's layers compute the
            // same functions faster.
            graph = FastLayerSubstitution.substitute(graph, InputType.convolutional(s, s, 3));
        }
        LabelScheme mirrorScheme = mirrorAveraging ? role.labelScheme()
                .filter(scheme -> scheme.numClasses() == role.numClasses()).orElse(null) : null;
        StageNetwork network = new StageNetwork(role, file.source(), graph, normalization, modulation, mirrorScheme);
        INDArray scores = network.forward(Nd4j.zeros(DataType.FLOAT, 1, 3, s, s));
        long[] expected = {1, role.numClasses(), s, s};
        if (!Arrays.equals(scores.shape(), expected)) {
            throw new IllegalArgumentException("Model " + file.source() + " does not fit " + role + ": its first "
                    + "output is " + Arrays.toString(scores.shape()) + " for a [1, 3, " + s + ", " + s
                    + "] input, expected " + Arrays.toString(expected));
        }
        FastPath.verifyHelpers(network.graph);
        return network;
    }

    /** Whether this network averages each batch's scores with its mirror image's. */
    public boolean mirrorAveraging() {
        return mirrorScheme != null;
    }

    public ParserModel role() {
        return role;
    }

    /** Where the network was loaded from. */
    public String source() {
        return source;
    }

    /**
     * Classifies images (each resized to the input size) in batches of at most {@code batchSize}.
     *
     * @return per image, the row-major {@code S * S} class indices
     */
    public List<byte[]> classify(List<BufferedImage> images, int batchSize) {
        int s = role.inputSize();
        List<byte[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + batchSize));
            out.addAll(argmax(scoresForArgmax(ImageTensors.toBatch(batch, s, s, normalization))));
        }
        return out;
    }

    /**
     * Classifies one image at its own size, for networks that accept any size (fully convolutional).
     *
     * @return the row-major {@code H * W} class indices
     * @throws IllegalArgumentException naming the file if the network cannot run at this size
     */
    public byte[] classifyAtOwnSize(BufferedImage image) {
        INDArray scores = scoresForArgmax(ImageTensors.toTensor(image, normalization));
        long[] shape = scores.shape();
        if (shape.length != 4 || shape[1] != role.numClasses() || shape[2] != image.getHeight()
                || shape[3] != image.getWidth()) {
            throw new IllegalArgumentException("Model " + source + " gave scores " + Arrays.toString(shape) + " for a "
                    + image.getWidth() + "x" + image.getHeight() + " image; it does not run at other sizes");
        }
        return argmax(scores).get(0);
    }

    /** The first output for {@code input}. */
    private INDArray forward(INDArray input) {
        return run(input, false);
    }

    /** The scores whose argmax is the label: mirror-averaged or not (see the class comment). */
    private INDArray scoresForArgmax(INDArray input) {
        return mirrorScheme != null ? MirrorAveraging.average(input, this::singleViewScores, mirrorScheme)
                : singleViewScores(input);
    }

    /** The first output, or with a background modulation the modulated logits (see the class comment). */
    private INDArray singleViewScores(INDArray input) {
        if (modulation.isNone()) {
            return forward(input);
        }
        INDArray logits = run(input, true).dup();
        modulation.applyTo(logits);
        return logits;
    }

    /**
     * The first output for {@code input}, or with {@code logits} the activations of the vertex that feeds it,
     * wrapping DL4J failures in an exception that names the file.
     */
    private INDArray run(INDArray input, boolean logits) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Model " + source + " is closed");
            }
            try {
                if (!logits) {
                    return graph.output(false, input)[0];
                }
                ComputationGraphConfiguration conf = graph.getConfiguration();
                String feedsOutput = conf.getVertexInputs().get(conf.getNetworkOutputs().get(0)).get(0);
                return graph.feedForward(new INDArray[] {input}, false, true).get(feedsOutput);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Model " + source + " (" + role + ") failed on input "
                        + Arrays.toString(input.shape()) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The background modulation this network's file records ({@link BackgroundModulation#NONE} if none). */
    public BackgroundModulation modulation() {
        return modulation;
    }

    /** Per image of {@code [N, K, H, W]} scores, the row-major argmax over K. */
    private static List<byte[]> argmax(INDArray scores) {
        int n = (int) scores.size(0);
        int plane = (int) (scores.size(2) * scores.size(3));
        int[] best = Nd4j.argMax(scores, 1).castTo(DataType.INT).dup('c').data().asInt();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] classes = new byte[plane];
            for (int p = 0; p < plane; p++) {
                classes[p] = (byte) best[i * plane + p];
            }
            out.add(classes);
        }
        return out;
    }

    /** Frees the network's memory; later calls throw. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            graph.close();
        }
    }

    @Override
    public String toString() {
        return "StageNetwork[" + role + " from " + source + (mirrorScheme != null ? ", mirror-averaged" : "") + "]";
    }
}
