package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import io.github.faceparse4j.core.backend.FastPath;

class PixelSoftmaxCrossEntropyTest {

    private static final int CLASSES = 4;

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    @Test
    void computesWhatCnnLossLayerComputes() {
        INDArray x = LayerChecks.random(DataType.FLOAT, 3, 2, 5, 6);
        INDArray labels = oneHot(DataType.FLOAT, 3, 5, 6);
        LayerChecks.assertSameFunction(net(DataType.FLOAT, stock(null)), net(DataType.FLOAT,
                PixelSoftmaxCrossEntropy.builder().build()), x, labels, 1e-5);
    }

    @Test
    void computesWhatWeightedCnnLossLayerComputes() {
        double[] w = {0.5, 2, 1, 3};
        INDArray x = LayerChecks.random(DataType.FLOAT, 3, 2, 5, 6);
        INDArray labels = oneHot(DataType.FLOAT, 3, 5, 6);
        ComputationGraph stock = net(DataType.FLOAT, stock(w));
        ComputationGraph ours = net(DataType.FLOAT, PixelSoftmaxCrossEntropy.builder().classWeights(w).build());
        LayerChecks.assertSameFunction(stock, ours, x, labels, 1e-5);
        LayerChecks.assertClose(stock.scoreExamples(new org.nd4j.linalg.dataset.MultiDataSet(x, labels), false),
                ours.scoreExamples(new org.nd4j.linalg.dataset.MultiDataSet(x, labels), false), 1e-5,
                "per-example scores");
    }

    @Test
    void gradientsAreCorrect() {
        ComputationGraph net = net(DataType.DOUBLE, PixelSoftmaxCrossEntropy.builder().classWeights(1, 2, 0.5, 1)
                .build());
        INDArray x = LayerChecks.random(DataType.DOUBLE, 2, 2, 3, 3);
        DataType saved = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {oneHot(DataType.DOUBLE, 2, 3, 3)})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
        } finally {
            Nd4j.setDefaultDataTypes(saved, saved);
        }
    }

    @Test
    void survivesJson() {
        ComputationGraph net = net(DataType.FLOAT, PixelSoftmaxCrossEntropy.builder().classWeights(1, 2, 3, 4)
                .build());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        ComputationGraph restored = new ComputationGraph(back);
        restored.init();
        assertInstanceOf(PixelSoftmaxCrossEntropyLayer.class, restored.getLayer("loss"));
        assertEquals(Nd4j.create(new double[] {1, 2, 3, 4}, 1, 4),
                ((LossMCXENT) ((PixelSoftmaxCrossEntropy) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back
                        .getVertices().get("loss")).getLayerConf().getLayer()).getLossFn()).getWeights());
    }

    @Test
    void badWeightsAndShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PixelSoftmaxCrossEntropy.builder().classWeights(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PixelSoftmaxCrossEntropy.builder().classWeights());
        ComputationGraph net = net(DataType.FLOAT, PixelSoftmaxCrossEntropy.builder().build());
        net.setInputs(LayerChecks.random(DataType.FLOAT, 2, 2, 5, 6));
        net.setLabels(oneHot(DataType.FLOAT, 2, 5, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::computeGradientAndScore);
        assertTrue(e.getMessage().contains("[2, 4, 5, 5]"), e.getMessage());
    }

    @Test
    void inferenceAfterTrainingIgnoresTheLastBatchsLabels() {
        ComputationGraph net = net(DataType.FLOAT, PixelSoftmaxCrossEntropy.builder().build());
        net.setInputs(LayerChecks.random(DataType.FLOAT, 3, 2, 5, 6));
        net.setLabels(oneHot(DataType.FLOAT, 3, 5, 6));
        net.computeGradientAndScore();
        INDArray single = net.outputSingle(LayerChecks.random(DataType.FLOAT, 1, 2, 5, 6));
        assertEquals(1, single.size(0));
        assertTrue(single.sum(1).sub(1).amaxNumber().doubleValue() < 1e-5, "probabilities sum to 1");
    }

    private static CnnLossLayer stock(double[] weights) {
        return new CnnLossLayer.Builder(weights == null ? new LossMCXENT()
                : new LossMCXENT(Nd4j.create(weights, 1, weights.length))).activation(Activation.SOFTMAX).build();
    }

    /** A 3x3 convolution to {@link #CLASSES} scores, then the loss under test. */
    private static ComputationGraph net(DataType type, Layer loss) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(5, 6, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(CLASSES).activation(Activation.IDENTITY)
                        .build(), "in")
                .addLayer("loss", loss, "conv").setOutputs("loss").build());
        net.init();
        return net;
    }

    private static INDArray oneHot(DataType type, int n, int h, int w) {
        INDArray y = Nd4j.zeros(type, n, CLASSES, h, w);
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    y.putScalar(new long[] {i, random.nextInt(CLASSES), r, c}, 1);
                }
            }
        }
        return y;
    }
}
