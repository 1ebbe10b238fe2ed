package io.github.faceparse4j.icnn.parse;

import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The background modulation of the iCNN paper (section 4.2): before the per-pixel argmax, a part network's
 * background map {@code B} (channel 0 of the last convolution, before the softmax) is replaced by
 * {@code beta * B + beta0}. A {@code beta0} below 0 lets more pixels go to the part. The paper fits both per part
 * network by maximising the F-measure on the validation set ({@code eval.BackgroundModulationFit} does that here).
 *
 * <p>Stored in a part model file's training info under {@value #BETA_KEY} and {@value #BETA0_KEY};
 * {@link PartNetwork#load} applies it. Immutable.
 *
 * @param beta the factor on the background map, positive
 * @param beta0 the offset added to it
 */
public record BackgroundModulation(double beta, double beta0) {

    /** No modulation: {@code beta = 1, beta0 = 0}. */
    public static final BackgroundModulation NONE = new BackgroundModulation(1, 0);
    /** Training-info key of {@code beta}. */
    public static final String BETA_KEY = "backgroundBeta";
    /** Training-info key of {@code beta0}. */
    public static final String BETA0_KEY = "backgroundBeta0";

    /** @throws IllegalArgumentException if {@code beta} is not positive or a value is not finite */
    public BackgroundModulation {
        if (!(beta > 0) || !Double.isFinite(beta) || !Double.isFinite(beta0)) {
            throw new IllegalArgumentException("Background modulation needs beta > 0 and finite values, got beta "
                    + beta + ", beta0 " + beta0);
        }
    }

    /**
     * The modulation recorded in a model's training info, or {@link #NONE} if there is none.
     *
     * @throws IllegalArgumentException if only one of the two keys is present or a value is not a number
     */
    public static BackgroundModulation fromTrainingInfo(Map<String, String> info) {
        String beta = info.get(BETA_KEY);
        String beta0 = info.get(BETA0_KEY);
        if (beta == null && beta0 == null) {
            return NONE;
        }
        if (beta == null || beta0 == null) {
            throw new IllegalArgumentException("Training info has only one of " + BETA_KEY + " and " + BETA0_KEY);
        }
        return new BackgroundModulation(Double.parseDouble(beta), Double.parseDouble(beta0));
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return beta == 1 && beta0 == 0;
    }

    /**
     * Modulates the background channel of one image's scores in place: {@code k} channels of {@code plane} pixels
     * from {@code offset} ({@code [k, H, W]} order).
     */
    public void apply(float[] scores, int offset, int plane) {
        for (int i = offset; i < offset + plane; i++) {
            scores[i] = (float) (beta * scores[i] + beta0);
        }
    }

    /** Modulates the background channel (channel 0) of {@code [N, K, H, W]} logits in place. */
    public void applyTo(INDArray logits) {
        logits.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                .muli(beta).addi(beta0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f * B %+.3f", beta, beta0);
    }
}
