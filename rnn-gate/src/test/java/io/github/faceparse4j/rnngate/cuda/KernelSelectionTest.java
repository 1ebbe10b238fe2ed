package io.github.faceparse4j.rnngate.cuda;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.rnngate.op.CpuGateKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(KernelSelection.PROPERTY);
    }

    @Test
    void theCpuBackendGetsTheCpuKernel() {
        assertSame(CpuGateKernel.shared(), KernelSelection.fromSystemProperty());
        System.setProperty(KernelSelection.PROPERTY, "CPU");
        assertSame(CpuGateKernel.shared(), KernelSelection.fromSystemProperty());
    }

    @Test
    void askingForCudaWithoutItFailsCleanly() {
        System.setProperty(KernelSelection.PROPERTY, "cuda");
        if (CudaGateKernel.unavailableReason() != null) {
            assertThrows(CudaUnavailableException.class, KernelSelection::fromSystemProperty);
        } else {
            assertTrue(KernelSelection.fromSystemProperty() instanceof CudaGateKernel);
        }
    }

    @Test
    void unknownChoicesAreRejected() {
        System.setProperty(KernelSelection.PROPERTY, "tpu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                KernelSelection::fromSystemProperty);
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
    }
}
