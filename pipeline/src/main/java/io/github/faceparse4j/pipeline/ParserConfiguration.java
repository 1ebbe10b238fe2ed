package io.github.faceparse4j.pipeline;

import java.util.List;

/**
 * Which networks a {@link FaceParser} runs on each face crop. Every configuration produces one HELEN-11 label map
 * per image; they differ in the networks used, and therefore in speed, in accuracy and in the classes they label.
 */
public enum ParserConfiguration {

    /**
     * The default: RNN-G at 128² labels skin, hair and background and locates the parts; the four iCNN part
     * networks then label brows, eyes, nose and mouth on 64² and 80² patches of the 256² crop (the RNN-G paper's
     * section 4 two-stage idea, with the iCNN paper's part networks). All eleven HELEN classes.
     */
    TWO_STAGE(List.of(ParserModel.RNNG_HELEN, ParserModel.ICNN_BROW, ParserModel.ICNN_EYE, ParserModel.ICNN_NOSE,
            ParserModel.ICNN_MOUTH)),

    /** RNN-G alone at 128², all eleven HELEN classes at its resolution: the fastest configuration. */
    RNNG_ONE_STAGE(List.of(ParserModel.RNNG_HELEN)),

    /**
     * The iCNN paper's own pipeline: the iCNN localiser at 64² finds the parts, the part networks label them. It has
     * no skin or hair model, so those pixels are background: brows, eyes, nose and the three mouth classes only.
     */
    ICNN_TWO_STAGE(List.of(ParserModel.ICNN_LOCALIZER, ParserModel.ICNN_BROW, ParserModel.ICNN_EYE,
            ParserModel.ICNN_NOSE, ParserModel.ICNN_MOUTH));

    /** The networks this configuration runs, stage 1 first. */
    private final List<ParserModel> models;

    ParserConfiguration(List<ParserModel> models) {
        this.models = models;
    }

    /** The networks this configuration runs, stage 1 first; unmodifiable. */
    public List<ParserModel> models() {
        return models;
    }

    /** Whether the configuration runs RNN-G, which whole-image mode needs. */
    public boolean usesRnnG() {
        return models.contains(ParserModel.RNNG_HELEN);
    }
}
