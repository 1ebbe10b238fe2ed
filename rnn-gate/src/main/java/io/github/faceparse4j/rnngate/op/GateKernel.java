package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An implementation of the four-direction gated recurrence: {@link CpuGateKernel} or the CUDA kernel.
 *
 * <p>{@link GateRecurrence} validates every argument before it calls a kernel, so a kernel may assume: the operands
 * the mode needs are present and no others, every [N, C, H, W] array (hidden, winners, gradients included) has
 * contiguous maps ({@link PlaneLayout}), shapes agree, the data type is FLOAT or DOUBLE and winners are BYTE.
 * Implementations must be safe to call from several threads at once.
 */
public interface GateKernel {

    /** A short name for logs and benchmarks. */
    String name();

    /**
     * Whether this kernel can run a problem; {@link GateRecurrence} reports it as an IllegalArgumentException.
     *
     * @return {@code null} when supported, else the reason
     */
    default String unsupportedReason(GateMode mode, GateShape shape, DataType type) {
        return null;
    }

    /**
     * Runs the four scans and merges them by node-wise max.
     *
     * @param hidden  receives H [N, C, H, W]
     * @param winners receives the winning direction of every node [N, C, H, W], BYTE
     */
    void forward(GateMode mode, GateInputs inputs, INDArray hidden, INDArray winners);

    /**
     * Back-propagates through time along every line of every direction; each node's gradient enters only the
     * direction that won it in the forward pass.
     *
     * @param winners   the winner map of the forward pass
     * @param dHidden   the gradient of the loss with respect to H [N, C, H, W]
     * @param gradients receives dX, dG, dW and db (every present array is overwritten)
     */
    void backward(GateMode mode, GateInputs inputs, INDArray winners, INDArray dHidden, RecurrenceGradients gradients);
}
