package io.github.faceparse4j.rnngate.op;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU kernel: plain Java loops over the host buffers of the ND4J arrays, with no ND4J op per step.
 *
 * <p><b>Work split.</b> The lines are cut into {@link LaneBlock}s of up to {@code maxLanesPerBlock} lines: rows,
 * scanned left→right then right→left, or columns, scanned top→bottom then bottom→top, taken from several maps at
 * once when the maps are small. A block is copied into [C][steps][lanes] scratch (columns by bulk copies, rows
 * through a transpose), so that one step of all its lines is one long vectorisable loop, and its results are copied
 * back. All horizontal blocks run in parallel and write H and the winner map; then all vertical blocks run in
 * parallel and merge into them; the two directions of an axis merge inside the block. The arithmetic of a node does
 * not depend on the cut, and weight gradients are summed per block in double and reduced in block order, so results
 * do not depend on thread timing.
 *
 * <p>FLOAT runs in single precision ({@code FloatLaneScan}), DOUBLE in double ({@code DoubleLaneScan}). Arrays must
 * live in host memory (the CPU backend, or CUDA arrays after a host sync). Thread-safe: scratch is kept per worker
 * thread of the common ForkJoin pool, which runs the tasks.
 */
public final class CpuGateKernel implements GateKernel {

    private static final CpuGateKernel SHARED = builder().build();
    private static final ThreadLocal<FloatLaneScan> FLOAT_SCANS = ThreadLocal.withInitial(FloatLaneScan::new);
    private static final ThreadLocal<DoubleLaneScan> DOUBLE_SCANS = ThreadLocal.withInitial(DoubleLaneScan::new);

    private final int parallelism;
    private final int maxLanesPerBlock;

    private CpuGateKernel(Builder builder) {
        this.parallelism = builder.parallelism;
        this.maxLanesPerBlock = builder.maxLanesPerBlock;
    }

    /** The kernel with default settings. */
    public static CpuGateKernel shared() {
        return SHARED;
    }

    /** A builder for a kernel with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void forward(GateMode mode, GateInputs inputs, INDArray hidden, INDArray winners) {
        ScanProblem problem = ScanProblem.forward(mode, inputs, hidden, winners);
        run(problem, (block, secondAxis) -> scans(inputs.dataType()).forward(problem, block, secondAxis));
    }

    @Override
    public void backward(GateMode mode, GateInputs inputs, INDArray winners, INDArray dHidden,
            RecurrenceGradients gradients) {
        ScanProblem problem = ScanProblem.backward(mode, inputs, winners, dHidden, gradients.dX(),
                gradients.dGate());
        GateShape shape = inputs.shape();
        int weightCount = mode.hasRecurrentWeights() ? ScanDirection.COUNT * shape.channels() * shape.channels() : 0;
        int biasCount = mode.hasRecurrentWeights() ? ScanDirection.COUNT * shape.channels() : 0;
        List<LaneBlock> blocks = plan(shape);
        double[][] dWeights = new double[blocks.size()][weightCount];
        double[][] dBiases = new double[blocks.size()][biasCount];
        run(problem, blocks, (block, secondAxis) -> scans(inputs.dataType())
                .backward(problem, block, secondAxis, dWeights[block.index()], dBiases[block.index()]));
        if (mode.hasRecurrentWeights()) {
            assignSum(dWeights, gradients.dWeights());
            assignSum(dBiases, gradients.dBiases());
        }
    }

    private static LaneScan scans(DataType type) {
        return type == DataType.DOUBLE ? DOUBLE_SCANS.get() : FLOAT_SCANS.get();
    }

    /** Sums per-block partial gradients in block order and writes them into {@code target}. */
    private static void assignSum(double[][] partials, INDArray target) {
        double[] total = new double[partials[0].length];
        for (double[] partial : partials) {
            for (int i = 0; i < total.length; i++) {
                total[i] += partial[i];
            }
        }
        target.assign(Nd4j.create(total, target.shape(), DataType.DOUBLE).castTo(target.dataType()));
    }

    /** What runs one block; {@code secondAxis} is true for vertical blocks, which merge into the horizontal ones. */
    @FunctionalInterface
    private interface BlockAction {
        void run(LaneBlock block, boolean secondAxis);
    }

    private void run(ScanProblem problem, BlockAction action) {
        run(problem, plan(problem.shape), action);
    }

    /** The horizontal blocks in parallel, then the vertical ones, which merge into what the first wrote. */
    private static void run(ScanProblem problem, List<LaneBlock> blocks, BlockAction action) {
        for (boolean horizontal : new boolean[] {true, false}) {
            blocks.parallelStream().filter(b -> b.horizontal() == horizontal)
                    .forEach(block -> action.run(block, !horizontal));
        }
    }

    /**
     * Cuts the maps into blocks, horizontal ones first. A block takes whole lines of as many maps as fit in
     * {@code maxLanesPerBlock} lanes (long rows of lanes are what the JIT vectorises well), or a band of the lines of
     * one map when a map alone has more; blocks are then split further until every thread has one.
     */
    List<LaneBlock> plan(GateShape shape) {
        List<LaneBlock> blocks = new ArrayList<>();
        for (boolean horizontal : new boolean[] {true, false}) {
            int lines = horizontal ? shape.height() : shape.width();
            int samplesPerBlock = Math.max(1, Math.min(shape.batch(), maxLanesPerBlock / lines));
            int bands = Math.max(1, (lines + maxLanesPerBlock - 1) / maxLanesPerBlock);
            while (ceilDiv(shape.batch(), samplesPerBlock) * bands < parallelism) {
                if (samplesPerBlock > 1) {
                    samplesPerBlock = ceilDiv(samplesPerBlock, 2);
                } else if (bands < lines) {
                    bands = Math.min(lines, 2 * bands);
                } else {
                    break;
                }
            }
            for (int n = 0; n < shape.batch(); n += samplesPerBlock) {
                int sampleTo = Math.min(shape.batch(), n + samplesPerBlock);
                for (int i = 0; i < bands; i++) {
                    blocks.add(new LaneBlock(blocks.size(), horizontal, n, sampleTo, lines * i / bands,
                            lines * (i + 1) / bands));
                }
            }
        }
        return blocks;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Builds a {@link CpuGateKernel}. */
    public static final class Builder {

        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int maxLanesPerBlock = 256;

        private Builder() {
        }

        /**
         * How many threads the work is planned for (default: the available processors). The tasks run in the
         * common ForkJoin pool; this only decides how finely the work is cut.
         */
        public Builder optParallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * The most lines one block scans side by side (default 256). Wider blocks give longer vectorised loops,
         * narrower ones a smaller [C][steps][lanes] scratch.
         */
        public Builder optMaxLanesPerBlock(int maxLanesPerBlock) {
            if (maxLanesPerBlock < 1) {
                throw new IllegalArgumentException("maxLanesPerBlock must be at least 1, got " + maxLanesPerBlock);
            }
            this.maxLanesPerBlock = maxLanesPerBlock;
            return this;
        }

        /** The configured kernel. */
        public CpuGateKernel build() {
            return new CpuGateKernel(this);
        }
    }
}
