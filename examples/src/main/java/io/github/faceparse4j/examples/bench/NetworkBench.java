package io.github.faceparse4j.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.backend.FastPathStatus;
import io.github.faceparse4j.core.backend.LayerHelperAudit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Times networks on the CPU: forward pass and training step (Adam), at several batch sizes, in images per second
 * (median of N timed iterations after W warm-ups, as {@code bench/torch_twins.py} does), with peak memory.
 *
 * <p>Each network can be measured in two setups: {@link Setup#FAST}, FaceParse4J's default ({@link FastPath}), and
 * {@link Setup#STOCK}, DL4J 1.0.0-M2.1 as it comes (layer helpers off), for the before/after comparison. Every result
 * is printed as one {@code RESULT} line that {@code bench/run.sh} pairs with the PyTorch twin's, then as a table.
 *
 * <p>Usage: {@code NetworkBench [--networks a,b] [--batches 1,16] [--setups stock,fast] [--iterations 10]
 * [--warmup 30] [--clock wall|cpu] [--fork] [--list]}; {@code --fork} runs every case in its own JVM (for per-case
 * peak memory). Not thread-safe; run one bench per JVM.
 */
public final class NetworkBench {

    /** How DL4J is set up for a measurement. */
    public enum Setup {
        /** DL4J's defaults: layer helpers off, so convolution and pooling take the built-in path. */
        STOCK,
        /** FaceParse4J's {@link FastPath}: oneDNN helpers on. */
        FAST
    }

    /**
     * What a timed iteration's duration is measured with.
     */
    public enum Clock {
        /** Elapsed time: what a user sees; inflated by any other load on the machine. */
        WALL,
        /**
         * CPU time of the calling thread. With one compute thread ({@code OMP_NUM_THREADS=1}) ND4J, oneDNN, OpenBLAS
         * and FaceParse4J's kernels all run on it (checked: within 2% of the process's CPU time), so this measures the
         * work itself and hardly depends on other load: use it to compare implementations on a busy machine.
         * Meaningless with more threads.
         */
        CPU
    }

    /** One measured case. */
    public static final class Result {
        final String network;
        final String variant;
        final Setup setup;
        final int batch;
        /** The graph's parameter count, printed so that {@code bench/run.sh} can check the twin has the same. */
        final long params;
        final double forwardPerSecond;
        final double trainPerSecond;
        /** Images/s of the fastest iteration: less sensitive than the median to other load on the machine. */
        final double forwardBestPerSecond;
        final double trainBestPerSecond;
        final double peakResidentMib;
        final double residentGrowthMib;
        final double peakHeapMib;

        Result(String network, String variant, Setup setup, int batch, long params, double[] forwardSeconds,
                double[] trainSeconds, PeakMemory memory) {
            this.network = network;
            this.variant = variant;
            this.setup = setup;
            this.batch = batch;
            this.params = params;
            this.forwardPerSecond = batch / median(forwardSeconds);
            this.trainPerSecond = batch / median(trainSeconds);
            this.forwardBestPerSecond = batch / Arrays.stream(forwardSeconds).min().orElseThrow();
            this.trainBestPerSecond = batch / Arrays.stream(trainSeconds).min().orElseThrow();
            this.peakResidentMib = memory.peakResidentMib();
            this.residentGrowthMib = memory.residentGrowthMib();
            this.peakHeapMib = memory.peakHeapMib();
        }

        /** The machine-readable line shared with the PyTorch twin. */
        String resultLine() {
            return String.format(Locale.ROOT, "RESULT framework=dl4j-%s variant=%s network=%s batch=%d forward=%.1f "
                    + "train=%.1f forward_best=%.1f train_best=%.1f peak_rss_mib=%.0f rss_growth_mib=%.0f "
                    + "peak_heap_mib=%.0f params=%d", setup.name().toLowerCase(Locale.ROOT), variant, network, batch,
                    forwardPerSecond, trainPerSecond, forwardBestPerSecond, trainBestPerSecond, peakResidentMib,
                    residentGrowthMib, peakHeapMib, params);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<BenchNetwork> networks;
    private final int[] batches;
    private final List<Setup> setups;
    private final int warmup;
    private final int iterations;
    private final Clock clock;

    private NetworkBench(Builder b) {
        this.networks = List.copyOf(b.networks);
        this.batches = b.batches.clone();
        this.setups = List.copyOf(b.setups);
        this.warmup = b.warmup;
        this.iterations = b.iterations;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a bench; {@link #addNetwork} at least once. */
    public static final class Builder {
        private final List<BenchNetwork> networks = new ArrayList<>();
        private int[] batches = {1, 16};
        private List<Setup> setups = List.of(Setup.FAST);
        private int warmup = 30;
        private int iterations = 10;
        private Clock clock = Clock.WALL;

        /** Adds a network to time (required, at least one). */
        public Builder addNetwork(BenchNetwork network) {
            networks.add(Objects.requireNonNull(network, "network"));
            return this;
        }

        /** Batch sizes; default 1 and 16. */
        public Builder optBatches(int... sizes) {
            if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
                throw new IllegalArgumentException("batch sizes must be positive: " + Arrays.toString(sizes));
            }
            this.batches = sizes.clone();
            return this;
        }

        /** Setups to measure each network in; default {@link Setup#FAST} only. */
        public Builder optSetups(List<Setup> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no setups");
            }
            this.setups = List.copyOf(list);
            return this;
        }

        /** Untimed iterations before timing; default 3. */
        public Builder optWarmup(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("warmup must be >= 0: " + n);
            }
            this.warmup = n;
            return this;
        }

        /** Timed iterations, whose median is reported; default 10. */
        public Builder optIterations(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("iterations must be > 0: " + n);
            }
            this.iterations = n;
            return this;
        }

        /** How iterations are timed; default {@link Clock#WALL}. */
        public Builder optClock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public NetworkBench build() {
            if (networks.isEmpty()) {
                throw new IllegalStateException("add at least one network");
            }
            return new NetworkBench(this);
        }
    }

    /** Runs every case, printing each RESULT line as it comes and the table at the end. */
    public List<Result> run(PrintStream out) {
        FastPathStatus status = FastPath.ensure();
        out.println("# " + status.describe() + "; clock " + clock);
        if (clock == Clock.CPU && status.threads() != 1) {
            out.println("# WARNING: CPU timing needs OMP_NUM_THREADS=1; work on other threads is not counted");
        }
        List<Result> results = new ArrayList<>();
        for (BenchNetwork network : networks) {
            for (int batch : batches) {
                for (Setup setup : setups) {
                    Result r = measure(network, setup, batch);
                    out.println(r.resultLine());
                    results.add(r);
                }
            }
        }
        printTable(results, out);
        return results;
    }

    private Result measure(BenchNetwork network, Setup setup, int batch) {
        ComputationGraph net = buildIn(setup, network);
        MultiDataSet data = network.randomBatch(batch, 1);
        INDArray[] inputs = data.getFeatures();
        PeakMemory memory = PeakMemory.start();
        double[] forward = new double[iterations];
        double[] train = new double[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long t0 = now();
            net.output(false, inputs);
            long t1 = now();
            net.fit(data);
            long t2 = now();
            if (i >= 0) {
                forward[i] = (t1 - t0) / 1e9;
                train[i] = (t2 - t1) / 1e9;
            }
        }
        return new Result(network.name(), network.variant(), setup, batch, net.numParams(), forward, train, memory);
    }

    private long now() {
        return clock == Clock.WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    /** Builds the graph with the layer helpers DL4J would give it in {@code setup}. */
    private static ComputationGraph buildIn(Setup setup, BenchNetwork network) {
        if (setup == Setup.FAST) {
            ComputationGraph net = network.build();
            FastPath.verifyHelpers(net);
            return net;
        }
        String key = FastPath.HELPERS_DISABLE_PROPERTY;
        String saved = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            ComputationGraph net = network.build();
            if (LayerHelperAudit.of(net).missing().isEmpty()) {
                throw new IllegalStateException("stock setup of " + network.name() + " still has layer helpers");
            }
            return net;
        } finally {
            System.setProperty(key, saved == null ? "false" : saved);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static void printTable(List<Result> results, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-16s %-18s %-6s %5s %16s %16s %11s %9s %9s%n", "network", "variant", "setup",
                "batch", "fwd img/s (best)", "train img/s (best)", "peakRSS MiB", "RSS+ MiB", "heap MiB");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-16s %-18s %-6s %5d %8.1f (%5.1f) %8.1f (%5.1f) %11.0f %9.0f %9.0f%n",
                    r.network, r.variant, r.setup.name().toLowerCase(Locale.ROOT), r.batch, r.forwardPerSecond,
                    r.forwardBestPerSecond, r.trainPerSecond, r.trainBestPerSecond, r.peakResidentMib,
                    r.residentGrowthMib, r.peakHeapMib);
        }
    }

    /** Command line entry; see the class comment for the options. */
    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        Map<String, BenchNetwork> known = new LinkedHashMap<>();
        for (BenchNetwork n : BenchNetworks.all()) {
            known.put(n.name() + (n.variant().equals(BenchNetwork.DEFAULT_VARIANT) ? "" : "/" + n.variant()), n);
        }
        Builder b = builder();
        String wanted = options.getOrDefault("networks", "");
        for (Map.Entry<String, BenchNetwork> e : known.entrySet()) {
            if (wanted.isEmpty() || Arrays.asList(wanted.split(",")).stream()
                    .anyMatch(w -> e.getKey().equals(w) || e.getKey().startsWith(w + "/"))) {
                b.addNetwork(e.getValue());
            }
        }
        if (options.containsKey("batches")) {
            b.optBatches(Arrays.stream(options.get("batches").split(",")).mapToInt(Integer::parseInt).toArray());
        }
        if (options.containsKey("setups")) {
            b.optSetups(Arrays.stream(options.get("setups").split(","))
                    .map(s -> Setup.valueOf(s.toUpperCase(Locale.ROOT))).toList());
        }
        if (options.containsKey("iterations")) {
            b.optIterations(Integer.parseInt(options.get("iterations")));
        }
        if (options.containsKey("warmup")) {
            b.optWarmup(Integer.parseInt(options.get("warmup")));
        }
        if (options.containsKey("clock")) {
            b.optClock(Clock.valueOf(options.get("clock").toUpperCase(Locale.ROOT)));
        }
        if (options.containsKey("list")) {
            known.keySet().forEach(System.out::println);
            return;
        }
        if (options.containsKey("fork")) {
            runForked(known, options);
            return;
        }
        b.build().run(System.out);
    }

    /**
     * Runs every (network, batch, setup) case in its own JVM, so that each peak-memory figure belongs to that case
     * alone (ND4J's workspaces and the JVM heap never shrink back), and prints the children's RESULT lines.
     */
    private static void runForked(Map<String, BenchNetwork> known, Map<String, String> options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String wanted = options.getOrDefault("networks", "");
        List<String> keys = known.keySet().stream().filter(k -> wanted.isEmpty() || Arrays.stream(wanted.split(","))
                .anyMatch(w -> k.equals(w) || k.startsWith(w + "/"))).toList();
        for (String key : keys) {
            for (String batch : options.getOrDefault("batches", "1,16").split(",")) {
                for (String setup : options.getOrDefault("setups", "fast").split(",")) {
                    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-cp",
                            System.getProperty("java.class.path"), NetworkBench.class.getName(), "--networks", key,
                            "--batches", batch, "--setups", setup));
                    for (String o : List.of("iterations", "warmup", "clock")) {
                        if (options.containsKey(o)) {
                            cmd.addAll(List.of("--" + o, options.get(o)));
                        }
                    }
                    runChild(cmd);
                }
            }
        }
    }

    /** Runs one child bench and passes its RESULT and status lines through. */
    private static void runChild(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var reader = p.inputReader()) {
                reader.lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("# ND4J"))
                        .forEach(System.out::println);
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bench child failed (exit " + p.exitValue() + "): " + cmd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        return options;
    }
}
