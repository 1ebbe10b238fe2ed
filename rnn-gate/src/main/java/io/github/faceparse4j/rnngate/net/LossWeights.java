package io.github.faceparse4j.rnngate.net;

/**
 * How much each of the three losses counts in the training objective
 * {@code finalLoss * L_final + coarse * L_coarse + gate * L_gate}. The paper gives no weights (Caffe's default is 1
 * for every loss layer); {@link #PAPER_DEFAULT} uses 1, 1, 1. A weight of 0 keeps the head but stops its loss from
 * training the network. Outputs a variant does not have ignore their weight.
 *
 * @param finalLoss weight of the full-resolution label loss, positive
 * @param coarse    weight of the CNN label loss on X, at least 0
 * @param gate      weight of the boundary loss on G, at least 0
 */
public record LossWeights(double finalLoss, double coarse, double gate) {

    /** Every loss weighted 1. */
    public static final LossWeights PAPER_DEFAULT = new LossWeights(1, 1, 1);

    /** @throws IllegalArgumentException if a weight is negative or not finite, or the final weight is 0 */
    public LossWeights {
        if (!(finalLoss > 0) || !Double.isFinite(finalLoss)) {
            throw new IllegalArgumentException("The final loss weight must be positive and finite, got " + finalLoss);
        }
        if (!(coarse >= 0) || !Double.isFinite(coarse) || !(gate >= 0) || !Double.isFinite(gate)) {
            throw new IllegalArgumentException("Loss weights must be finite and at least 0, got coarse " + coarse
                    + ", gate " + gate);
        }
    }

    /** The weight of {@code output}. */
    public double of(RnnGOutput output) {
        return switch (output) {
            case FINAL -> finalLoss;
            case COARSE -> coarse;
            case GATE -> gate;
        };
    }
}
