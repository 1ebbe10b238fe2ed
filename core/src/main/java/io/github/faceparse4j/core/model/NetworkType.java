package io.github.faceparse4j.core.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The two DL4J network classes a {@link ModelFile} can hold; stored by {@link #name()} in the file. */
public enum NetworkType {
    /** {@link ComputationGraph}. */
    COMPUTATION_GRAPH,
    /** {@link MultiLayerNetwork}. */
    MULTI_LAYER_NETWORK;

    /**
     * The type of {@code network}.
     *
     * @throws IllegalArgumentException for any other {@link Model} (e.g. a single layer)
     */
    static NetworkType of(Model network) {
        if (network instanceof ComputationGraph) {
            return COMPUTATION_GRAPH;
        }
        if (network instanceof MultiLayerNetwork) {
            return MULTI_LAYER_NETWORK;
        }
        throw new IllegalArgumentException("Only ComputationGraph and MultiLayerNetwork can be saved, got "
                + network.getClass().getName());
    }
}
