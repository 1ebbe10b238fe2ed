package io.github.faceparse4j.rnngate.layer;

import java.util.Arrays;
import java.util.Set;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps every recurrent matrix W_d within ‖W_d‖_∞ ≤ {@code maxNorm} (1 by default), as RNN-G requires for a stable
 * linear recurrence: with |g| ≤ 1 the state then satisfies ‖h_i‖_∞ ≤ ‖x_i‖_∞ + ‖b‖_∞ + ‖h_{i-1}‖_∞, so it can grow at
 * most linearly along a line instead of exponentially.
 *
 * <p>The ∞-norm (largest absolute row sum) is exact and cheap to compute, and bounds the 2-norm growth as well in the
 * sense above. A matrix whose norm exceeds the limit is scaled as a whole, which keeps its direction; a matrix within
 * the limit is left alone, so the constraint is a projection and applying it twice changes nothing (DL4J's
 * {@link BaseConstraint#applyConstraint} does call it twice per parameter). DL4J applies constraints after every
 * updater step, so this works with any updater. Applied to the layer's "W" parameter of shape [4, C, C].
 */
public class RecurrentWeightNormConstraint extends BaseConstraint {

    private double maxNorm = 1.0;

    /** For JSON deserialisation. */
    public RecurrentWeightNormConstraint() {
    }

    /**
     * A constraint with the given bound, applied to the named parameters.
     *
     * @param maxNorm    the largest allowed ∞-norm of each W_d, positive
     * @param paramNames the parameters to constrain (each of shape [D, C, C])
     */
    public RecurrentWeightNormConstraint(double maxNorm, Set<String> paramNames) {
        super(paramNames);
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public void apply(INDArray param) {
        project(param, maxNorm);
    }

    /**
     * Scales each matrix W_d of a [D, C, C] array in place so that ‖W_d‖_∞ ≤ maxNorm.
     *
     * @throws IllegalArgumentException if the array is not [D, C, C]
     */
    public static void project(INDArray weights, double maxNorm) {
        long[] shape = weights.shape();
        if (shape.length != 3 || shape[1] != shape[2]) {
            throw new IllegalArgumentException("expected recurrent weights [D, C, C], got "
                    + Arrays.toString(shape));
        }
        for (long d = 0; d < shape[0]; d++) {
            double norm = infinityNorm(weights, d);
            if (norm > maxNorm) {
                scale(weights, d, maxNorm / norm);
            }
        }
    }

    // C is small, and element access works on any parameter view: sub-array views of DL4J's flattened parameter
    // vector come out empty from INDArray.get(point(d), all(), all()) in ND4J 1.0.0-M2.1.
    private static void scale(INDArray weights, long d, double factor) {
        long channels = weights.size(1);
        for (long r = 0; r < channels; r++) {
            for (long c = 0; c < channels; c++) {
                weights.putScalar(new long[] {d, r, c}, weights.getDouble(d, r, c) * factor);
            }
        }
    }

    /** The largest absolute row sum of matrix d of a [D, C, C] array. */
    public static double infinityNorm(INDArray weights, long d) {
        long channels = weights.size(1);
        double norm = 0;
        for (long r = 0; r < channels; r++) {
            double rowSum = 0;
            for (long c = 0; c < channels; c++) {
                rowSum += Math.abs(weights.getDouble(d, r, c));
            }
            norm = Math.max(norm, rowSum);
        }
        return norm;
    }

    /** The bound on each W_d. */
    public double getMaxNorm() {
        return maxNorm;
    }

    /** Sets the bound (for JSON). */
    public void setMaxNorm(double maxNorm) {
        this.maxNorm = maxNorm;
    }

    @Override
    public RecurrentWeightNormConstraint clone() {
        return new RecurrentWeightNormConstraint(maxNorm, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentWeightNormConstraint other && super.equals(o) && other.maxNorm == maxNorm;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(maxNorm);
    }
}
