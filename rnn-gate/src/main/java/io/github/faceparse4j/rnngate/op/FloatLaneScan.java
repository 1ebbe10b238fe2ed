package io.github.faceparse4j.rnngate.op;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link LaneScan} in single precision: the CPU kernel's arithmetic.
 *
 * <p>All work happens in heap scratch laid out as [C][steps][lanes]: one step of every line of the block is a
 * contiguous row, so each update below is a loop over lanes that the JIT vectorises; no ND4J op runs per step.
 * The recurrent state h_{i-1} of all lines is kept as [C][lanes] ({@code prev}).
 *
 * <p><b>Template.</b> The build generates {@code DoubleLaneScan} from this file by replacing every "float" with
 * "double" and "Float" with "Double" (antrun execution {@code double-kernel} in rnn-gate/pom.xml), so the two
 * precisions cannot drift apart. Edit only this file.
 */
final class FloatLaneScan implements LaneScan {

    private static final float[] NONE = {};

    // Block scratch, [C][steps][lanes].
    private float[] xs = NONE;
    private float[] gs = NONE;
    /** Forward: the merged hidden map. Backward: staging to add this block's dX and dG to earlier ones. */
    private float[] hs = NONE;
    /** Backward: per node the recomputed pre-gate term W h_{i-1} + b (LINEAR, UNGATED) or hidden h_i (CONVEX). */
    private float[] as = NONE;
    private float[] dhs = NONE;
    private float[] dxs = NONE;
    private float[] dgs = NONE;
    private byte[] wins = {};
    // Line state of all lanes, [C][lanes].
    private float[] prev = NONE;
    private float[] cur = NONE;
    private float[] err = NONE;
    private float[] carry = NONE;
    // Per-lane sums of the weight gradients of the block's two directions, [2][C][C][lanes] and [2][C][lanes]:
    // summing over lanes only once, at the end, keeps the inner loops free of reductions.
    private float[] dwLanes = NONE;
    private float[] dbLanes = NONE;
    // Transpose staging for horizontal blocks, [lanes][W].
    private float[] stage = NONE;
    private byte[] winStage = {};

    @Override
    public void forward(ScanProblem problem, LaneBlock block, boolean merge) {
        GateShape shape = problem.shape;
        int channels = shape.channels();
        int steps = block.steps(shape);
        int lanes = block.lanes();
        allocate(channels, steps, lanes, shape.width(), false);
        read(problem, problem.x, block, xs);
        if (problem.mode.hasGate()) {
            read(problem, problem.gate, block, gs);
        }
        if (merge) {
            read(problem, problem.hidden, block, hs);
            readWinners(problem, block);
        }
        ScanDirection[] directions = block.directions();
        for (int k = 0; k < directions.length; k++) {
            scan(problem, directions[k], steps, lanes, !merge && k == 0, false);
        }
        write(problem, problem.hidden, block, hs);
        ByteBuffer winners = problem.winners.bytes();
        BlockTransfer.write(shape, block, problem.winners.mapStart(block.sample()), winners::put,
                BlockTransfer::transposeBytes, winStage, wins);
    }

    @Override
    public void backward(ScanProblem problem, LaneBlock block, boolean accumulate, double[] dWeights,
            double[] dBiases) {
        GateShape shape = problem.shape;
        int channels = shape.channels();
        int steps = block.steps(shape);
        int lanes = block.lanes();
        int size = channels * steps * lanes;
        allocate(channels, steps, lanes, shape.width(), true);
        boolean gated = problem.mode.hasGate();
        boolean weighted = problem.mode.hasRecurrentWeights();
        read(problem, problem.x, block, xs);
        if (gated) {
            read(problem, problem.gate, block, gs);
            Arrays.fill(dgs, 0, size, 0);
        }
        read(problem, problem.hidden, block, dhs);
        readWinners(problem, block);
        Arrays.fill(dxs, 0, size, 0);
        if (weighted) {
            Arrays.fill(dwLanes, 0, 2 * channels * channels * lanes, 0);
            Arrays.fill(dbLanes, 0, 2 * channels * lanes, 0);
        }
        ScanDirection[] directions = block.directions();
        for (int k = 0; k < directions.length; k++) {
            scan(problem, directions[k], steps, lanes, false, true);
            if (weighted) {
                backScanWeighted(problem, directions[k], k, steps, lanes);
            } else {
                backScanConvex(problem, directions[k], steps, lanes);
            }
        }
        if (weighted) {
            reduceWeightGradients(block, channels, lanes, dWeights, dBiases);
        }
        store(problem, problem.dX, block, dxs, accumulate, size);
        if (gated) {
            store(problem, problem.dGate, block, dgs, accumulate, size);
        }
    }

