package io.github.faceparse4j.icnn.parse;

import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.icnn.net.ClassMaps;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an iCNN on images in batches and returns each image's per-pixel argmax class map. Thread-safe: forward
 * passes are serialised on the network, which DL4J does not allow to run concurrently.
 */
final class ClassMapPredictor {

    /** Images per forward pass. */
    private static final int BATCH = 32;

    private final ComputationGraph graph;
    private final Normalization normalization;

    ClassMapPredictor(ComputationGraph graph, Normalization normalization) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
    }

    Normalization normalization() {
        return normalization;
    }

    /** Row-major {@code size * size} class maps of the images, each resized to {@code size x size} first. */
    List<byte[]> predict(List<BufferedImage> images, int size) {
        List<byte[]> maps = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            List<BufferedImage> chunk = images.subList(from, Math.min(images.size(), from + BATCH));
            INDArray input = ImageTensors.toBatch(chunk, size, size, normalization);
            INDArray scores;
            synchronized (graph) {
                scores = graph.outputSingle(input);
            }
            maps.addAll(List.of(ClassMaps.argmax(scores)));
        }
        return maps;
    }
}
