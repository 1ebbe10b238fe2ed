package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Undoes, fully or in part, the shift of decisions that class-weighted training builds into a network.
 *
 * <p>A softmax trained with per-class loss weights {@code w_k} learns, at best, posteriors proportional to
 * {@code w_k p(k | x)}: the weighted classes are over-predicted (a trained HELEN-11 model with weights up to 9 marked
 * about twice as many eye pixels as there are, at 45 % precision and 90 % recall). Adding
 * {@code -exponent · ln w_k} to the final logits divides that prior out again: exponent 1 gives the unweighted
 * posteriors (best pixel accuracy), 0 keeps the network as trained, and the F-measure of small classes usually peaks
 * in between, where precision and recall balance. The exponent is one number, chosen on data
 * ({@link ParsingEvaluation#confusions}); {@link #apply} bakes the shifts into the bias of
 * {@link RnnGNetwork#LOGITS_LAYER}, so every consumer of the network sees the corrected decisions.
 *
 * <p>Stateless and thread-safe.
 */
public final class PriorCorrection {

    /** Training-info key recording the exponent of an applied correction. */
    public static final String EXPONENT_KEY = "priorCorrectionExponent";

    private PriorCorrection() {
    }

    /**
     * The logit shifts {@code -exponent · ln w_k}.
     *
     * @throws IllegalArgumentException if a weight is not positive or the exponent not finite
     */
    public static double[] logitShifts(double[] classWeights, double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("Exponent must be finite, got " + exponent);
        }
        double[] shifts = new double[classWeights.length];
        for (int k = 0; k < shifts.length; k++) {
            if (!(classWeights[k] > 0) || !Double.isFinite(classWeights[k])) {
                throw new IllegalArgumentException("Class weights must be positive, got "
                        + Arrays.toString(classWeights));
            }
            shifts[k] = -exponent * Math.log(classWeights[k]);
        }
        return shifts;
    }

    /**
     * The class weights a model was trained with, from its metadata ({@code classWeights} as written by
     * {@link RnnGNetwork#describe()}), or null when it was trained unweighted.
     *
     * @throws IllegalArgumentException if the recorded value cannot be read
     */
    public static double[] classWeights(ModelMetadata metadata) {
        String value = metadata.trainingInfo().get("classWeights");
        if (value == null || value.equals("uniform")) {
            return null;
        }
        String inner = value.strip();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            throw new IllegalArgumentException("Cannot read classWeights '" + value + "' in the model metadata");
        }
        try {
            return Arrays.stream(inner.substring(1, inner.length() - 1).split(","))
                    .mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read classWeights '" + value + "' in the model metadata", e);
        }
    }

    /**
     * A copy of {@code graph} with {@code shifts} added to the bias of {@link RnnGNetwork#LOGITS_LAYER}, so its final
     * logits are shifted per class. The graph itself is not changed.
     *
     * @throws IllegalArgumentException if the graph has no such bias of one entry per shift
     */
    public static ComputationGraph apply(ComputationGraph graph, double[] shifts) {
        String key = RnnGNetwork.LOGITS_LAYER + "_b";
        if (!graph.paramTable().containsKey(key)) {
            throw new IllegalArgumentException("The graph has no parameter " + key + " to shift the final logits; "
                    + "its upsampler must end in a layer named " + RnnGNetwork.LOGITS_LAYER + " with a bias");
        }
        if (graph.getParam(key).length() != shifts.length) {
            throw new IllegalArgumentException(key + " has " + graph.getParam(key).length() + " entries, got "
                    + shifts.length + " shifts");
        }
        ComputationGraph corrected = graph.clone();
        INDArray bias = corrected.getParam(key);
        bias.addi(Nd4j.createFromArray(shifts).castTo(bias.dataType()).reshape(bias.shape()));
        return corrected;
    }

    /** The metadata of a corrected model: {@code metadata} plus the exponent. */
    public static ModelMetadata metadata(ModelMetadata metadata, double exponent) {
        return MetadataCopy.of(metadata)
                .optTrainingInfo(EXPONENT_KEY, String.format(Locale.ROOT, "%.4f", exponent)).build();
    }
}