    /**
     * Scans all lines of the block in one direction. With {@code record} it stores per node what the backward pass
     * needs in {@code as}; otherwise it merges each node into {@code hs} (overwriting when {@code first}).
     */
    private void scan(ScanProblem problem, ScanDirection direction, int steps, int lanes, boolean first,
            boolean record) {
        GateMode mode = problem.mode;
        int channels = problem.shape.channels();
        float[] weights = problem.floatWeights();
        float[] biases = problem.floatBiases();
        int d = direction.ordinal();
        byte code = (byte) d;
        Arrays.fill(prev, 0, channels * lanes, 0);
        for (int s = 0; s < steps; s++) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            for (int r = 0; r < channels; r++) {
                int ro = r * lanes;
                int io = (r * steps + step) * lanes;
                if (mode == GateMode.CONVEX) {
                    for (int m = 0; m < lanes; m++) {
                        float x = xs[io + m];
                        cur[ro + m] = x + gs[io + m] * (prev[ro + m] - x);
                    }
                    if (record) {
                        System.arraycopy(cur, ro, as, io, lanes);
                    }
                } else {
                    preGate(weights, (d * channels + r) * channels, biases[d * channels + r], channels, lanes, ro,
                            s > 0);
                    if (record) {
                        System.arraycopy(cur, ro, as, io, lanes);
                    }
                    if (mode == GateMode.LINEAR) {
                        for (int m = 0; m < lanes; m++) {
                            cur[ro + m] = xs[io + m] + gs[io + m] * cur[ro + m];
                        }
                    } else {
                        for (int m = 0; m < lanes; m++) {
                            cur[ro + m] += xs[io + m];
                        }
                    }
                }
                if (!record) {
                    merge(io, ro, lanes, code, first);
                }
            }
            float[] swap = prev;
            prev = cur;
            cur = swap;
        }
    }

    /** {@code cur[row r] = b_r + Σ_c W[r, c] · prev[row c]}; the sum is skipped on the first step (h_{-1} = 0). */
    private void preGate(float[] weights, int weightRow, float bias, int channels, int lanes, int ro,
            boolean hasPrevious) {
        Arrays.fill(cur, ro, ro + lanes, bias);
        if (!hasPrevious) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            float w = weights[weightRow + c];
            int co = c * lanes;
            for (int m = 0; m < lanes; m++) {
                cur[ro + m] += w * prev[co + m];
            }
        }
    }

    /** Merges one row of fresh hidden values into the running max; a NaN always takes the node. */
    private void merge(int io, int ro, int lanes, byte code, boolean first) {
        if (first) {
            System.arraycopy(cur, ro, hs, io, lanes);
            Arrays.fill(wins, io, io + lanes, code);
            return;
        }
        for (int m = 0; m < lanes; m++) {
            float h = cur[ro + m];
            if (h > hs[io + m] || h != h) {
                hs[io + m] = h;
                wins[io + m] = code;
            }
        }
    }

    /**
     * BPTT for LINEAR and UNGATED (eq. 4). Going against the scan, with δ_i the gradient of h_i and
     * e_i = g_i ⊙ δ_i the gradient of the pre-gate term a_i = W h_{i-1} + b:
     * δ_i = [won_i] dH_i + W^T e_{i+1}, dx_i = δ_i, dg_i = δ_i ⊙ a_i, dW += e_i h_{i-1}^T, db += e_i.
     */
    private void backScanWeighted(ScanProblem problem, ScanDirection direction, int k, int steps, int lanes) {
        boolean gated = problem.mode.hasGate();
        int channels = problem.shape.channels();
        float[] weights = problem.floatWeights();
        int weightBase = direction.ordinal() * channels * channels;
        byte code = (byte) direction.ordinal();
        int dwBase = k * channels * channels * lanes;
        int dbBase = k * channels * lanes;
        Arrays.fill(carry, 0, channels * lanes, 0);
        for (int s = steps - 1; s >= 0; s--) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            for (int r = 0; r < channels; r++) {
                int ro = r * lanes;
                int io = (r * steps + step) * lanes;
                for (int m = 0; m < lanes; m++) {
                    float delta = carry[ro + m] + (wins[io + m] == code ? dhs[io + m] : 0);
                    dxs[io + m] += delta;
                    err[ro + m] = delta;
                }
                if (gated) {
                    for (int m = 0; m < lanes; m++) {
                        float delta = err[ro + m];
                        dgs[io + m] += delta * as[io + m];
                        err[ro + m] = gs[io + m] * delta;
                    }
                }
                for (int m = 0; m < lanes; m++) {
                    dbLanes[dbBase + ro + m] += err[ro + m];
                }
            }
            if (s == 0) {
                break;
            }
            int before = direction.isReversed() ? step + 1 : step - 1;
            for (int c = 0; c < channels; c++) {
                int co = c * lanes;
                int po = (c * steps + before) * lanes;
                for (int m = 0; m < lanes; m++) {
                    prev[co + m] = xs[po + m] + (gated ? gs[po + m] * as[po + m] : as[po + m]);
                }
            }
            for (int r = 0; r < channels; r++) {
                int ro = r * lanes;
                for (int c = 0; c < channels; c++) {
                    int co = c * lanes;
                    int wo = dwBase + (r * channels + c) * lanes;
                    for (int m = 0; m < lanes; m++) {
                        dwLanes[wo + m] += err[ro + m] * prev[co + m];
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                int co = c * lanes;
                Arrays.fill(carry, co, co + lanes, 0);
                for (int r = 0; r < channels; r++) {
                    float w = weights[weightBase + r * channels + c];
                    int ro = r * lanes;
                    for (int m = 0; m < lanes; m++) {
                        carry[co + m] += w * err[ro + m];
                    }
                }
            }
        }
    }

    /**
     * BPTT for CONVEX, h_i = x_i + g_i ⊙ (h_{i-1} − x_i): δ_i = [won_i] dH_i + g_{i+1} ⊙ δ_{i+1},
     * dx_i = (1 − g_i) ⊙ δ_i, dg_i = δ_i ⊙ (h_{i-1} − x_i). Channels do not mix.
     */
    private void backScanConvex(ScanProblem problem, ScanDirection direction, int steps, int lanes) {
        int channels = problem.shape.channels();
        byte code = (byte) direction.ordinal();
        Arrays.fill(carry, 0, channels * lanes, 0);
        for (int s = steps - 1; s >= 0; s--) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            int before = direction.isReversed() ? step + 1 : step - 1;
            for (int r = 0; r < channels; r++) {
                int ro = r * lanes;
                int io = (r * steps + step) * lanes;
                int po = (r * steps + before) * lanes;
                for (int m = 0; m < lanes; m++) {
                    float delta = carry[ro + m] + (wins[io + m] == code ? dhs[io + m] : 0);
                    float x = xs[io + m];
                    float g = gs[io + m];
                    float previous = s > 0 ? as[po + m] : 0;
                    dxs[io + m] += (1 - g) * delta;
                    dgs[io + m] += delta * (previous - x);
                    carry[ro + m] = g * delta;
                }
            }
        }
    }

    /** Sums the per-lane weight gradients of the block's two directions into the call's [d][r][c] and [d][r]. */
    private void reduceWeightGradients(LaneBlock block, int channels, int lanes, double[] dWeights,
            double[] dBiases) {
        ScanDirection[] directions = block.directions();
        for (int k = 0; k < directions.length; k++) {
            int d = directions[k].ordinal();
            for (int rc = 0; rc < channels * channels; rc++) {
                dWeights[d * channels * channels + rc] += sum(dwLanes, (k * channels * channels + rc) * lanes, lanes);
            }
            for (int r = 0; r < channels; r++) {
                dBiases[d * channels + r] += sum(dbLanes, (k * channels + r) * lanes, lanes);
            }
        }
    }

    private static double sum(float[] values, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += values[i];
        }
        return sum;
    }

    private void store(ScanProblem problem, MapBuffer target, LaneBlock block, float[] values, boolean accumulate,
            int size) {
        if (accumulate) {
            read(problem, target, block, hs);
            for (int i = 0; i < size; i++) {
                values[i] += hs[i];
            }
        }
        write(problem, target, block, values);
    }

    private void read(ScanProblem problem, MapBuffer source, LaneBlock block, float[] scratch) {
        FloatBuffer buffer = ScanProblem.floats(source);
        BlockTransfer.read(problem.shape, block, source.mapStart(block.sample()), buffer::get,
                FloatLaneScan::transpose, stage, scratch);
    }

    private void write(ScanProblem problem, MapBuffer target, LaneBlock block, float[] scratch) {
        FloatBuffer buffer = ScanProblem.floats(target);
        BlockTransfer.write(problem.shape, block, target.mapStart(block.sample()), buffer::put,
                FloatLaneScan::transpose, stage, scratch);
    }

    private void readWinners(ScanProblem problem, LaneBlock block) {
        ByteBuffer winners = problem.winners.bytes();
        BlockTransfer.read(problem.shape, block, problem.winners.mapStart(block.sample()), winners::get,
                BlockTransfer::transposeBytes, winStage, wins);
    }

    /** {@link BlockTransfer.Transpose} for this precision. */
    private static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        for (int row = 0; row < rows; row++) {
            int from = srcOff + row * cols;
            for (int col = 0; col < cols; col++) {
                dst[dstOff + col * rows + row] = src[from + col];
            }
        }
    }

    private void allocate(int channels, int steps, int lanes, int width, boolean backward) {
        int blockSize = channels * steps * lanes;
        int lineSize = channels * lanes;
        int stageSize = lanes * width;
        xs = grow(xs, blockSize);
        gs = grow(gs, blockSize);
        hs = grow(hs, blockSize);
        wins = wins.length >= blockSize ? wins : new byte[blockSize];
        winStage = winStage.length >= stageSize ? winStage : new byte[stageSize];
        stage = grow(stage, stageSize);
        prev = grow(prev, lineSize);
        cur = grow(cur, lineSize);
        if (backward) {
            as = grow(as, blockSize);
            dhs = grow(dhs, blockSize);
            dxs = grow(dxs, blockSize);
            dgs = grow(dgs, blockSize);
            err = grow(err, lineSize);
            carry = grow(carry, lineSize);
            dwLanes = grow(dwLanes, 2 * channels * lineSize);
            dbLanes = grow(dbLanes, 2 * lineSize);
        }
    }

    private static float[] grow(float[] array, int size) {
        return array.length >= size ? array : new float[size];
    }
}
