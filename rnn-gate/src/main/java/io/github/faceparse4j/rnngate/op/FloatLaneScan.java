package io.github.faceparse4j.rnngate.op;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link LaneScan} in single precision: the CPU kernel's arithmetic.
 *
 * <p>All work happens in heap scratch of rows: row {@code c·steps + step} of a block array holds one step of all
 * lines of the block ({@link LaneBlock}), and the recurrent state h_{i-1} of all lines is kept as one row per
 * channel ({@code prev}). Every update is then a loop over lanes on whole rows starting at index 0, the form the
 * JIT vectorises (with different offsets into one flat array it does not); no ND4J op runs per step.
 *
 * <p><b>Template.</b> The build generates {@code DoubleLaneScan} from this file by replacing every "float" with
 * "double" and "Float" with "Double" (antrun execution {@code double-kernel} in rnn-gate/pom.xml), so the two
 * precisions cannot drift apart. Edit only this file.
 */
final class FloatLaneScan implements LaneScan {

    private static final float[][] NONE = {};

    // Block scratch, one row per (channel, step).
    private float[][] xs = NONE;
    private float[][] gs = NONE;
    /** Forward: the merged hidden map. Backward: staging to add this block's dX and dG to earlier ones. */
    private float[][] hs = NONE;
    /** Backward: per node the recomputed pre-gate term W h_{i-1} + b (LINEAR, UNGATED) or hidden h_i (CONVEX). */
    private float[][] as = NONE;
    private float[][] dhs = NONE;
    private float[][] dxs = NONE;
    private float[][] dgs = NONE;
    private byte[][] wins = {};
    // Merge scratch: one row of picks (see mergeBlock) and the spare row that receives a row's new maxima.
    private float[] picks = {};
    private float[] spare = {};
    // Line state of all lanes, one row per channel.
    private float[][] prev = NONE;
    private float[][] cur = NONE;
    private float[][] err = NONE;
    private float[][] carry = NONE;
    private float[] zeros = {};
    // Per-lane sums of the weight gradients of the block's two directions, rows [k][r][c] and [k][r]: summing over
    // lanes only once, at the end, keeps the inner loops free of reductions.
    private float[][] dwLanes = NONE;
    private float[][] dbLanes = NONE;
    // Transpose staging for horizontal blocks, [band][W].
    private float[] stage = {};
    private byte[] winStage = {};
    private int laneCapacity;

    @Override
    public void forward(ScanProblem problem, LaneBlock block, boolean merge) {
        GateShape shape = problem.shape;
        int steps = block.steps(shape);
        int lanes = block.lanes();
        allocate(shape.channels(), steps, lanes, block.bandWidth() * shape.width(), true);
        read(problem, problem.x, block, xs);
        if (problem.mode.hasGate()) {
            read(problem, problem.gate, block, gs);
        }
        if (merge) {
            read(problem, problem.hidden, block, hs);
            ByteBuffer winners = problem.winners.bytes();
            BlockTransfer.read(shape, block, problem.winners, winners::get, BlockTransfer.BYTES, winStage, wins);
        }
        ScanDirection[] directions = block.directions();
        scan(problem, directions[0], steps, lanes, as, false);
        scan(problem, directions[1], steps, lanes, dhs, false);
        mergeBlock(shape.channels() * steps, lanes, merge, (byte) directions[0].ordinal(),
                (byte) directions[1].ordinal());
        write(problem, problem.hidden, block, hs);
        ByteBuffer winners = problem.winners.bytes();
        BlockTransfer.write(shape, block, problem.winners, winners::put, BlockTransfer.BYTES, winStage, wins);
    }

