package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.backend.FastPath;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class FastLayerSubstitutionTest {

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    /** conv 3x3 -> max pool (Same) -> conv -> nearest x2 -> conv to K -> softmax cross-entropy (class weights). */
    private static ComputationGraph stock(int size) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "pool")
                .addLayer("up", new Upsampling2D.Builder(2).build(), "conv2")
                .addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY)
                        .build(), "up")
                .addLayer("out", new CnnLossLayer.Builder(new LossMCXENT(Nd4j.createFromArray(0.5, 2.0, 1.5)
                        .reshape(1, 3))).activation(Activation.SOFTMAX).build(), "logits")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int n, int size) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3, size, size);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    labels.putScalar(new int[] {i, (i + y * 7 + x * 3) % 3, y, x}, 1);
                }
            }
        }
        return labels;
    }

    @Test
    void replacesPoolUpsamplingAndLossWithTheSameFunction() {
        ComputationGraph stock = stock(8);
        ComputationGraph fast = FastLayerSubstitution.substitute(stock, InputType.convolutional(8, 8, 3));
        assertNotSame(stock, fast);
        var vertices = fast.getConfiguration().getVertices();
        assertInstanceOf(ResampleConcatVertex.class, vertices.get("pool"));
        assertInstanceOf(ResampleConcatVertex.class, vertices.get("up"));
        assertInstanceOf(PixelSoftmaxCrossEntropy.class, ((LayerVertex) vertices.get("out")).getLayerConf().getLayer());
        INDArray input = LayerChecks.random(DataType.FLOAT, 2, 3, 8, 8);
        LayerChecks.assertSameFunction(stock, fast, input, oneHot(2, 8), 1e-5);
    }

    @Test
    void keepsParametersAndUpdaterState() {
        ComputationGraph stock = stock(8);
        stock.fit(new org.nd4j.linalg.dataset.DataSet(LayerChecks.random(DataType.FLOAT, 2, 3, 8, 8), oneHot(2, 8)));
        ComputationGraph fast = FastLayerSubstitution.substitute(stock, InputType.convolutional(8, 8, 3));
        LayerChecks.assertClose(stock.params(), fast.params(), 0, "parameters");
        LayerChecks.assertClose(stock.getUpdater().getStateViewArray(), fast.getUpdater().getStateViewArray(), 0,
                "Adam state");
    }

    @Test
    void leavesSameModePoolingOnOddSizesAlone() {
        ComputationGraph stock = stock(9);
        ComputationGraph fast = FastLayerSubstitution.substitute(stock, InputType.convolutional(9, 9, 3));
        assertInstanceOf(LayerVertex.class, fast.getConfiguration().getVertices().get("pool"));
        assertFalse(fast.getConfiguration().getVertices().get("up") instanceof LayerVertex);
    }

    @Test
    void returnsTheGraphWhenThereIsNothingToReplace() {
        ComputationGraph fast = FastLayerSubstitution.substitute(stock(8), InputType.convolutional(8, 8, 3));
        assertSame(fast, FastLayerSubstitution.substitute(fast, InputType.convolutional(8, 8, 3)));
    }

    @Test
    void rejectsAWrongNumberOfInputTypes() {
        assertThrows(IllegalArgumentException.class, () -> FastLayerSubstitution.substitute(stock(8)));
    }
}
