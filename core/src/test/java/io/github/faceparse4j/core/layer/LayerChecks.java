package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Shared checks for the custom layers and vertices: tiny graphs ending in a per-pixel MSE loss, DL4J's numeric
 * gradient check in double precision, and a comparison with the stock layers that compute the same function.
 */
final class LayerChecks {

    private LayerChecks() {
    }

    /**
     * A graph {@code in -> body -> CnnLossLayer(MSE)}; {@code body} adds vertices after input "in" and must name its
     * last vertex "last".
     */
    static ComputationGraph graph(DataType type, InputType input, Consumer<ComputationGraphConfiguration.GraphBuilder> body) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(input);
        body.accept(g);
        g.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .build(), "last");
        ComputationGraph net = new ComputationGraph(g.setOutputs("loss").build());
        net.init();
        return net;
    }

    /** Random input in [-1, 1) with a fixed seed. */
    static INDArray random(DataType type, long... shape) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(type, shape).muli(2).subi(1);
    }

    /** DL4J's central-difference gradient check over every parameter and the input path. */
    static void assertGradientsCorrect(ComputationGraph net, INDArray input, INDArray labels) {
        assertEquals(DataType.DOUBLE, input.dataType(), "gradient checks need double precision");
        DataType saved = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {input}).labels(new INDArray[] {labels}).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9));
            assertTrue(ok, "gradient check failed; see the log for the parameters");
        } finally {
            Nd4j.setDefaultDataTypes(saved, savedFloat);
        }
    }

    /**
     * Asserts that two graphs with the same parameters compute the same output, loss and parameter gradients, within
     * {@code tolerance} relative to the largest magnitude of each. Put a layer with parameters before the layer under
     * test so that its input gradient is compared too.
     */
    static void assertSameFunction(ComputationGraph expected, ComputationGraph actual, INDArray input,
            INDArray labels, double tolerance) {
        assertArrayEquals(expected.params().shape(), actual.params().shape(), "parameter count");
        actual.setParams(expected.params().dup());
        assertClose(expected.outputSingle(input), actual.outputSingle(input), tolerance, "output");
        for (ComputationGraph net : new ComputationGraph[] {expected, actual}) {
            net.setInputs(input);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }
        assertEquals(expected.score(), actual.score(), tolerance * Math.max(1, Math.abs(expected.score())), "loss");
        assertClose(expected.gradient().gradient(), actual.gradient().gradient(), tolerance, "parameter gradient");
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
        assertTrue(diff <= tolerance * scale, what + ": max |difference| " + diff + " at scale " + scale);
    }
}
