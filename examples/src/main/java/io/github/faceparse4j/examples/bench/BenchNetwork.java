package io.github.faceparse4j.examples.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A network {@link NetworkBench} can time: it builds an initialised graph and makes a random batch for it.
 *
 * <p>Register one with {@link NetworkBench.Builder#addNetwork(BenchNetwork)}; the name is what the PyTorch twin in
 * {@code bench/torch_twins.py} prints, so that {@code bench/run.sh} can pair the two.
 */
public interface BenchNetwork {

    /** The variant name of a network that has only one. */
    String DEFAULT_VARIANT = "default";

    /** Short unique name, e.g. {@code encdec-128}; the same as the PyTorch twin's. */
    String name();

    /**
     * Which way of expressing the network in DL4J this is (e.g. {@code stock-layers}, {@code tuned}); the function
     * computed must be the same for every variant of a name.
     */
    default String variant() {
        return DEFAULT_VARIANT;
    }

    /**
     * A freshly initialised graph. Called after {@code FastPath.ensure()}, and with DL4J's layer helpers switched off
     * when the stock setup is measured, so it must initialise the graph itself.
     */
    ComputationGraph build();

    /** A random batch of {@code batch} examples (inputs and labels), reproducible for a given seed. */
    MultiDataSet randomBatch(int batch, long seed);
}
