package io.github.faceparse4j.icnn.parse;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * One trained stage-2 network: labels crops of one {@link PartType} ({@link PartCrop#cropImage}, already mirrored
 * where the part is) with the type's part labels.
 *
 * <p>Thread-safe: forward passes are serialised on the network, which DL4J does not allow to run concurrently.
 */
public final class PartNetwork {

    private final PartType type;
    private final ClassMapPredictor predictor;
    private final BackgroundModulation modulation;

    private PartNetwork(PartType type, ClassMapPredictor predictor, BackgroundModulation modulation) {
        this.type = Objects.requireNonNull(type, "type");
        this.predictor = predictor;
        this.modulation = Objects.requireNonNull(modulation, "modulation");
    }

    /**
     * Loads the model file of a part network, with the {@link BackgroundModulation} its training info records (none
     * if it records none).
     *
     * @throws IOException if the file cannot be read or is not a valid model file
     * @throws IllegalArgumentException if the model is not an {@code icnn-<type>} network
     */
    public static PartNetwork load(PartType type, Path modelFile) throws IOException {
        FastPath.ensure();
        ModelFile file = ModelFile.load(modelFile, IcnnModel.of(type).expectations());
        return new PartNetwork(type, new ClassMapPredictor(file.computationGraph(),
                Normalization.byName(file.metadata().normalization())),
                BackgroundModulation.fromTrainingInfo(file.metadata().trainingInfo()));
    }

    /** Wraps a trained network whose inputs are normalised with {@code normalization}; no modulation. */
    public static PartNetwork of(PartType type, ComputationGraph graph, Normalization normalization) {
        return new PartNetwork(type, new ClassMapPredictor(graph, normalization), BackgroundModulation.NONE);
    }

    /** The same network with another background modulation. */
    public PartNetwork withModulation(BackgroundModulation modulation) {
        return new PartNetwork(type, predictor, modulation);
    }

    public BackgroundModulation modulation() {
        return modulation;
    }

    /** The underlying network (not thread-safe on its own). */
    public ComputationGraph graph() {
        return predictor.graph();
    }

    public PartType type() {
        return type;
    }

    /**
     * The part labels of each crop: row-major {@code size * size} labels in the crop's (network's) view.
     *
     * @throws IllegalArgumentException if a crop is not {@code size x size}
     */
    public List<byte[]> predict(List<BufferedImage> crops) {
        return predictor.predict(checked(crops), type.cropSize(), modulation);
    }

    /**
     * The raw scores of the last convolution (before softmax and modulation) for each crop, {@code [L, S, S]}
     * row-major: for fitting a {@link BackgroundModulation}.
     *
     * @throws IllegalArgumentException if a crop is not {@code size x size}
     */
    public List<float[]> logits(List<BufferedImage> crops) {
        return predictor.logits(checked(crops), type.cropSize());
    }

    private List<BufferedImage> checked(List<BufferedImage> crops) {
        int size = type.cropSize();
        for (BufferedImage crop : crops) {
            if (crop.getWidth() != size || crop.getHeight() != size) {
                throw new IllegalArgumentException("The " + type.id() + " network takes " + size + "x" + size
                        + " crops, got " + crop.getWidth() + "x" + crop.getHeight());
            }
        }
        return crops;
    }
}