    /**
     * Merges the block's two directions ({@code as}, then {@code dhs}) into the running max {@code hs} and its
     * winners, once per node after both scans: a later direction takes a node only when strictly greater, a NaN
     * always. Two passes per row. The first is float arithmetic only, which C2 vectorises: the new max, and per node
     * a pick (0 keeps the old winner, 1 takes the first direction, 2 the second) from how much each direction raised
     * the running max, through the step {@code min(1, d·MAX·MAX)}: 1 for d > 0, 0 for d = 0 (scaling twice lifts even
     * the smallest subnormal difference to at least 1). Java's max counts +0 above −0, as the comparison rule does not,
     * but a rise from −0 to +0 is a difference of 0 and takes nothing. The second pass, scalar, turns picks into
     * winner bytes with conditional moves; the rare nodes whose pick is NaN (NaN operands, or ∞ − ∞) are settled there
     * by the comparison rule itself.
     */
    private void mergeBlock(int rows, int lanes, boolean merge, byte first, byte second) {
        for (int row = 0; row < rows; row++) {
            float[] a = as[row];
            float[] b = dhs[row];
            float[] top = hs[row];
            float[] next = spare;
            if (!merge) {
                System.arraycopy(a, 0, top, 0, lanes);
            }
            for (int m = 0; m < lanes; m++) {
                float t = top[m];
                float topAfterFirst = Math.max(t, a[m]);
                float topAfterSecond = Math.max(topAfterFirst, b[m]);
                // Each difference is ≥ 0 by construction (or NaN), so the step needs no max(0, ·).
                float takeFirst = Math.min(1, (topAfterFirst - t) * Float.MAX_VALUE * Float.MAX_VALUE);
                float takeSecond = Math.min(1, (topAfterSecond - topAfterFirst) * Float.MAX_VALUE * Float.MAX_VALUE);
                picks[m] = takeFirst + takeSecond * (2 - takeFirst);
                next[m] = topAfterSecond;
            }
            byte[] winner = wins[row];
            for (int m = 0; m < lanes; m++) {
                float pick = picks[m];
                int old = merge ? winner[m] : first;
                int taken = pick == 1 ? first : second;
                int code = pick == 0 ? old : taken;
                if (pick != pick) {
                    code = settle(a[m], top[m], b[m], old, first, second);
                }
                winner[m] = (byte) code;
            }
            // The old maxima were needed until now (settle); the new row takes their place.
            spare = top;
            hs[row] = next;
        }
    }

    /** The merge rule for one node, with NaN and infinities: strictly greater or NaN takes it, in direction order. */
    private static int settle(float v, float top, float w, int old, byte first, byte second) {
        int code = (v > top | v != v) ? first : old;
        float topAfterFirst = Math.max(top, v);
        return (w > topAfterFirst | w != w) ? second : code;
    }

    @Override
    public void backward(ScanProblem problem, LaneBlock block, boolean accumulate, double[] dWeights,
            double[] dBiases) {
        GateShape shape = problem.shape;
        int channels = shape.channels();
        int steps = block.steps(shape);
        int lanes = block.lanes();
        int rows = channels * steps;
        allocate(channels, steps, lanes, block.bandWidth() * shape.width(), true);
        boolean gated = problem.mode.hasGate();
        boolean weighted = problem.mode.hasRecurrentWeights();
        read(problem, problem.x, block, xs);
        if (gated) {
            read(problem, problem.gate, block, gs);
            fill(dgs, rows, lanes);
        }
        read(problem, problem.hidden, block, dhs);
        ByteBuffer winners = problem.winners.bytes();
        BlockTransfer.read(shape, block, problem.winners, winners::get, BlockTransfer.BYTES, winStage, wins);
        fill(dxs, rows, lanes);
        if (weighted) {
            fill(dwLanes, 2 * channels * channels, lanes);
            fill(dbLanes, 2 * channels, lanes);
        }
        ScanDirection[] directions = block.directions();
        route(rows, lanes, (byte) directions[0].ordinal(), (byte) directions[1].ordinal());
        for (int k = 0; k < directions.length; k++) {
            scan(problem, directions[k], steps, lanes, as, true);
            if (weighted) {
                backScanWeighted(problem, directions[k], k, steps, lanes);
            } else {
                backScanConvex(problem, directions[k], k, steps, lanes);
            }
        }
        if (weighted) {
            reduceWeightGradients(block, channels, lanes, dWeights, dBiases);
        }
        store(problem, problem.dX, block, dxs, accumulate, rows, lanes);
        if (gated) {
            store(problem, problem.dGate, block, dgs, accumulate, rows, lanes);
        }
    }

