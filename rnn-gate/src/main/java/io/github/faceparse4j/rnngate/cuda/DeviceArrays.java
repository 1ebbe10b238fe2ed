package io.github.faceparse4j.rnngate.cuda;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Access to the device memory of ND4J arrays when ND4J runs on its CUDA backend, so that {@link CudaGateKernel} can
 * run on them in place instead of copying through the host.
 *
 * <p>Found with {@link java.util.ServiceLoader}. The implementation is compiled only in the Maven {@code cuda}
 * profile, against nd4j-cuda-11.6 ({@code src/cuda-backend}); without it CudaGateKernel works on host copies.
 * The kernel runs in CUDA's primary context of device 0, which ND4J's runtime-API calls share.
 */
public interface DeviceArrays {

    /** Whether the array lives on the CUDA backend, so that {@link #address} applies. */
    boolean isDeviceArray(INDArray array);

    /**
     * The device address of the array's first element, after making the device copy current and waiting for ND4J's
     * pending work on it.
     */
    long address(INDArray array);

    /** Tells ND4J that the kernel wrote the array on the device, so that its host copy is stale. */
    void markDeviceWritten(INDArray array);
}
