package io.github.faceparse4j.rnngate.train;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What an {@link RnnGTrainer} run ended with.
 *
 * @param epochsCompleted epochs trained in total, including those before a resume
 * @param bestEpoch       the epoch (from 1) whose model is in {@code bestModel}
 * @param bestValF        its validation F ({@link ParsingEvaluation#selectionF})
 * @param imagesPerSecond training speed of this run (without validation)
 * @param trainSeconds    training time in total, including before a resume, without validation
 * @param bestModel       the best model file
 * @param checkpoint      the last checkpoint file
 */
public record TrainingResult(int epochsCompleted, int bestEpoch, double bestValF, double imagesPerSecond,
        double trainSeconds, Path bestModel, Path checkpoint) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Trained %d epochs in %s (%.1f img/s); best val F %.4f at epoch %d -> %s",
                epochsCompleted, ProgressMeter.duration(trainSeconds), imagesPerSecond, bestValF, bestEpoch,
                bestModel);
    }
}
