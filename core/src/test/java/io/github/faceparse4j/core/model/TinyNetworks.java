package io.github.faceparse4j.core.model;

import io.github.faceparse4j.core.label.LabelScheme;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks for model-file tests: fast to build, with parameters set to known values. */
final class TinyNetworks {

    static final int SIZE = 8;

    private TinyNetworks() {
    }

    /**
     * {@code [N, 3, 8, 8]} image -> 3x3 convolution to 3 channels -> per-pixel softmax: {@code [N, 3, 8, 8]} scores
     * for {@link LabelScheme#SKIN_HAIR_BG_3}. Parameters are {@code linspace(-1, 1)} so that a stored file can be
     * checked value by value.
     */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "image")
                .addLayer("scores", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("scores")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.setParams(knownParams(graph.numParams()));
        return graph;
    }

    /** Dense 4 -> 5 -> softmax 3, parameters {@code linspace(-1, 1)}. */
    static MultiLayerNetwork multiLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParams(knownParams(net.numParams()));
        return net;
    }

    static INDArray knownParams(long n) {
        return Nd4j.linspace(-1, 1, n, DataType.FLOAT).reshape(1, n);
    }

    /** A fixed {@code [2, 3, 8, 8]} input. */
    static INDArray image() {
        return Nd4j.linspace(0, 1, 2 * 3 * SIZE * SIZE, DataType.FLOAT).reshape(2, 3, SIZE, SIZE);
    }

    static ModelMetadata metadata() {
        return ModelMetadata.builder()
                .setKind("tiny-test-graph")
                .setLabelScheme(LabelScheme.SKIN_HAIR_BG_3)
                .setInputSize(SIZE, SIZE)
                .setNormalization("ZERO_TO_ONE")
                .optTrainingInfo("epochs", "0")
                .optTrainingInfo("data", "none")
                .build();
    }
}
