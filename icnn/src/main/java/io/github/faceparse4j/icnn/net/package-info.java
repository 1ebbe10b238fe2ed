/**
 * The interlinked CNN itself: {@link io.github.faceparse4j.icnn.net.InterlinkedCnn} builds the network of Zhou, Hu
 * and Zhang as a DL4J {@code ComputationGraph} ({@code [N, 3, H, W]} in, {@code [N, L, H, W]} softmax out);
 * {@link io.github.faceparse4j.icnn.net.IcnnModel} names the five networks of the two-stage pipeline and what their
 * model files declare; {@link io.github.faceparse4j.icnn.net.ClassMaps} converts between class maps and tensors.
 */
package io.github.faceparse4j.icnn.net;
