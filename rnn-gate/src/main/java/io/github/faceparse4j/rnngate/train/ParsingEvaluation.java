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
import io.github.faceparse4j.rnngate.net.RnnGModel;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

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
        WholeFaceEncoder encoder = WholeFaceEncoder.builder().setSize(model.inputSize()).setScheme(model.scheme())
                .optNormalization(model.normalization()).build();
        ConfusionMatrix matrix = new ConfusionMatrix(model.scheme());
        try (FaceBatchIterator batches = FaceBatchIterator.builder().setDataset(dataset).setEncoder(encoder)
                .setBatchSize(batchSize).build()) {
            while (batches.hasNext()) {
                MultiDataSet batch = batches.next();
                INDArray scores = model.scores(batch.getFeatures(0));
                List<LabelMap> predicted = LabelTensors.argmax(scores, model.scheme());
                List<LabelMap> truth = LabelTensors.argmax(batch.getLabels(0), model.scheme());
                for (int i = 0; i < predicted.size(); i++) {
                    matrix.add(truth.get(i), predicted.get(i));
                }
            }
        }
        return matrix;
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