    /**
     * Scans all lines of the block in one direction. With {@code preGate} it stores in {@code out} per node the
     * pre-gate term W h_{i-1} + b (the backward pass needs it; in CONVEX mode the hidden value), otherwise the hidden
     * value h_i. When {@code out} receives the hidden values, its rows also serve as the line state, so nothing is
     * copied; otherwise the state lives in {@code prev}/{@code cur}.
     */
    private void scan(ScanProblem problem, ScanDirection direction, int steps, int lanes, float[][] out,
            boolean preGate) {
        GateMode mode = problem.mode;
        int channels = problem.shape.channels();
        boolean stateInOut = !preGate || mode == GateMode.CONVEX;
        int before = 0;
        for (int s = 0; s < steps; s++) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            // The rows of h_{i-1}: channel c is previous[previousBase + c·previousStride].
            float[][] previous = stateInOut ? out : prev;
            int previousBase = stateInOut ? before : 0;
            int previousStride = stateInOut ? steps : 1;
            for (int r = 0; r < channels; r++) {
                int row = r * steps + step;
                float[] h = stateInOut ? out[row] : cur[r];
                if (mode == GateMode.CONVEX) {
                    float[] p = s > 0 ? previous[previousBase + r * previousStride] : zeros;
                    convexStep(h, xs[row], gs[row], p, lanes);
                } else {
                    // The pre-gate term goes to out when recorded, else straight into h, which the gate then updates.
                    float[] a = out[row];
                    preGate(a, problem, direction, r, s > 0 ? previous : null, previousBase, previousStride, lanes);
                    gateStep(h, xs[row], mode == GateMode.LINEAR ? gs[row] : null, a, lanes);
                }
            }
            if (!stateInOut) {
                float[][] swap = prev;
                prev = cur;
                cur = swap;
            }
            before = step;
        }
    }

    /** {@code h = x + g (p − x)}. */
    private static void convexStep(float[] h, float[] x, float[] g, float[] p, int lanes) {
        for (int m = 0; m < lanes; m++) {
            h[m] = x[m] + g[m] * (p[m] - x[m]);
        }
    }

    /** {@code h = x + g ⊙ a}, or {@code x + a} without a gate; {@code h} may be {@code a} itself. */
    private static void gateStep(float[] h, float[] x, float[] g, float[] a, int lanes) {
        if (g != null) {
            for (int m = 0; m < lanes; m++) {
                h[m] = x[m] + g[m] * a[m];
            }
        } else {
            for (int m = 0; m < lanes; m++) {
                h[m] = x[m] + a[m];
            }
        }
    }

    /**
     * {@code a = b_r + Σ_c W[r, c] · h_{i-1}[c]}, with h_{i-1}[c] the row
     * {@code previous[previousBase + c·previousStride]}; the sum is skipped on the first step (h_{-1} = 0,
     * {@code previous} null).
     */
    private static void preGate(float[] a, ScanProblem problem, ScanDirection direction, int r, float[][] previous,
            int previousBase, int previousStride, int lanes) {
        int channels = problem.shape.channels();
        int d = direction.ordinal();
        Arrays.fill(a, 0, lanes, problem.floatBiases()[d * channels + r]);
        if (previous != null) {
            accumulate(a, previous, previousBase, previousStride, problem.floatWeights(), (d * channels + r) * channels,
                    1, channels, lanes);
        }
    }

    /**
     * {@code target += Σ_i weights[firstWeight + i·weightStride] · rows[firstRow + i·rowStride]} for i < count,
     * added in order of i (the rounding of the plain loop), but four rows per pass over the lanes: one pass per row
     * would load and store {@code target} count times. Not more than four: with the default LoopUnrollLimit, C2 in
     * JDK 17 no longer unrolls a larger loop body enough to vectorise it (eight rows per pass measured 5× slower).
     */
    private static void accumulate(float[] target, float[][] rows, int firstRow, int rowStride, float[] weights,
            int firstWeight, int weightStride, int count, int lanes) {
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            accumulate4(target, rows, firstRow + i * rowStride, rowStride, weights, firstWeight + i * weightStride,
                    weightStride, lanes);
        }
        for (; i < count; i++) {
            float w = weights[firstWeight + i * weightStride];
            float[] p = rows[firstRow + i * rowStride];
            for (int m = 0; m < lanes; m++) {
                target[m] += w * p[m];
            }
        }
    }

    /** Four terms of {@link #accumulate}, in one pass. */
    private static void accumulate4(float[] target, float[][] rows, int row, int rowStride, float[] weights,
            int weight, int weightStride, int lanes) {
        float[] p0 = rows[row];
        float[] p1 = rows[row + rowStride];
        float[] p2 = rows[row + 2 * rowStride];
        float[] p3 = rows[row + 3 * rowStride];
        float w0 = weights[weight];
        float w1 = weights[weight + weightStride];
        float w2 = weights[weight + 2 * weightStride];
        float w3 = weights[weight + 3 * weightStride];
        for (int m = 0; m < lanes; m++) {
            float v = target[m] + w0 * p0[m];
            v += w1 * p1[m];
            v += w2 * p2[m];
            target[m] = v + w3 * p3[m];
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
        float[][] routed = k == 0 ? dhs : hs;
        fill(carry, channels, lanes);
        for (int s = steps - 1; s >= 0; s--) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            for (int r = 0; r < channels; r++) {
                int row = r * steps + step;
                float[] db = dbLanes[k * channels + r];
                if (gated) {
                    gatedNodeGradients(err[r], carry[r], routed[row], as[row], gs[row], dxs[row], dgs[row], db,
                            lanes);
                } else {
                    ungatedNodeGradients(err[r], carry[r], routed[row], dxs[row], db, lanes);
                }
            }
            if (s == 0) {
                break;
            }
            int before = direction.isReversed() ? step + 1 : step - 1;
            for (int c = 0; c < channels; c++) {
                hiddenAt(prev[c], c * steps + before, gated, lanes);
            }
            for (int r = 0; r < channels; r++) {
                addOuterRow(dwLanes, (k * channels + r) * channels, err[r], prev, channels, lanes);
            }
            for (int c = 0; c < channels; c++) {
                // carry = W^T e: column c of W, so the weights of consecutive r are a row apart.
                Arrays.fill(carry[c], 0, lanes, 0);
                accumulate(carry[c], err, 0, 1, weights, weightBase + c, channels, channels, lanes);
            }
        }
    }

    /**
     * One node of a gated line: δ = carry + routed dH, dx += δ, dg += δ ⊙ a, e = g ⊙ δ, db += e. Two passes, each
     * small enough for C2 to vectorise (one loop for all five measured 4× slower).
     */
    private static void gatedNodeGradients(float[] e, float[] carried, float[] routed, float[] a, float[] g,
            float[] dx, float[] dg, float[] db, int lanes) {
        for (int m = 0; m < lanes; m++) {
            float delta = carried[m] + routed[m];
            dx[m] += delta;
            dg[m] += delta * a[m];
            e[m] = delta;
        }
        for (int m = 0; m < lanes; m++) {
            float gradient = g[m] * e[m];
            e[m] = gradient;
            db[m] += gradient;
        }
    }

    /** {@link #gatedNodeGradients} with g ≡ 1: e = δ = carry + routed dH, dx += e, db += e. */
    private static void ungatedNodeGradients(float[] e, float[] carried, float[] routed, float[] dx, float[] db,
            int lanes) {
        for (int m = 0; m < lanes; m++) {
            float delta = carried[m] + routed[m];
            e[m] = delta;
            dx[m] += delta;
        }
        for (int m = 0; m < lanes; m++) {
            db[m] += e[m];
        }
    }

    /**
     * {@code targets[first + c] += e ⊙ p[c]} for c < count: one row of the outer product e h_{i-1}^T, two columns
     * per pass so that e is loaded once for them (four per pass no longer vectorise, see {@link #accumulate}).
     */
    private static void addOuterRow(float[][] targets, int first, float[] e, float[][] p, int count, int lanes) {
        int c = 0;
        for (; c + 2 <= count; c += 2) {
            float[] t0 = targets[first + c];
            float[] t1 = targets[first + c + 1];
            float[] p0 = p[c];
            float[] p1 = p[c + 1];
            for (int m = 0; m < lanes; m++) {
                float v = e[m];
                t0[m] += v * p0[m];
                t1[m] += v * p1[m];
            }
        }
        if (c < count) {
            float[] t = targets[first + c];
            float[] pc = p[c];
            for (int m = 0; m < lanes; m++) {
                t[m] += e[m] * pc[m];
            }
        }
    }

    /**
     * Splits dH by the winner map between the block's two directions, in one scalar pass: {@code dhs} keeps the
     * gradient of the nodes the first direction won, {@code hs} receives that of the second; the scans then add them
     * with vectorised loops.
     */
    private void route(int rows, int lanes, byte first, byte second) {
        for (int row = 0; row < rows; row++) {
            float[] dHidden = dhs[row];
            float[] toSecond = hs[row];
            byte[] winner = wins[row];
            for (int m = 0; m < lanes; m++) {
                float v = dHidden[m];
                byte w = winner[m];
                dHidden[m] = Lanes.keepIfEqual(v, w, first);
                toSecond[m] = Lanes.keepIfEqual(v, w, second);
            }
        }
    }

    /** The hidden value h = x + g ⊙ a (x + a when ungated) of one scratch row, from the recorded pre-gate term. */
    private void hiddenAt(float[] h, int row, boolean gated, int lanes) {
        float[] x = xs[row];
        float[] a = as[row];
        if (gated) {
            float[] g = gs[row];
            for (int m = 0; m < lanes; m++) {
                h[m] = x[m] + g[m] * a[m];
            }
        } else {
            for (int m = 0; m < lanes; m++) {
                h[m] = x[m] + a[m];
            }
        }
    }

    /**
     * BPTT for CONVEX, h_i = x_i + g_i ⊙ (h_{i-1} − x_i): δ_i = [won_i] dH_i + g_{i+1} ⊙ δ_{i+1},
     * dx_i = (1 − g_i) ⊙ δ_i, dg_i = δ_i ⊙ (h_{i-1} − x_i). Channels do not mix.
     */
    private void backScanConvex(ScanProblem problem, ScanDirection direction, int k, int steps, int lanes) {
        int channels = problem.shape.channels();
        fill(carry, channels, lanes);
        for (int s = steps - 1; s >= 0; s--) {
            int step = direction.isReversed() ? steps - 1 - s : s;
            int before = direction.isReversed() ? step + 1 : step - 1;
            for (int r = 0; r < channels; r++) {
                int row = r * steps + step;
                float[] next = carry[r];
                float[] routed = (k == 0 ? dhs : hs)[row];
                float[] x = xs[row];
                float[] g = gs[row];
                float[] dx = dxs[row];
                float[] dg = dgs[row];
                float[] previous = s > 0 ? as[r * steps + before] : zeros;
                float[] delta = err[r];
                // Two passes: one loop for all of it is too large for C2 to vectorise.
                for (int m = 0; m < lanes; m++) {
                    float d = next[m] + routed[m];
                    delta[m] = d;
                    dx[m] += (1 - g[m]) * d;
                }
                for (int m = 0; m < lanes; m++) {
                    float d = delta[m];
                    dg[m] += d * (previous[m] - x[m]);
                    next[m] = g[m] * d;
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
                dWeights[d * channels * channels + rc] += sum(dwLanes[k * channels * channels + rc], lanes);
            }
            for (int r = 0; r < channels; r++) {
                dBiases[d * channels + r] += sum(dbLanes[k * channels + r], lanes);
            }
        }
    }

    private static double sum(float[] values, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += values[i];
        }
        return sum;
    }

    private void store(ScanProblem problem, MapBuffer target, LaneBlock block, float[][] values, boolean accumulate,
            int rows, int lanes) {
        if (accumulate) {
            read(problem, target, block, hs);
            for (int row = 0; row < rows; row++) {
                float[] v = values[row];
                float[] earlier = hs[row];
                for (int m = 0; m < lanes; m++) {
                    v[m] += earlier[m];
                }
            }
        }
        write(problem, target, block, values);
    }

    private void read(ScanProblem problem, MapBuffer source, LaneBlock block, float[][] rows) {
        FloatBuffer buffer = ScanProblem.floats(source);
        BlockTransfer.read(problem.shape, block, source, buffer::get, TRANSPOSE, stage, rows);
    }

    private void write(ScanProblem problem, MapBuffer target, LaneBlock block, float[][] rows) {
        FloatBuffer buffer = ScanProblem.floats(target);
        BlockTransfer.write(problem.shape, block, target, buffer::put, TRANSPOSE, stage, rows);
    }

    /** {@link BlockTransfer.Transpose} for this precision. */
    private static final BlockTransfer.Transpose<float[]> TRANSPOSE = new BlockTransfer.Transpose<>() {
        @Override
        public void scatter(float[] stage, int lines, int steps, float[][] rows, int firstRow, int lane) {
            for (int step = 0; step < steps; step++) {
                float[] row = rows[firstRow + step];
                for (int line = 0; line < lines; line++) {
                    row[lane + line] = stage[line * steps + step];
                }
            }
        }

        @Override
        public void gather(float[][] rows, int firstRow, int lane, int lines, int steps, float[] stage) {
            for (int step = 0; step < steps; step++) {
                float[] row = rows[firstRow + step];
                for (int line = 0; line < lines; line++) {
                    stage[line * steps + step] = row[lane + line];
                }
            }
        }
    };

    private static void fill(float[][] rows, int count, int lanes) {
        for (int i = 0; i < count; i++) {
            Arrays.fill(rows[i], 0, lanes, 0);
        }
    }

    private void allocate(int channels, int steps, int lanes, int stageSize, boolean backward) {
        int blockRows = channels * steps;
        if (lanes > laneCapacity) {
            // Rows of a new length: drop everything, the grow calls below reallocate what is needed.
            laneCapacity = lanes;
            xs = gs = hs = as = dhs = dxs = dgs = prev = cur = err = carry = dwLanes = dbLanes = NONE;
            wins = new byte[0][];
            zeros = new float[lanes];
            picks = new float[lanes];
            spare = new float[lanes];
        }
        xs = grow(xs, blockRows);
        gs = grow(gs, blockRows);
        hs = grow(hs, blockRows);
        if (wins.length < blockRows) {
            wins = new byte[blockRows][laneCapacity];
        }
        stage = stage.length >= stageSize ? stage : new float[stageSize];
        winStage = winStage.length >= stageSize ? winStage : new byte[stageSize];
        prev = grow(prev, channels);
        cur = grow(cur, channels);
        if (backward) {
            as = grow(as, blockRows);
            dhs = grow(dhs, blockRows);
            dxs = grow(dxs, blockRows);
            dgs = grow(dgs, blockRows);
            err = grow(err, channels);
            carry = grow(carry, channels);
            dwLanes = grow(dwLanes, 2 * channels * channels);
            dbLanes = grow(dbLanes, 2 * channels);
        }
    }

    private float[][] grow(float[][] rows, int count) {
        return rows.length >= count ? rows : new float[count][laneCapacity];
    }
}
