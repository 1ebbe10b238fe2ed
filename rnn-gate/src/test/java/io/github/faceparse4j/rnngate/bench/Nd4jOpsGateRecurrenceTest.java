package io.github.faceparse4j.rnngate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The benchmark's baseline computes the same thing as the kernel, so the comparison is fair. */
class Nd4jOpsGateRecurrenceTest {

    @Test
    void baselineMatchesTheKernel() {
        GateShape shape = new GateShape(2, 3, 5, 6);
        GateInputs inputs = GateProblems.inputs(GateMode.LINEAR, shape, DataType.DOUBLE, 21);
        Nd4jOpsGateRecurrence baseline = new Nd4jOpsGateRecurrence(inputs);
        GateRecurrence op = GateRecurrence.builder().setMode(GateMode.LINEAR).build();
        RecurrenceOutput out = op.forward(inputs);
        assertTrue(out.hidden().equalsWithEps(baseline.forward(), 1e-12));
        assertEquals(out.winners(), baseline.winners());
        INDArray dHidden = GateProblems.uniform(new Random(2), DataType.DOUBLE, -1, 1, shape.toLongArray());
        RecurrenceGradients expected = op.backward(inputs, out.winners(), dHidden);
        INDArray[] actual = baseline.backward(dHidden);
        assertTrue(expected.dX().equalsWithEps(actual[0], 1e-12), "dX");
        assertTrue(expected.dGate().equalsWithEps(actual[1], 1e-12), "dG");
        assertTrue(expected.dWeights().equalsWithEps(actual[2], 1e-10), "dW");
        assertTrue(expected.dBiases().equalsWithEps(actual[3], 1e-10), "db");
    }
}
