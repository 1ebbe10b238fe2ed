package io.github.faceparse4j.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code bench ARGS...}: times the networks' forward pass and training step with the network benchmark
 * ({@code io.github.faceparse4j.examples.bench.NetworkBench}), passing the arguments on unchanged, once that is part
 * of the build (it is looked up by name, see {@link ExternalMain}).
 */
final class BenchCommand implements Command {

    static final ExternalMain NETWORK_BENCH =
            new ExternalMain("io.github.faceparse4j.examples.bench.NetworkBench", "the network benchmark");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time the networks (forward pass and training step, images/s)";
    }

    @Override
    public String usage() {
        return """
            Usage: faceparse4j bench [ARGS...]
            Runs the network benchmark (NetworkBench) with ARGS, e.g. --networks a,b --batches 1,16
            --setups stock,fast --iterations 10 --warmup 30 --clock wall|cpu.
            """ + (NETWORK_BENCH.available() ? "" : NETWORK_BENCH.unavailableMessage() + ".\n");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandException {
        if (args.contains(Arguments.HELP) || args.contains("-h")) {
            out.print(usage());
            return OK;
        }
        NETWORK_BENCH.run(args);
        return OK;
    }
}
