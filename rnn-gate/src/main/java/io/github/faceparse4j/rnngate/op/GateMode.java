package io.github.faceparse4j.rnngate.op;

/**
 * How the gate {@code g_i} couples a node to its predecessor {@code h_{i-1}} along a scan line.
 *
 * <p>Every mode scans with {@code h_{-1} = 0}: the first node of a line sees a zero predecessor, so the same formula
 * holds at every position (in {@link #LINEAR} and {@link #UNGATED} the first node still receives the bias through
 * {@code W·0 + b = b}).
 */
public enum GateMode {

    /**
     * The spatially variant RNN of RNN-G (paper eq. 3): {@code h_i = x_i + g_i ⊙ (W_d h_{i-1} + b_d)}, with a learned
     * C×C matrix {@code W_d} and C-vector {@code b_d} per direction. Stable for {@code |g| ≤ 1} and
     * {@code ‖W_d‖_∞ ≤ 1}.
     */
    LINEAR(true, true),

    /**
     * The convex propagation of the authors' later spatial propagation work:
     * {@code h_i = (1 − g_i) ⊙ x_i + g_i ⊙ h_{i-1}} with {@code g ∈ [0, 1]}; no weights.
     */
    CONVEX(true, false),

    /**
     * The spatially invariant RNN used as the ablation baseline: {@link #LINEAR} with {@code g ≡ 1}, so no gate input:
     * {@code h_i = x_i + W_d h_{i-1} + b_d}.
     */
    UNGATED(false, true);

    private final boolean gated;
    private final boolean weighted;

    GateMode(boolean gated, boolean weighted) {
        this.gated = gated;
        this.weighted = weighted;
    }

    /** Whether this mode takes a gate input G of the same shape as X. */
    public boolean hasGate() {
        return gated;
    }

    /** Whether this mode has the learned recurrent weights W [4, C, C] and biases b [4, C]. */
    public boolean hasRecurrentWeights() {
        return weighted;
    }
}
