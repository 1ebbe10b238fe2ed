package io.github.faceparse4j.rnngate.bench;

import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceTraffic;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GateRecurrenceBenchmark} and {@link MemoryBandwidthBenchmark} and prints, per shape and pass, the
 * kernel's time, its speed-up over the ND4J-ops baseline and its time against one memory pass (the least traffic of
 * the pass, {@link RecurrenceTraffic}, over the measured bandwidth). Arguments are JMH's own (e.g. {@code -wi 2 -i 3
 * -f 1}); see rnn-gate/README.md for the command.
 */
public final class GateRecurrenceBenchmarkMain {

    private GateRecurrenceBenchmarkMain() {
    }

    /**
     * Runs the benchmarks and prints the summary.
     *
     * @param args JMH command-line options
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(GateRecurrenceBenchmark.class.getSimpleName())
                .include(MemoryBandwidthBenchmark.class.getSimpleName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> millis = new HashMap<>();
        double copyMillis = Double.NaN;
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            double score = result.getPrimaryResult().getScore();
            if (method.equals("parallelCopy")) {
                copyMillis = score;
            } else {
                millis.put(result.getParams().getParam("shape") + "/" + method, score);
            }
        }
        double bandwidth = MemoryBandwidthBenchmark.BYTES_PER_COPY / (copyMillis / 1e3);
        System.out.printf(Locale.ROOT, "%nmemory bandwidth (parallel copy of 256 MiB): %.1f GB/s%n", bandwidth / 1e9);
        System.out.printf(Locale.ROOT, "%-14s %-8s %10s %12s %9s %14s %9s%n", "shape", "pass", "kernel ms",
                "ND4J-ops ms", "speed-up", "1 pass floor ms", "x floor");
        for (String shape : new String[] {"16,8,64,64", "16,8,128,128"}) {
            GateShape s = GateRecurrenceBenchmark.parse(shape);
            for (String pass : new String[] {"Forward", "Backward"}) {
                Double kernel = millis.get(shape + "/kernel" + pass);
                Double nd4j = millis.get(shape + "/nd4jOps" + pass);
                if (kernel == null) {
                    continue;
                }
                long bytes = pass.equals("Forward") ? RecurrenceTraffic.forwardBytes(GateMode.LINEAR, s, DataType.FLOAT)
                        : RecurrenceTraffic.backwardBytes(GateMode.LINEAR, s, DataType.FLOAT);
                double floor = bytes / bandwidth * 1e3;
                System.out.printf(Locale.ROOT, "%-14s %-8s %10.3f %12.3f %8.1fx %14.3f %8.1fx%n", shape,
                        pass.toLowerCase(Locale.ROOT), kernel, nd4j == null ? Double.NaN : nd4j,
                        nd4j == null ? Double.NaN : nd4j / kernel, floor, kernel / floor);
            }
        }
    }
}
