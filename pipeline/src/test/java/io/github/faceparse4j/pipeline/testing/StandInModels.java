package io.github.faceparse4j.pipeline.testing;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.pipeline.ParserModel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Untrained stand-ins for the pipeline's networks: the right input and output shapes and metadata, a single 3x3
 * convolution inside. The pipeline treats every model file alike, so these exercise its plumbing (shapes, batching,
 * crop and paste geometry, merging) without trained weights; they say nothing about accuracy.
 */
public final class StandInModels {

    /** Normalisation written into the stand-ins' metadata. */
    public static final Normalization NORMALIZATION = Normalization.IMAGENET;

    private StandInModels() {
    }

    /** A seeded random graph for {@code role}: 3x3 convolution to K channels, softmax. */
    public static ComputationGraph random(ParserModel role, long seed) {
        return graph(role.numClasses(), seed);
    }

    /** A graph that gives class {@code classIndex} at every pixel of any input (zero weights, one large bias). */
    public static ComputationGraph constant(ParserModel role, int classIndex) {
        ComputationGraph graph = graph(role.numClasses(), 1);
        graph.setParam("conv_W", Nd4j.zeros(DataType.FLOAT, graph.getParam("conv_W").shape()));
        INDArray bias = Nd4j.zeros(DataType.FLOAT, graph.getParam("conv_b").shape());
        bias.putScalar(classIndex, 10f);
        graph.setParam("conv_b", bias);
        return graph;
    }

    /** A graph with {@code numClasses} outputs, for models of the wrong shape. */
    public static ComputationGraph graph(int numClasses, long seed) {
        FastPath.ensure();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(WeightInit.XAVIER).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(64, 64, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(numClasses)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "input")
                .addLayer("output", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("output")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** The metadata the pipeline expects for {@code role}. */
    public static ModelMetadata metadata(ParserModel role) {
        return ModelMetadata.builder().setKind(role.kind())
                .setLabelScheme(role.labelScheme().orElse(LabelScheme.HELEN_11))
                .setInputSize(role.inputSize(), role.inputSize()).setNormalization(NORMALIZATION.name())
                .optTrainingInfo("note", "untrained stand-in for tests").build();
    }

    /** Saves {@code graph} as {@code role}'s file in {@code dir}; returns the file. */
    public static Path save(ComputationGraph graph, ParserModel role, Path dir) throws IOException {
        Path file = dir.resolve(role.fileName());
        ModelFile.save(graph, metadata(role), file);
        return file;
    }

    /** Writes a seeded random stand-in for every role into {@code dir}. */
    public static Path writeRandom(Path dir, long seed) throws IOException {
        for (ParserModel role : ParserModel.values()) {
            save(random(role, seed + role.ordinal()), role, dir);
        }
        return dir;
    }
}
