/**
 * The RNN-G first-stage network (Liu et al., "Face Parsing via Recurrent Propagation", Figure 1): a shallow CNN
 * whose upsampled features are split into a label representation X and a gate G, propagated by the four-direction
 * gated recurrence of {@link io.github.faceparse4j.rnngate.layer.GateRecurrenceLayer}, and supervised by three
 * losses.
 *
 * <ul>
 *   <li>{@link io.github.faceparse4j.rnngate.net.RnnGNetwork}: builder of the DL4J {@code ComputationGraph} for
 *       the paper's three ablation {@link io.github.faceparse4j.rnngate.net.Variant}s, with its
 *       {@link io.github.faceparse4j.rnngate.net.RnnGOutput}s, {@link io.github.faceparse4j.rnngate.net.LossWeights}
 *       and a swappable {@link io.github.faceparse4j.rnngate.net.Upsampler};</li>
 *   <li>{@link io.github.faceparse4j.rnngate.net.RnnGModel}: a trained network with its metadata, for inference on
 *       whole aligned faces at 128 x 128.</li>
 * </ul>
 *
 * <p>Layouts are NCHW: input {@code [N, 3, 128, 128]}, parsing scores {@code [N, K, 128, 128]}.
 */
package io.github.faceparse4j.rnngate.net;
