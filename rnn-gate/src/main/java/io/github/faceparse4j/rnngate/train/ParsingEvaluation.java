package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.WholeFaceEncoder;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ClassGroup;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.metric.SourceConfusion;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores an {@link RnnGModel} on a labelled dataset, as the paper does for LFW-PL: image and labels resized to the
 * network's input size (128 x 128; labels nearest-neighbour after mapping to the model's scheme), every pixel
 * counted, no augmentation.
 *
 * <p>The model-selection score ("validation F") is {@link ParsingMetrics#overallF()} for schemes with facial
 * components (HELEN-11: the papers' "overall") and {@link ParsingMetrics#meanF1()} otherwise (skin/hair/background:
 * mean of F-skin, F-hair and F-bg). Stateless and thread-safe.
 */
public final class ParsingEvaluation {

    private ParsingEvaluation() {
    }

    /**
     * The confusion matrix of {@code model} over every sample of {@code dataset}.
     *
     * @param batchSize faces per forward pass
     * @throws java.io.UncheckedIOException naming the file if a sample cannot be read
     */
    public static ConfusionMatrix confusion(RnnGModel model, FaceDataset dataset, int batchSize) {
        return confusions(model, dataset, batchSize, List.of(new double[model.scheme().numClasses()])).get(0);
    }

    /**
     * Confusion matrices of {@code model} over {@code dataset}, one per set of logit shifts, from one forward pass
     * per batch: matrix {@code j} counts the decisions {@code argmax_k (ln p_k + logitShifts.get(j)[k])}, what the
     * model would decide with {@code logitShifts.get(j)} added to its final logits (see {@link PriorCorrection}).
     *
     * @param logitShifts one array of K shifts per matrix; all zeros gives the model's own decisions
     * @throws IllegalArgumentException if a shift array does not have one entry per class
     * @throws java.io.UncheckedIOException naming the file if a sample cannot be read
     */
    public static List<ConfusionMatrix> confusions(RnnGModel model, FaceDataset dataset, int batchSize,
            List<double[]> logitShifts) {
        int k = model.scheme().numClasses();
        List<ConfusionMatrix> matrices = new ArrayList<>();
        for (double[] shifts : logitShifts) {
            if (shifts.length != k) {
                throw new IllegalArgumentException("Got " + shifts.length + " logit shifts for " + k + " classes");
            }
            matrices.add(new ConfusionMatrix(model.scheme()));
        }
        forEachBatch(model, dataset, model.scheme(), batchSize, (truthMaps, scores) -> {
            for (int j = 0; j < matrices.size(); j++) {
                List<LabelMap> predicted = LabelTensors.argmax(shifted(scores, logitShifts.get(j)), model.scheme());
                for (int i = 0; i < predicted.size(); i++) {
                    matrices.get(j).add(truthMaps.get(i), predicted.get(i));
                }
            }
        });
        return matrices;
    }

    /**
     * How {@code model} labels the pixels of each class of the dataset's own scheme (for celebamask-5k the 19
     * CelebAMask-HQ classes): the truth is the sample's labels nearest-resized to the input size, unmapped, so that
     * errors can be traced to source classes the mapping merges (neck and ears into background, for example).
     *
     * @param batchSize faces per forward pass
     * @throws java.io.UncheckedIOException naming the file if a sample cannot be read
     */
    public static SourceConfusion sourceConfusion(RnnGModel model, FaceDataset dataset, int batchSize) {
        SourceConfusion counts = new SourceConfusion(dataset.scheme(), model.scheme());
        forEachBatch(model, dataset, dataset.scheme(), batchSize, (truthMaps, scores) -> {
            List<LabelMap> predicted = LabelTensors.argmax(scores, model.scheme());
            for (int i = 0; i < predicted.size(); i++) {
                counts.add(truthMaps.get(i), predicted.get(i));
            }
        });
        return counts;
    }

    /**
     * Runs the model over the dataset in list order, without augmentation, and hands each batch's true label maps
     * (in {@code truthScheme}, at the input size) and the model's scores to {@code action}.
     */
    private static void forEachBatch(RnnGModel model, FaceDataset dataset, LabelScheme truthScheme, int batchSize,
            BiConsumer<List<LabelMap>, INDArray> action) {
        WholeFaceEncoder encoder = WholeFaceEncoder.builder().setSize(model.inputSize()).setScheme(truthScheme)
                .optNormalization(model.normalization()).build();
        try (FaceBatchIterator batches = FaceBatchIterator.builder().setDataset(dataset).setEncoder(encoder)
                .setBatchSize(batchSize).build()) {
            while (batches.hasNext()) {
                MultiDataSet batch = batches.next();
                action.accept(LabelTensors.argmax(batch.getLabels(0), truthScheme),
                        model.scores(batch.getFeatures(0)));
            }
        }
    }

    /** {@code ln p + shift} per class channel, or {@code probabilities} itself when every shift is 0. */
    private static INDArray shifted(INDArray probabilities, double[] shifts) {
        if (Arrays.stream(shifts).allMatch(s -> s == 0)) {
            return probabilities;
        }
        // The softmax is clipped away from 0 so that the log stays finite.
        INDArray logits = Transforms.log(Transforms.max(probabilities, 1e-30, true), false);
        for (int k = 0; k < shifts.length; k++) {
            logits.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.all())
                    .addi(shifts[k]);
        }
        return logits;
    }

    /** The model-selection score of {@code metrics}: overall F with facial components, mean F1 without. */
    public static double selectionF(ParsingMetrics metrics) {
        return hasFacialComponents(metrics.scheme()) ? metrics.overallF() : metrics.meanF1();
    }

    /** The name of {@link #selectionF} for {@code scheme}, for logs and metadata. */
    public static String selectionName(LabelScheme scheme) {
        return hasFacialComponents(scheme) ? "overall F" : "mean F1";
    }

    private static boolean hasFacialComponents(LabelScheme scheme) {
        return ClassGroup.FACIAL_COMPONENTS.classNames().stream().allMatch(scheme.classNames()::contains);
    }
}
