package io.github.faceparse4j.rnngate.cuda;

/**
 * CUDA cannot run here: no driver (libcuda.so.1), no device, or the kernels were built without nvcc. The message
 * says which.
 */
public class CudaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the reason and the error that revealed it, if any. */
    public CudaUnavailableException(String reason, Throwable cause) {
        super("CUDA unavailable: " + reason, cause);
    }
}
