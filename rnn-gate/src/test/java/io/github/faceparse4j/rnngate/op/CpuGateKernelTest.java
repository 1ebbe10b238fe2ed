package io.github.faceparse4j.rnngate.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CpuGateKernelTest {

    /** Shapes with H ≠ W, C = 1, N = 1 and lines of length 1 (W = 1, H = 1, both). */
    private static final GateShape[] SHAPES = {
        new GateShape(2, 3, 4, 5),
        new GateShape(1, 1, 3, 7),
        new GateShape(3, 2, 1, 6),
        new GateShape(2, 4, 5, 1),
        new GateShape(1, 1, 1, 1),
        new GateShape(1, 8, 6, 9),
        new GateShape(5, 3, 7, 4),
    };

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (GateMode mode : GateMode.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (GateShape shape : SHAPES) {
                    cases.add(Arguments.of(mode, type, shape, seed++));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesNaiveReference(GateMode mode, DataType type, GateShape shape, long seed) {
        GateInputs inputs = GateProblems.inputs(mode, shape, type, seed);
        GateRecurrence op = GateRecurrence.builder().setMode(mode).build();
        RecurrenceOutput out = op.forward(inputs);
        INDArray dHidden = GateProblems.uniform(new Random(seed + 1000), type, -1, 1, shape.toLongArray());
        RecurrenceGradients grads = op.backward(inputs, out.winners(), dHidden);

        NaiveGateRecurrence naive = new NaiveGateRecurrence(mode, inputs);
        naive.forward();
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 2e-5;
        assertClose(naive.hidden(), out.hidden(), tolerance, "H");
        byte[] winners = out.winners().data().asBytes();
        if (type == DataType.DOUBLE) {
            assertArrayEquals(naive.winners(), winners, "winners");
        } else {
            naive.useWinners(winners);
        }
        double[][] expected = naive.backward(dHidden.castTo(DataType.DOUBLE).data().asDouble());
        assertClose(expected[0], grads.dX(), tolerance, "dX");
        if (mode.hasGate()) {
            assertClose(expected[1], grads.dGate(), tolerance, "dG");
        }
        if (mode.hasRecurrentWeights()) {
            assertClose(expected[2], grads.dWeights(), tolerance, "dW");
            assertClose(expected[3], grads.dBiases(), tolerance, "db");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void backwardMatchesFiniteDifferences(GateMode mode) {
        GateShape shape = new GateShape(2, 3, 4, 5);
        GateInputs inputs = GateProblems.inputs(mode, shape, DataType.DOUBLE, 42);
        GateRecurrence op = GateRecurrence.builder().setMode(mode).build();
        INDArray probe = GateProblems.uniform(new Random(7), DataType.DOUBLE, -1, 1, shape.toLongArray());
        RecurrenceOutput out = op.forward(inputs);
        RecurrenceGradients grads = op.backward(inputs, out.winners(), probe);
        List<INDArray[]> operands = new ArrayList<>();
        operands.add(new INDArray[] {inputs.x(), grads.dX()});
        if (mode.hasGate()) {
            operands.add(new INDArray[] {inputs.gate(), grads.dGate()});
        }
        if (mode.hasRecurrentWeights()) {
            operands.add(new INDArray[] {inputs.weights(), grads.dWeights()});
            operands.add(new INDArray[] {inputs.biases(), grads.dBiases()});
        }
        double eps = 1e-6;
        for (INDArray[] pair : operands) {
            INDArray values = pair[0];
            for (long i = 0; i < values.length(); i++) {
                double original = values.getDouble(i);
                values.putScalar(i, original + eps);
                double plus = op.forward(inputs).hidden().mul(probe).sumNumber().doubleValue();
                values.putScalar(i, original - eps);
                double minus = op.forward(inputs).hidden().mul(probe).sumNumber().doubleValue();
                values.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, pair[1].getDouble(i), 1e-6 * (1 + Math.abs(numeric)),
                        "element " + i + " of an operand of shape " + java.util.Arrays.toString(values.shape()));
            }
        }
    }

    static Stream<GateMode> modes() {
        return Stream.of(GateMode.values());
    }

    @Test
    void tiesGoToTheFirstDirection() {
        GateShape shape = new GateShape(2, 3, 4, 5);
        INDArray x = GateProblems.uniform(new Random(3), DataType.FLOAT, -1, 1, shape.toLongArray());
        INDArray g = GateProblems.uniform(new Random(4), DataType.FLOAT, -1, 1, shape.toLongArray());
        // With W = 0 and b = 0 every direction yields h = x exactly.
        GateInputs inputs = GateInputs.of(x, g, Nd4j.zeros(DataType.FLOAT, 4, 3, 3), Nd4j.zeros(DataType.FLOAT, 4, 3));
        RecurrenceOutput out = GateRecurrence.builder().setMode(GateMode.LINEAR).build().forward(inputs);
        assertEquals(x, out.hidden());
        assertEquals(0, out.winners().castTo(DataType.INT32).maxNumber().intValue());
    }

    @Test
    void blockSplitAndThreadingDoNotChangeResults() {
        GateShape shape = new GateShape(3, 4, 13, 11);
        GateInputs inputs = GateProblems.inputs(GateMode.LINEAR, shape, DataType.FLOAT, 9);
        GateRecurrence whole = GateRecurrence.builder().setMode(GateMode.LINEAR)
                .optKernel(CpuGateKernel.builder().optParallelism(1).build()).build();
        GateRecurrence split = GateRecurrence.builder().setMode(GateMode.LINEAR)
                .optKernel(CpuGateKernel.builder().optParallelism(8).optMaxLanesPerBlock(3).build()).build();
        RecurrenceOutput a = whole.forward(inputs);
        RecurrenceOutput b = split.forward(inputs);
        assertEquals(a.hidden(), b.hidden());
        assertEquals(a.winners(), b.winners());
        INDArray dHidden = GateProblems.uniform(new Random(5), DataType.FLOAT, -1, 1, shape.toLongArray());
        RecurrenceGradients ga = whole.backward(inputs, a.winners(), dHidden);
        RecurrenceGradients gb = split.backward(inputs, b.winners(), dHidden);
        assertEquals(ga.dX(), gb.dX());
        assertEquals(ga.dGate(), gb.dGate());
        assertTrue(ga.dWeights().equalsWithEps(gb.dWeights(), 1e-5));
        assertTrue(ga.dBiases().equalsWithEps(gb.dBiases(), 1e-5));
    }

    @Test
    void readsChannelSlicesInPlaceAndWritesIntoThem() {
        GateShape shape = new GateShape(2, 3, 5, 4);
        Random random = new Random(11);
        INDArray both = GateProblems.uniform(random, DataType.DOUBLE, -1, 1, 2, 6, 5, 4);
        INDArray x = both.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray g = both.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all(), NDArrayIndex.all());
        GateInputs sliced = GateInputs.convex(x, g);
        GateInputs copied = GateInputs.convex(x.dup('c'), g.dup('c'));
        GateRecurrence op = GateRecurrence.builder().setMode(GateMode.CONVEX).build();
        RecurrenceOutput expected = op.forward(copied);
        assertEquals(expected.hidden(), op.forward(sliced).hidden());

        INDArray dHidden = GateProblems.uniform(random, DataType.DOUBLE, -1, 1, shape.toLongArray());
        RecurrenceGradients reference = op.backward(copied, expected.winners(), dHidden);
        INDArray epsilon = Nd4j.zeros(DataType.DOUBLE, 2, 6, 5, 4);
        INDArray dX = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray dG = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all(),
                NDArrayIndex.all());
        op.backward(sliced, expected.winners(), dHidden, new RecurrenceGradients(dX, dG, null, null));
        assertEquals(reference.dX(), dX);
        assertEquals(reference.dGate(), dG);
    }

    private static void assertClose(double[] expected, INDArray actual, double tolerance, String what) {
        double[] values = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(expected.length, values.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = tolerance * (1 + Math.abs(expected[i]));
            if (Math.abs(expected[i] - values[i]) > allowed) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + values[i]);
            }
        }
    }
}
