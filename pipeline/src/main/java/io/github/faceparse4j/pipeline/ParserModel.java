package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelExpectations;
import io.github.faceparse4j.core.model.NetworkType;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.PartType;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;

import java.util.Optional;

/**
 * The networks a {@link FaceParser} can run, each stored as a FaceParse4J model file
 * ({@link io.github.faceparse4j.core.model.ModelFile}) under {@link #fileName()}: in the jar's bundled weights, in a
 * directory given to {@link FaceParser.Builder#optModelDirectory}, or as a single file given to
 * {@link FaceParser.Builder#optModel}.
 *
 * <p>Any model file whose metadata matches works, trained or not: a {@code ComputationGraph} with kind
 * {@link #kind()}, 3 input channels, square input of side {@link #inputSize()}, the label scheme
 * {@link #labelScheme()} where one is required, and a first output of shape {@code [N, numClasses(), S, S]}
 * (per-pixel class scores at the input size). {@link FaceParser.Builder#build()} checks all of this and names the
 * file when something does not fit. The normalisation is read from the file and applied as stored.
 */
public enum ParserModel {

    /** RNN-G with the eleven HELEN classes on the 128² face (rnn-gate module). */
    RNNG_HELEN("rnn-g-helen11.model.zip", RnnGNetwork.KIND, LabelScheme.HELEN_11, RnnGNetwork.PAPER_INPUT_SIZE,
            LabelScheme.HELEN_11.numClasses()),

    /**
     * The iCNN stage-1 localiser on the 64² face: nine classes, HELEN-11 without skin and hair
     * ({@link Stage1Labels}).
     */
    ICNN_LOCALIZER("icnn-stage1.model.zip", IcnnModel.STAGE1.kind(), LabelScheme.HELEN_11,
            IcnnModel.STAGE1.inputSize(), Stage1Labels.NUM_CLASSES),

    /** The iCNN eyebrow network on 64² patches: background, brow. */
    ICNN_BROW(PartType.BROW),

    /** The iCNN eye network on 64² patches: background, eye. */
    ICNN_EYE(PartType.EYE),

    /** The iCNN nose network on 64² patches: background, nose. */
    ICNN_NOSE(PartType.NOSE),

    /** The iCNN mouth network on 80² patches: background, upper lip, inner mouth, lower lip. */
    ICNN_MOUTH(PartType.MOUTH);

    private final String fileName;
    private final String kind;
    /** Required scheme of the file's metadata; the iCNNs declare HELEN-11, which their kind maps channels into. */
    private final LabelScheme labelScheme;
    private final int inputSize;
    private final int numClasses;

    /** A stage-2 part network; kind and input size are those the icnn module's trainer writes ({@link IcnnModel}). */
    ParserModel(PartType part) {
        this(IcnnModel.of(part).fileName(), IcnnModel.of(part).kind(), LabelScheme.HELEN_11, part.cropSize(),
                part.numLabels());
    }

    ParserModel(String fileName, String kind, LabelScheme labelScheme, int inputSize, int numClasses) {
        this.fileName = fileName;
        this.kind = kind;
        this.labelScheme = labelScheme;
        this.inputSize = inputSize;
        this.numClasses = numClasses;
    }

    /** File name in a model directory and in the bundled weights, e.g. {@code rnn-g-helen11.model.zip}. */
    public String fileName() {
        return fileName;
    }

    /** The {@code kind} the file's metadata must declare. */
    public String kind() {
        return kind;
    }

    /**
     * The label scheme the file's metadata must declare; empty for the iCNN networks, whose classes are not one of
     * core's schemes and are told apart by kind and class count instead.
     */
    public Optional<LabelScheme> labelScheme() {
        return Optional.ofNullable(labelScheme);
    }

    /** Side S of the square {@code [N, 3, S, S]} input. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of output classes (channels of the first output). */
    public int numClasses() {
        return numClasses;
    }

    /** What the file's metadata must declare; the output shape is checked separately, on a test input. */
    public ModelExpectations expectations() {
        ModelExpectations.Builder b = ModelExpectations.builder().optKind(kind).optInputSize(inputSize, inputSize)
                .optChannels(3).optNetworkType(NetworkType.COMPUTATION_GRAPH);
        if (labelScheme != null) {
            b.optLabelScheme(labelScheme);
        }
        return b.build();
    }
}
