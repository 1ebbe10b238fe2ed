package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradients of the loss with respect to the operands of a recurrence, in the shapes of {@link GateInputs}:
 * dX and dG [N, C, H, W], dW [4, C, C], db [4, C]. The gradients of absent operands are {@code null}.
 *
 * <p>A kernel overwrites every present array. dX and dG may be channel slices of a larger array (their maps must be
 * contiguous, see {@link PlaneLayout}): the layer passes the two halves of its [N, 2C, H, W] input gradient.
 *
 * @param dX       the gradient of X
 * @param dGate    the gradient of G, or {@code null} for {@link GateMode#UNGATED}
 * @param dWeights the gradient of W, or {@code null} for {@link GateMode#CONVEX}
 * @param dBiases  the gradient of b, or {@code null} for {@link GateMode#CONVEX}
 */
public record RecurrenceGradients(INDArray dX, INDArray dGate, INDArray dWeights, INDArray dBiases) {

    /** Fresh arrays for the gradients of one mode, shape and data type. */
    public static RecurrenceGradients allocate(GateMode mode, GateShape shape, DataType type) {
        long c = shape.channels();
        return new RecurrenceGradients(
                Nd4j.createUninitialized(type, shape.toLongArray()),
                mode.hasGate() ? Nd4j.createUninitialized(type, shape.toLongArray()) : null,
                mode.hasRecurrentWeights() ? Nd4j.createUninitialized(type, ScanDirection.COUNT, c, c) : null,
                mode.hasRecurrentWeights() ? Nd4j.createUninitialized(type, ScanDirection.COUNT, c) : null);
    }
}
