/**
 * Training and evaluation of {@link io.github.faceparse4j.rnngate.net.RnnGNetwork}s on a face dataset in the
 * {@code celebamask-5k} layout.
 *
 * <p>Data flow: {@code FaceDataset -> Augmentation -> RnnGEncoder} (image, labels at 128 and 64, boundary map and
 * the {@link io.github.faceparse4j.rnngate.train.BoundarySampler} mask) {@code -> FaceBatchIterator ->}
 * {@link io.github.faceparse4j.rnngate.train.RnnGTrainer} (progress, validation F, checkpoints, resume)
 * {@code -> ModelFile}; {@link io.github.faceparse4j.rnngate.train.RnnGEvaluator} prints a trained model's scores
 * beside the paper's tables using {@link io.github.faceparse4j.rnngate.train.ParsingEvaluation}.
 */
package io.github.faceparse4j.rnngate.train;
