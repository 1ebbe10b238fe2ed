package io.github.faceparse4j.rnngate.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class RecurrentWeightNormConstraintTest {

    private static final int LENGTH = 512;

    @Test
    void projectionScalesOnlyMatricesAboveTheBound() {
        INDArray w = Nd4j.create(new double[] {
            2, 0, 0, 1,       // row sums 2, 1: scaled by 1/2
            0.5, 0.25, 0, 0.5 // row sums 0.75, 0.5: untouched
        }, new long[] {2, 2, 2}, DataType.DOUBLE);
        RecurrentWeightNormConstraint.project(w, 1.0);
        assertEquals(Nd4j.create(new double[] {1, 0, 0, 0.5, 0.5, 0.25, 0, 0.5}, new long[] {2, 2, 2},
                DataType.DOUBLE), w);
        INDArray again = w.dup();
        RecurrentWeightNormConstraint.project(again, 1.0);
        assertEquals(w, again, "a projection");
        assertThrows(IllegalArgumentException.class,
                () -> RecurrentWeightNormConstraint.project(Nd4j.zeros(DataType.DOUBLE, 2, 2, 3), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RecurrentWeightNormConstraint(0, java.util.Set.of()));
    }

    /**
     * Lines of 512 with the largest gates the layer allows (|g| = 1) and weights that would grow the state by 1.5 per
     * step: projected to ‖W_d‖_∞ = 1 the state obeys ‖h_i‖_∞ ≤ (i + 1)(max|x| + max|b|) by the triangle inequality,
     * unprojected it overflows.
     */
    @Test
    void activationsStayBoundedOnLinesOf512() {
        int c = 4;
        long[] dims = {1, c, LENGTH, LENGTH};
        Random random = new Random(17);
        INDArray x = GateProblems.uniform(random, DataType.DOUBLE, -1, 1, dims);
        INDArray b = GateProblems.uniform(random, DataType.DOUBLE, -0.5, 0.5, 4, c);
        INDArray growing = GateProblems.uniform(random, DataType.DOUBLE, -0.1, 0.1, 4, c, c);
        for (int d = 0; d < 4; d++) {
            for (int r = 0; r < c; r++) {
                growing.putScalar(new long[] {d, r, r}, 1.5);
            }
        }
        INDArray constrained = growing.dup();
        RecurrentWeightNormConstraint.project(constrained, 1.0);
        GateRecurrence op = GateRecurrence.builder().setMode(GateMode.LINEAR).build();
        double bound = LENGTH * (1 + b.amaxNumber().doubleValue());
        INDArray ones = Nd4j.ones(DataType.DOUBLE, dims);
        INDArray signs = Nd4j.rand(DataType.DOUBLE, dims).gt(0.5).castTo(DataType.DOUBLE).muli(2).subi(1);
        for (INDArray g : new INDArray[] {ones, signs}) {
            double largest = op.forward(GateInputs.of(x, g, constrained, b)).hidden().amaxNumber().doubleValue();
            assertTrue(largest <= bound, "max |h| = " + largest + " exceeds " + bound);
        }
        double runaway = op.forward(GateInputs.of(x, ones, growing, b)).hidden().amaxNumber().doubleValue();
        assertTrue(runaway > 1e30 || Double.isInfinite(runaway) || Double.isNaN(runaway),
                "expected the unconstrained recurrence to blow up, max |h| = " + runaway);
    }

    @Test
    void trainingKeepsTheNormWithinTheBound() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Sgd(5.0))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("pre", new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("rnn", GateRecurrenceLayer.builder().setMode(GateMode.LINEAR).build(), "pre")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "rnn")
                .setOutputs("loss")
                .setInputTypes(InputType.convolutional(6, 7, 3))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Layer rnn = graph.getLayer("rnn");
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 7);
        INDArray target = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 7).muli(10);
        INDArray before = rnn.getParam("W").dup();
        for (int i = 0; i < 5; i++) {
            graph.fit(new INDArray[] {in}, new INDArray[] {target});
            for (long d = 0; d < 4; d++) {
                assertTrue(RecurrentWeightNormConstraint.infinityNorm(rnn.getParam("W"), d) <= 1 + 1e-5,
                        "iteration " + i + ", direction " + d);
            }
        }
        assertTrue(before.distance2(rnn.getParam("W")) > 1e-3, "W should have been trained");
    }
}
