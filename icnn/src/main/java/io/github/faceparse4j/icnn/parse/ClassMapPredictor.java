package io.github.faceparse4j.icnn.parse;

import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.net.InterlinkedCnn;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an iCNN on images in batches and returns each image's per-pixel argmax class map, or its raw scores.
 * Thread-safe: forward passes are serialised on the network, which DL4J does not allow to run concurrently.
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

    ComputationGraph graph() {
        return graph;
    }

    /** Row-major {@code size * size} class maps of the images, each resized to {@code size x size} first. */
    List<byte[]> predict(List<BufferedImage> images, int size) {
        List<byte[]> maps = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            INDArray input = ImageTensors.toBatch(chunk(images, from), size, size, normalization);
            INDArray scores;
            synchronized (graph) {
                scores = graph.outputSingle(input);
            }
            maps.addAll(List.of(ClassMaps.argmax(scores)));
        }
        return maps;
    }

    /** Class maps as {@link #predict}, with the background map modulated before the argmax. */
    List<byte[]> predict(List<BufferedImage> images, int size, BackgroundModulation modulation) {
        if (modulation.isNone()) {
            return predict(images, size);
        }
        List<byte[]> maps = new ArrayList<>(images.size());
        int plane = size * size;
        for (float[] scores : logits(images, size)) {
            modulation.apply(scores, 0, plane);
            maps.add(ClassMaps.argmax(scores, 0, scores.length / plane, plane));
        }
        return maps;
    }

    /**
     * The scores of the last convolution ({@value InterlinkedCnn#LOGITS}, before the softmax) of each image,
     * {@code [K, size, size]} row-major.
     */
    List<float[]> logits(List<BufferedImage> images, int size) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            INDArray input = ImageTensors.toBatch(chunk(images, from), size, size, normalization);
            INDArray logits;
            synchronized (graph) {
                logits = graph.feedForward(new INDArray[] {input}, false, true).get(InterlinkedCnn.LOGITS);
            }
            int n = (int) logits.size(0);
            float[] data = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int perImage = data.length / n;
            for (int i = 0; i < n; i++) {
                float[] one = new float[perImage];
                System.arraycopy(data, i * perImage, one, 0, perImage);
                out.add(one);
            }
        }
        return out;
    }

    private static List<BufferedImage> chunk(List<BufferedImage> images, int from) {
        return images.subList(from, Math.min(images.size(), from + BATCH));
    }
}
