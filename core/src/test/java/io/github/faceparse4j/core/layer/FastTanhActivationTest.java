package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FastTanhActivationTest {

    /** 150,001 values: several parallel tasks and a last chunk that is not full; wide range, plus edge values. */
    private static INDArray inputs() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 150_001).muli(4);
        float[] edges = {0f, -0f, 1e-30f, -1e-7f, 20f, -20f, 100f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < edges.length; i++) {
            x.putScalar(i, edges[i]);
        }
        return x;
    }

    @Test
    void computesTanhWithinAFewUlps() {
        INDArray x = inputs();
        INDArray fast = new FastTanhActivation().getActivation(x.dup(), false);
        INDArray stock = new ActivationTanH().getActivation(x.dup(), false);
        double error = fast.sub(stock).amaxNumber().doubleValue();
        assertTrue(error < 2e-7, "max |fast - stock| " + error);
        assertEquals(1f, fast.getFloat(7));
        assertEquals(-1f, fast.getFloat(8));
        assertEquals(0f, fast.getFloat(0));
    }

    @Test
    void nanStaysNan() {
        INDArray x = Nd4j.createFromArray(Float.NaN, 0.5f);
        new FastTanhActivation().getActivation(x, false);
        assertTrue(Float.isNaN(x.getFloat(0)));
        assertEquals((float) Math.tanh(0.5), x.getFloat(1), 1e-7f);
    }

    @Test
    void backpropMatchesActivationTanH() {
        INDArray x = inputs();
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, x.length()).subi(0.5);
        Pair<INDArray, INDArray> fast = new FastTanhActivation().backprop(x.dup(), epsilon.dup());
        Pair<INDArray, INDArray> stock = new ActivationTanH().backprop(x.dup(), epsilon.dup());
        double error = fast.getFirst().sub(stock.getFirst()).amaxNumber().doubleValue();
        assertTrue(error < 2e-7, "max |fast - stock| of dL/dz " + error);
    }

    @Test
    void doublesAndViewsTakeTheStockPath() {
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 5);
        assertEquals(new ActivationTanH().getActivation(x.dup(), false),
                new FastTanhActivation().getActivation(x.dup(), false));
        INDArray floats = Nd4j.randn(DataType.FLOAT, 4, 6);
        INDArray view = floats.dup().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4));
        INDArray expected = new ActivationTanH().getActivation(view.dup(), false);
        assertTrue(new FastTanhActivation().getActivation(view, false).equalsWithEps(expected, 1e-7));
    }

    @Test
    void survivesJsonAndIsSwappedInForTheStockTanh() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("fast", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3)
                        .activation(new FastTanhActivation()).build(), "conv")
                .setOutputs("fast").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph stock = new ComputationGraph(conf);
        stock.init();
        ComputationGraph fast = FastLayerSubstitution.substitute(stock, InputType.convolutional(6, 6, 2));
        BaseLayer swapped = (BaseLayer) ((LayerVertex) fast.getConfiguration().getVertices().get("conv"))
                .getLayerConf().getLayer();
        assertInstanceOf(FastTanhActivation.class, swapped.getActivationFn());
        INDArray input = LayerChecks.random(DataType.FLOAT, 2, 2, 6, 6);
        LayerChecks.assertClose(stock.outputSingle(input), fast.outputSingle(input), 1e-6, "output");
    }
}
