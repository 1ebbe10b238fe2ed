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
 * <p><b>Work split.</b> Each map is cut into {@link LaneBlock}s: bands of at most {@code maxLanesPerBlock} rows,
 * scanned left→right then right→left, and bands of columns, scanned top→bottom then bottom→top. A block is copied
 * into [C][steps][lanes] scratch (rows by a bulk copy, columns through a transpose), so one step of all its lines
 * is a vectorisable loop, and its results are copied back. The horizontal blocks write H and the winner map, the
 * vertical blocks then merge into them; the two directions of an axis merge inside the block. When there are at
 * least twice as many maps as threads, each task takes one whole map (both axes, so the map stays in cache);
 * otherwise the horizontal blocks of all maps run in parallel, then the vertical ones. Either way the arithmetic of
 * every node is the same, and weight gradients are summed per block in double and reduced in block order, so results
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

    private void run(ScanProblem problem, List<LaneBlock> blocks, BlockAction action) {
        int samples = problem.shape.batch();
        if (samples >= 2 * parallelism || parallelism == 1) {
            int perSample = blocks.size() / samples;
            IntStream.range(0, samples).parallel().forEach(n -> {
                for (LaneBlock block : blocks.subList(n * perSample, (n + 1) * perSample)) {
                    action.run(block, !block.horizontal());
                }
            });
        } else {
            for (boolean horizontal : new boolean[] {true, false}) {
                blocks.parallelStream().filter(b -> b.horizontal() == horizontal)
                        .forEach(block -> action.run(block, !horizontal));
            }
        }
    }

    /**
     * Cuts every map into blocks: for each sample its horizontal blocks, then its vertical ones. Small batches get
     * thinner blocks so that every thread has work.
     */
    private List<LaneBlock> plan(GateShape shape) {
        int samples = shape.batch();
        int minBlocksPerAxis = samples >= 2 * parallelism ? 1 : (2 * parallelism + samples - 1) / samples;
        List<LaneBlock> blocks = new ArrayList<>();
        for (int n = 0; n < samples; n++) {
            for (boolean horizontal : new boolean[] {true, false}) {
                int lines = horizontal ? shape.height() : shape.width();
                int count = Math.min(lines, Math.max(minBlocksPerAxis, (lines + maxLanesPerBlock - 1) / maxLanesPerBlock));
                for (int i = 0; i < count; i++) {
                    blocks.add(new LaneBlock(blocks.size(), n, horizontal, lines * i / count, lines * (i + 1) / count));
                }
            }
        }
        return blocks;
    }

    /** Builds a {@link CpuGateKernel}. */
    public static final class Builder {

        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int maxLanesPerBlock = 128;

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
         * The most lines one block scans side by side (default 128). Wider blocks give longer vectorised loops,
         * narrower ones keep the [C][steps][lanes] scratch in cache.
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
