/**
 * Inference with trained iCNNs: stage 1 ({@link io.github.faceparse4j.icnn.parse.PartLocalizer}) finds the part
 * centres on the face resized to 64 x 64; stage 2 ({@link io.github.faceparse4j.icnn.parse.PartParser}, one
 * {@link io.github.faceparse4j.icnn.parse.PartNetwork} per part type) labels the crops of the 256 x 256 face and
 * pastes them into one HELEN-11 map. Faces are expected aligned and cropped like the training data.
 */
package io.github.faceparse4j.icnn.parse;
