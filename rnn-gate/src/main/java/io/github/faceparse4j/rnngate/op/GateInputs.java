package io.github.faceparse4j.rnngate.op;

import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The operands of one recurrence: the input X [N, C, H, W], the gate G of the same shape, the recurrent weights
 * W [4, C, C] and the biases b [4, C] (index 0 of both is the direction's {@link ScanDirection#ordinal()}; row r of
 * W_d holds the weights of output channel r, so {@code (W_d h)_r = Σ_c W_d[r, c] h_c}).
 *
 * <p>Which operands are present depends on the {@link GateMode}: the gate is absent in {@link GateMode#UNGATED},
 * the weights and biases in {@link GateMode#CONVEX}. All present operands share one data type, FLOAT or DOUBLE.
 * Arrays whose maps are not contiguous (see {@link PlaneLayout}) are copied once here, so kernels always see
 * contiguous maps. Immutable; the arrays themselves are not copied otherwise and must not change while a kernel runs.
 */
public final class GateInputs {

    /** The data types the kernels implement. */
    public static final Set<DataType> SUPPORTED_TYPES = Set.of(DataType.FLOAT, DataType.DOUBLE);

    private final INDArray x;
    private final INDArray gate;
    private final INDArray weights;
    private final INDArray biases;
    private final GateShape shape;

    private GateInputs(INDArray x, INDArray gate, INDArray weights, INDArray biases) {
        this.shape = GateShape.of(x, "X");
        checkType(x, "X", x.dataType());
        if (gate != null) {
            checkType(gate, "G", x.dataType());
            if (!Arrays.equals(gate.shape(), x.shape())) {
                throw new IllegalArgumentException("G must have the shape of X " + shape + ", got "
                        + Arrays.toString(gate.shape()));
            }
        }
        if ((weights == null) != (biases == null)) {
            throw new IllegalArgumentException("W and b come together: got W " + (weights == null ? "absent" : "present")
                    + " and b " + (biases == null ? "absent" : "present"));
        }
        if (weights != null) {
            checkType(weights, "W", x.dataType());
            checkType(biases, "b", x.dataType());
            long c = shape.channels();
            checkShape(weights, "W", new long[] {ScanDirection.COUNT, c, c});
            checkShape(biases, "b", new long[] {ScanDirection.COUNT, c});
        }
        this.x = PlaneLayout.contiguous(x);
        this.gate = gate == null ? null : PlaneLayout.contiguous(gate);
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Operands for {@link GateMode#LINEAR}, or any mode when the caller passes {@code null} for what it lacks.
     *
     * @param x       the input X [N, C, H, W]
     * @param gate    the gate G [N, C, H, W], or {@code null} for {@link GateMode#UNGATED}
     * @param weights W [4, C, C], or {@code null} for {@link GateMode#CONVEX}
     * @param biases  b [4, C], or {@code null} for {@link GateMode#CONVEX}
     * @throws IllegalArgumentException on a shape or data type that does not fit
     */
    public static GateInputs of(INDArray x, INDArray gate, INDArray weights, INDArray biases) {
        if (x == null) {
            throw new IllegalArgumentException("X is required");
        }
        return new GateInputs(x, gate, weights, biases);
    }

    /** Operands for {@link GateMode#CONVEX}: X and G, no weights. */
    public static GateInputs convex(INDArray x, INDArray gate) {
        return of(x, gate, null, null);
    }

    /** Operands for {@link GateMode#UNGATED}: X, W and b, no gate. */
    public static GateInputs ungated(INDArray x, INDArray weights, INDArray biases) {
        return of(x, null, weights, biases);
    }

    private static void checkType(INDArray array, String name, DataType expected) {
        DataType type = array.dataType();
        if (!SUPPORTED_TYPES.contains(type)) {
            throw new IllegalArgumentException(name + " has data type " + type + "; supported: FLOAT, DOUBLE");
        }
        if (type != expected) {
            throw new IllegalArgumentException(name + " has data type " + type + " but X has " + expected);
        }
    }

    private static void checkShape(INDArray array, String name, long[] expected) {
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(array.shape()));
        }
    }

    /** X [N, C, H, W], with contiguous maps. */
    public INDArray x() {
        return x;
    }

    /** G [N, C, H, W] with contiguous maps, or {@code null} when absent. */
    public INDArray gate() {
        return gate;
    }

    /** W [4, C, C], or {@code null} when absent. */
    public INDArray weights() {
        return weights;
    }

    /** b [4, C], or {@code null} when absent. */
    public INDArray biases() {
        return biases;
    }

    /** The shape of X and G. */
    public GateShape shape() {
        return shape;
    }

    /** The data type of every operand. */
    public DataType dataType() {
        return x.dataType();
    }

    /** W flattened in c-order [d][r][c], in double; empty when absent. */
    public double[] weightsAsDoubles() {
        return weights == null ? new double[0] : weights.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** b flattened in c-order [d][r], in double; empty when absent. */
    public double[] biasesAsDoubles() {
        return biases == null ? new double[0] : biases.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
