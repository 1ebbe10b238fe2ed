package io.github.faceparse4j.rnngate.cuda;

import io.github.faceparse4j.rnngate.op.CpuGateKernel;
import io.github.faceparse4j.rnngate.op.GateKernel;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which kernel the layer uses, from the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (default): CUDA when ND4J runs on its CUDA backend and the CUDA kernel can run, else CPU;</li>
 *   <li>{@code cpu}: always {@link CpuGateKernel};</li>
 *   <li>{@code cuda}: always {@link CudaGateKernel} (host arrays are copied to the device and back), failing with
 *   {@link CudaUnavailableException} when it cannot run.</li>
 * </ul>
 */
public final class KernelSelection {

    /** The system property that chooses the kernel. */
    public static final String PROPERTY = "faceparse4j.rnngate.kernel";

    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private KernelSelection() {
    }

    /**
     * The kernel the property asks for.
     *
     * @throws IllegalArgumentException on an unknown property value
     * @throws CudaUnavailableException when {@code cuda} is asked for and cannot run
     */
    public static GateKernel fromSystemProperty() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "cpu":
                return CpuGateKernel.shared();
            case "cuda":
                return CudaGateKernel.create();
            case "auto":
                if (!Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT).contains("cublas")) {
                    return CpuGateKernel.shared();
                }
                return CudaGateKernel.tryCreate().<GateKernel>map(k -> k).orElseGet(() -> {
                    LOG.warn("ND4J runs on CUDA but the CUDA gate kernel cannot: {}; using the CPU kernel",
                            CudaGateKernel.unavailableReason());
                    return CpuGateKernel.shared();
                });
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, cpu or cuda, got '" + choice + "'");
        }
    }
}
