package io.github.faceparse4j.rnngate.op;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The four-direction spatially variant gated recurrence of RNN-G (paper section 3.2, eq. 3 and 4).
 *
 * <p>Every row is scanned left→right and right→left and every column top→bottom and bottom→top; along a line the
 * hidden node is, in {@link GateMode#LINEAR}, {@code h_i = x_i + g_i ⊙ (W_d h_{i-1} + b_d)} with
 * {@code h_{-1} = 0}. The four hidden maps are merged by a node-wise max; on exact ties the direction with the lower
 * {@link ScanDirection#ordinal()} wins, a NaN always wins. The backward pass is back-propagation through time along
 * each line, where each node's output gradient enters only the direction that won it.
 *
 * <p>Tensor layouts: X, G and H are [N, C, H, W]; W is [4, C, C]; b is [4, C]; the winner map is [N, C, H, W] of
 * type BYTE. This class checks every argument and throws IllegalArgumentException naming the operand and its shape
 * or type; then it hands the work to a {@link GateKernel} ({@link CpuGateKernel} unless another is chosen).
 *
 * <pre>{@code
 * GateRecurrence op = GateRecurrence.builder().setMode(GateMode.LINEAR).build();
 * GateInputs in = GateInputs.of(x, g, w, b);
 * RecurrenceOutput out = op.forward(in);
 * RecurrenceGradients grads = op.backward(in, out.winners(), dLossDHidden);
 * }</pre>
 *
 * <p>Stability is the caller's business: the paper keeps |g| ≤ 1 and ‖W_d‖ ≤ 1; the layer does this (tanh or sigmoid
 * on the gate, {@code RecurrentWeightNormConstraint} on W). Immutable and thread-safe.
 */
public final class GateRecurrence {

    private final GateMode mode;
    private final GateKernel kernel;

    private GateRecurrence(Builder builder) {
        this.mode = builder.mode;
        this.kernel = builder.kernel;
    }

    /** A builder; {@link Builder#setMode} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The gate mode. */
    public GateMode mode() {
        return mode;
    }

    /** The kernel that runs the scans. */
    public GateKernel kernel() {
        return kernel;
    }

    /**
     * Runs the forward pass into fresh arrays.
     *
     * @throws IllegalArgumentException when the operands do not fit the mode, see {@link GateInputs}
     */
    public RecurrenceOutput forward(GateInputs inputs) {
        checkInputs(inputs);
        long[] shape = inputs.shape().toLongArray();
        RecurrenceOutput out = new RecurrenceOutput(Nd4j.createUninitialized(inputs.dataType(), shape),
                Nd4j.createUninitialized(DataType.BYTE, shape));
        kernel.forward(mode, inputs, out.hidden(), out.winners());
        return out;
    }

    /**
     * Runs the forward pass into the given arrays.
     *
     * @param hidden  receives H; the shape and type of X, contiguous maps
     * @param winners receives the winner map; the shape of X, type BYTE, contiguous maps
     * @throws IllegalArgumentException when an operand or output does not fit
     */
    public void forward(GateInputs inputs, INDArray hidden, INDArray winners) {
        checkInputs(inputs);
        checkMapArray(hidden, "H", inputs, inputs.dataType());
        checkMapArray(winners, "winners", inputs, DataType.BYTE);
        kernel.forward(mode, inputs, hidden, winners);
    }

    /**
     * Runs the backward pass into fresh arrays.
     *
     * @param winners the winner map of the forward pass over the same inputs
     * @param dHidden dLoss/dH [N, C, H, W] in the type of X
     * @throws IllegalArgumentException when an operand does not fit
     */
    public RecurrenceGradients backward(GateInputs inputs, INDArray winners, INDArray dHidden) {
        checkInputs(inputs);
        RecurrenceGradients gradients = RecurrenceGradients.allocate(mode, inputs.shape(), inputs.dataType());
        backward(inputs, winners, dHidden, gradients);
        return gradients;
    }

    /**
     * Runs the backward pass into the given arrays, overwriting them.
     *
     * @param gradients the arrays to fill: one per operand the mode has, none for the others
     * @throws IllegalArgumentException when an operand or gradient array does not fit
     */
    public void backward(GateInputs inputs, INDArray winners, INDArray dHidden, RecurrenceGradients gradients) {
        checkInputs(inputs);
        checkMapArray(winners, "winners", inputs, DataType.BYTE);
        Objects.requireNonNull(dHidden, "dH");
        checkSameShape(dHidden, "dH", inputs, inputs.dataType());
        INDArray contiguousDHidden = PlaneLayout.contiguous(dHidden);
        checkMapArray(gradients.dX(), "dX", inputs, inputs.dataType());
        checkPresence(gradients.dGate(), mode.hasGate(), "dG");
        if (mode.hasGate()) {
            checkMapArray(gradients.dGate(), "dG", inputs, inputs.dataType());
        }
        checkPresence(gradients.dWeights(), mode.hasRecurrentWeights(), "dW");
        checkPresence(gradients.dBiases(), mode.hasRecurrentWeights(), "db");
        if (mode.hasRecurrentWeights()) {
            checkSameShape(gradients.dWeights(), "dW", inputs.weights(), inputs.dataType());
            checkSameShape(gradients.dBiases(), "db", inputs.biases(), inputs.dataType());
        }
        kernel.backward(mode, inputs, winners, contiguousDHidden, gradients);
    }

    private void checkInputs(GateInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        checkPresence(inputs.gate(), mode.hasGate(), "G");
        checkPresence(inputs.weights(), mode.hasRecurrentWeights(), "W and b");
        String reason = kernel.unsupportedReason(mode, inputs.shape(), inputs.dataType());
        if (reason != null) {
            throw new IllegalArgumentException(kernel.name() + " cannot run " + mode + " on " + inputs.shape()
                    + " " + inputs.dataType() + ": " + reason);
        }
    }

    private void checkPresence(Object operand, boolean required, String name) {
        if (required && operand == null) {
            throw new IllegalArgumentException(mode + " needs " + name);
        }
        if (!required && operand != null) {
            throw new IllegalArgumentException(mode + " takes no " + name);
        }
    }

    private static void checkMapArray(INDArray array, String name, GateInputs inputs, DataType type) {
        Objects.requireNonNull(array, name);
        checkSameShape(array, name, inputs, type);
        if (!PlaneLayout.hasContiguousMaps(array)) {
            throw new IllegalArgumentException(name + " must have contiguous c-order maps, got strides "
                    + Arrays.toString(array.stride()));
        }
    }

    private static void checkSameShape(INDArray array, String name, GateInputs inputs, DataType type) {
        checkSameShape(array, name, inputs.x(), type);
    }

    private static void checkSameShape(INDArray array, String name, INDArray like, DataType type) {
        if (!Arrays.equals(array.shape(), like.shape())) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(like.shape()) + ", got "
                    + Arrays.toString(array.shape()));
        }
        if (array.dataType() != type) {
            throw new IllegalArgumentException(name + " must have data type " + type + ", got " + array.dataType());
        }
    }

    /** Builds a {@link GateRecurrence}. */
    public static final class Builder {

        private GateMode mode;
        private GateKernel kernel = CpuGateKernel.shared();

        private Builder() {
        }

        /** The gate mode (required). */
        public Builder setMode(GateMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The kernel (default: {@link CpuGateKernel#shared()}). */
        public Builder optKernel(GateKernel kernel) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            return this;
        }

        /** The configured op. */
        public GateRecurrence build() {
            if (mode == null) {
                throw new IllegalStateException("setMode is required");
            }
            return new GateRecurrence(this);
        }
    }
}
