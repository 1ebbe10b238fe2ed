package io.github.faceparse4j.rnngate.op;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GateRecurrenceValidationTest {

    private final GateRecurrence linear = GateRecurrence.builder().setMode(GateMode.LINEAR).build();
    private final INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
    private final INDArray g = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
    private final INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 3, 3);
    private final INDArray b = Nd4j.zeros(DataType.FLOAT, 4, 3);

    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void gateOfAnotherShapeIsRejected() {
        assertMessage(() -> GateInputs.of(x, Nd4j.rand(DataType.FLOAT, 2, 3, 5, 4), w, b), "G", "[2, 3, 4, 5]",
                "[2, 3, 5, 4]");
    }

    @Test
    void weightsOfTheWrongSizeAreRejected() {
        assertMessage(() -> GateInputs.of(x, g, Nd4j.zeros(DataType.FLOAT, 4, 2, 2), b), "W", "[4, 3, 3]",
                "[4, 2, 2]");
        assertMessage(() -> GateInputs.of(x, g, w, Nd4j.zeros(DataType.FLOAT, 3, 3)), "b", "[4, 3]", "[3, 3]");
        assertMessage(() -> GateInputs.of(x, g, w, null), "W and b come together");
    }

    @Test
    void unsupportedDataTypesAreRejected() {
        assertMessage(() -> GateInputs.of(x.castTo(DataType.INT32), g.castTo(DataType.INT32), w, b), "X", "INT");
        assertMessage(() -> GateInputs.of(x.castTo(DataType.HALF), g.castTo(DataType.HALF), w, b), "X", "HALF");
        assertMessage(() -> GateInputs.of(x, g.castTo(DataType.DOUBLE), w, b), "G", "DOUBLE", "FLOAT");
        assertMessage(() -> GateInputs.of(x, g, w.castTo(DataType.DOUBLE), b), "W", "DOUBLE");
    }

    @Test
    void inputsThatAreNotFourDimensionalOrEmptyAreRejected() {
        assertMessage(() -> GateInputs.of(Nd4j.rand(DataType.FLOAT, 3, 4, 5), null, null, null), "4-D", "[3, 4, 5]");
        assertMessage(() -> GateInputs.of(Nd4j.create(DataType.FLOAT, 2, 0, 4, 5), null, null, null), "empty");
        assertMessage(() -> GateInputs.of(null, g, w, b), "X is required");
    }

    @Test
    void operandsMustFitTheMode() {
        assertMessage(() -> linear.forward(GateInputs.convex(x, g)), "LINEAR needs W and b");
        assertMessage(() -> linear.forward(GateInputs.ungated(x, w, b)), "LINEAR needs G");
        GateRecurrence convex = GateRecurrence.builder().setMode(GateMode.CONVEX).build();
        assertMessage(() -> convex.forward(GateInputs.of(x, g, w, b)), "CONVEX takes no W and b");
        GateRecurrence ungated = GateRecurrence.builder().setMode(GateMode.UNGATED).build();
        assertMessage(() -> ungated.forward(GateInputs.of(x, g, w, b)), "UNGATED takes no G");
    }

    @Test
    void outputsAndGradientsAreChecked() {
        GateInputs inputs = GateInputs.of(x, g, w, b);
        RecurrenceOutput out = linear.forward(inputs);
        assertMessage(() -> linear.forward(inputs, Nd4j.create(DataType.FLOAT, 2, 3, 4, 4), out.winners()), "H",
                "[2, 3, 4, 4]");
        assertMessage(() -> linear.forward(inputs, out.hidden(), out.hidden()), "winners", "BYTE");
        INDArray notContiguous = Nd4j.create(DataType.FLOAT, new long[] {2, 3, 4, 5}, 'f');
        assertMessage(() -> linear.forward(inputs, notContiguous, out.winners()), "H", "contiguous");
        assertMessage(() -> linear.backward(inputs, out.winners(), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5)), "dH",
                "FLOAT");
        assertMessage(() -> linear.backward(inputs, out.winners(), out.hidden(),
                new RecurrenceGradients(Nd4j.create(DataType.FLOAT, 2, 3, 4, 5), null, null, null)), "needs dG");
    }

    @Test
    void builderNeedsAMode() {
        assertThrows(IllegalStateException.class, () -> GateRecurrence.builder().build());
    }
}
