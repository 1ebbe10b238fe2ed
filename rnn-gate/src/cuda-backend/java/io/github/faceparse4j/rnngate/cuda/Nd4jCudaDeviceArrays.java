package io.github.faceparse4j.rnngate.cuda;

import org.nd4j.jita.allocator.impl.AtomicAllocator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.jcublas.context.CudaContext;

/**
 * {@link DeviceArrays} for ND4J's CUDA backend (nd4j-cuda-11.6): device addresses from ND4J's
 * {@link AtomicAllocator}. Compiled only in the Maven {@code cuda} profile and registered as a service.
 *
 * <p>Before the kernel reads an array the allocator makes its device copy current, and ND4J's stream is drained so
 * that pending ND4J ops on it have finished (the kernels run on the default stream of the shared primary context).
 * After the kernel writes an array the allocator is told, so that ND4J copies it back to the host when needed.
 * Untested on a GPU so far (no GPU was available when it was written); see rnn-gate/README.md.
 */
public final class Nd4jCudaDeviceArrays implements DeviceArrays {

    /** For the service loader. */
    public Nd4jCudaDeviceArrays() {
    }

    @Override
    public boolean isDeviceArray(INDArray array) {
        // By name, so that a jar built with this bridge still runs on the CPU backend without nd4j-cuda.
        return array.data().getClass().getName().startsWith("org.nd4j.linalg.jcublas.");
    }

    @Override
    public long address(INDArray array) {
        AtomicAllocator allocator = AtomicAllocator.getInstance();
        CudaContext context = allocator.getDeviceContext();
        long address = allocator.getPointer(array, context).address();
        context.syncOldStream();
        return address;
    }

    @Override
    public void markDeviceWritten(INDArray array) {
        AtomicAllocator.getInstance().tickDeviceWrite(array);
    }
}
