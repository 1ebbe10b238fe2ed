package io.github.faceparse4j.rnngate.op;

/**
 * Scans the lines of one {@link LaneBlock} in one precision. Implementations own scratch arrays and are therefore
 * confined to one thread at a time ({@link CpuGateKernel} keeps one per worker thread).
 */
interface LaneScan {

    /**
     * Runs both directions of the block's axis and writes the node-wise max (and winners) into the output buffers.
     *
     * @param merge whether to merge with what an earlier axis wrote there (else overwrite)
     */
    void forward(ScanProblem problem, LaneBlock block, boolean merge);

    /**
     * Back-propagates both directions of the block's axis: writes (or, with {@code accumulate}, adds) dX and dG for
     * the block and adds the block's share of dW [d][r][c] and db [d][r] into {@code dWeights} and {@code dBiases}.
     */
    void backward(ScanProblem problem, LaneBlock block, boolean accumulate, double[] dWeights, double[] dBiases);
}
