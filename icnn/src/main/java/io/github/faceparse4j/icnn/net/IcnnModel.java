package io.github.faceparse4j.icnn.net;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelExpectations;
import io.github.faceparse4j.core.model.NetworkType;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartType;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five iCNNs of the two-stage pipeline (paper section 3): the stage-1 localiser on the whole face at 64 x 64,
 * and the four stage-2 part networks.
 *
 * <p>Model files ({@code core.model.ModelFile}) of these networks carry {@link #kind()} as their kind and
 * {@link LabelScheme#HELEN_11} as their label scheme; the kind fixes how output channels map to HELEN-11 ids,
 * because core has no schemes for the 9 stage-1 classes or the part classes: channel {@code c} is HELEN id
 * {@link Stage1Labels#helenId(int)} for {@link #STAGE1}, and {@link FacePart#helenId(int)} of the cropped part for
 * the part networks.
 */
public enum IcnnModel {
    /** Stage 1: 9 classes on the whole face resized to 64 x 64 ({@link Stage1Labels}). */
    STAGE1(null, 64, Stage1Labels.NUM_CLASSES),
    /** Stage 2 eyebrow network: 64 x 64 crops, background / brow. */
    BROW(PartType.BROW, PartType.BROW.cropSize(), PartType.BROW.numLabels()),
    /** Stage 2 eye network: 64 x 64 crops, background / eye. */
    EYE(PartType.EYE, PartType.EYE.cropSize(), PartType.EYE.numLabels()),
    /** Stage 2 nose network: 64 x 64 crops, background / nose. */
    NOSE(PartType.NOSE, PartType.NOSE.cropSize(), PartType.NOSE.numLabels()),
    /** Stage 2 mouth network: 80 x 80 crops, background / upper lip / inner mouth / lower lip. */
    MOUTH(PartType.MOUTH, PartType.MOUTH.cropSize(), PartType.MOUTH.numLabels());

    /** The part this network parses; null for stage 1. */
    private final PartType partType;
    /** Side of the square input. */
    private final int inputSize;
    /** Output classes, background included. */
    private final int numLabels;

    IcnnModel(PartType partType, int inputSize, int numLabels) {
        this.partType = partType;
        this.inputSize = inputSize;
        this.numLabels = numLabels;
    }

    /** Lower-case name for command lines and file names: {@code stage1}, {@code brow}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model-file kind: {@code icnn-stage1}, {@code icnn-brow}, ... */
    public String kind() {
        return "icnn-" + id();
    }

    /**
     * The conventional model file name: {@code icnn-stage1.model.zip}, {@code icnn-brow.model.zip}, ... The trainer
     * writes it, the evaluator and the pipeline's model folders read it, so a training output folder is a model folder.
     */
    public String fileName() {
        return kind() + ".model.zip";
    }

    /** Side of the square input in pixels (64, or 80 for the mouth). */
    public int inputSize() {
        return inputSize;
    }

    /** Number of output classes, background included. */
    public int numLabels() {
        return numLabels;
    }

    /** The part type of a stage-2 network; empty for stage 1. */
    public Optional<PartType> partType() {
        return Optional.ofNullable(partType);
    }

    /** Names of the output classes in channel order. */
    public List<String> labelNames() {
        return partType == null ? Stage1Labels.names() : partType.labelNames();
    }

    /** The paper's network for this model: default {@link InterlinkedCnn} with this model's label count. */
    public InterlinkedCnn.Builder networkBuilder() {
        return InterlinkedCnn.builder().setNumLabels(numLabels);
    }

    /** What a model file of this network must declare. */
    public ModelExpectations expectations() {
        return ModelExpectations.builder()
                .optKind(kind())
                .optLabelScheme(LabelScheme.HELEN_11)
                .optInputSize(inputSize, inputSize)
                .optChannels(3)
                .optNetworkType(NetworkType.COMPUTATION_GRAPH)
                .build();
    }

    /** The stage-2 network of a part type. */
    public static IcnnModel of(PartType type) {
        return valueOf(type.name());
    }

    /**
     * The model with this {@link #id()}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public static IcnnModel byId(String id) {
        for (IcnnModel m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown iCNN model '" + id + "'; known: stage1, brow, eye, nose, mouth");
    }
}
