package io.github.faceparse4j.rnngate.net;

/**
 * The supervised outputs (loss layers) of an RNN-G graph. For input {@code [N, 3, S, S]} and {@code K} classes:
 *
 * <ul>
 *   <li>{@link #FINAL}: the parsing, softmax scores {@code [N, K, S, S]}, per-pixel cross-entropy against one-hot
 *       labels at full size (Figure 1(d) of the paper);</li>
 *   <li>{@link #COARSE}: the CNN's label candidates from X, softmax scores {@code [N, K, S/2, S/2]}, cross-entropy
 *       against the labels resized (nearest) to half size (Figure 1(b));</li>
 *   <li>{@link #GATE}: a sigmoid map {@code [N, 1, S/2, S/2]} from G, binary cross-entropy against the
 *       {@code BoundaryMap} (0 on label boundaries, 1 elsewhere), counted only where the label mask is 1: every
 *       boundary pixel plus five times as many random others (Figure 1(c)).</li>
 * </ul>
 */
public enum RnnGOutput {

    FINAL("final", 1),
    COARSE("coarse", 2),
    GATE("gate", 2);

    /** Name of the loss layer in the graph. */
    private final String vertexName;
    /** The output side is the input side divided by this. */
    private final int downscale;

    RnnGOutput(String vertexName, int downscale) {
        this.vertexName = vertexName;
        this.downscale = downscale;
    }

    /** Name of this output's loss layer in the {@code ComputationGraph}. */
    public String vertexName() {
        return vertexName;
    }

    /** Side length of this output for an input of side {@code inputSize}. */
    public int size(int inputSize) {
        return inputSize / downscale;
    }

    /** Channels of this output for {@code numClasses} classes: K, or 1 for the gate. */
    public int channels(int numClasses) {
        return this == GATE ? 1 : numClasses;
    }

    /** Whether the output's loss is restricted by a per-pixel label mask {@code [N, 1, H, W]}. */
    public boolean isMasked() {
        return this == GATE;
    }
}
