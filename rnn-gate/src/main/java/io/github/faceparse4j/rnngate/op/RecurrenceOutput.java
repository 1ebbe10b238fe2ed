package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of a forward pass.
 *
 * @param hidden  H [N, C, H, W]: the node-wise max over the four directions, in the data type of X
 * @param winners [N, C, H, W] of data type BYTE: the {@link ScanDirection#ordinal()} that won each node, which the
 *                backward pass needs to route the gradient
 */
public record RecurrenceOutput(INDArray hidden, INDArray winners) {
}
