package io.github.faceparse4j.rnngate.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs on a machine with a GPU; elsewhere only the clean "unavailable" path is checked and the rest is skipped. */
class CudaGateKernelTest {

    @Test
    void unavailabilityIsReportedNotCrashed() {
        String reason = CudaGateKernel.unavailableReason();
        if (reason != null) {
            assertTrue(reason.startsWith("CUDA unavailable: "), reason);
            CudaUnavailableException e = assertThrows(CudaUnavailableException.class, CudaGateKernel::create);
            assertEquals(reason, e.getMessage());
            assertTrue(CudaGateKernel.tryCreate().isEmpty());
        } else {
            assertTrue(CudaGateKernel.tryCreate().isPresent());
        }
    }

    @Test
    void kernelNamesPickTheSmallestCapacity() {
        assertEquals("f32_c1", CudaGateKernel.suffix(DataType.FLOAT, 1));
        assertEquals("f32_c8", CudaGateKernel.suffix(DataType.FLOAT, 5));
        assertEquals("f64_c32", CudaGateKernel.suffix(DataType.DOUBLE, 17));
        assertThrows(IllegalArgumentException.class, () -> CudaGateKernel.suffix(DataType.FLOAT, 33));
    }

    @ParameterizedTest
    @EnumSource(GateMode.class)
    void matchesTheCpuKernel(GateMode mode) {
        String reason = CudaGateKernel.unavailableReason();
        assumeTrue(reason == null, reason);
        GateRecurrence gpu = GateRecurrence.builder().setMode(mode).optKernel(CudaGateKernel.create()).build();
        GateRecurrence cpu = GateRecurrence.builder().setMode(mode).build();
        for (GateShape shape : new GateShape[] {new GateShape(2, 3, 5, 7), new GateShape(1, 8, 1, 9),
            new GateShape(3, 20, 6, 1)}) {
            GateInputs inputs = GateProblems.inputs(mode, shape, DataType.DOUBLE, 5);
            RecurrenceOutput expected = cpu.forward(inputs);
            RecurrenceOutput actual = gpu.forward(inputs);
            assertTrue(expected.hidden().equalsWithEps(actual.hidden(), 1e-10), shape + " H");
            assertEquals(expected.winners(), actual.winners(), shape + " winners");
            INDArray dHidden = GateProblems.uniform(new Random(6), DataType.DOUBLE, -1, 1, shape.toLongArray());
            RecurrenceGradients e = cpu.backward(inputs, expected.winners(), dHidden);
            RecurrenceGradients a = gpu.backward(inputs, expected.winners(), dHidden);
            assertTrue(e.dX().equalsWithEps(a.dX(), 1e-10), shape + " dX");
            if (mode.hasGate()) {
                assertTrue(e.dGate().equalsWithEps(a.dGate(), 1e-10), shape + " dG");
            }
            if (mode.hasRecurrentWeights()) {
                assertTrue(e.dWeights().equalsWithEps(a.dWeights(), 1e-9), shape + " dW");
                assertTrue(e.dBiases().equalsWithEps(a.dBiases(), 1e-9), shape + " db");
            }
        }
    }
}
