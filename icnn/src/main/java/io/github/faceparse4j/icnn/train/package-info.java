/**
 * Training the five iCNNs: the sample encoders for stage 1 ({@link io.github.faceparse4j.icnn.train.Stage1Encoder})
 * and the part networks ({@link io.github.faceparse4j.icnn.train.PartCropEncoder}, crops around true centres with
 * jitter), and {@link io.github.faceparse4j.icnn.train.IcnnTrainer}, which trains one network with progress,
 * validation and resumable checkpoints.
 */
package io.github.faceparse4j.icnn.train;
