package io.github.faceparse4j.core.backend;

/**
 * How DL4J will run convolution, pooling, batch normalisation and LRN layers in this JVM, fastest first.
 *
 * <p>Measured on a 2-core AVX-512 machine (batch 16, 2 threads), {@link #ONEDNN} trains the project's prototype
 * networks 4-30x faster than {@link #BUILT_IN}; see {@code docs/speed.md}.
 */
public enum ExecutionPath {

    /** DL4J's layer helpers are on and the loaded libnd4j has oneDNN: the fast path. */
    ONEDNN,
    /**
     * The helpers are on, but the loaded libnd4j was built without oneDNN (the {@code no-avx2} fallback): the layers
     * call libnd4j's own C++ kernels. Slower than {@link #ONEDNN}, much faster than {@link #BUILT_IN}.
     */
    LIBND4J,
    /**
     * The helpers are off (the user set {@code org.eclipse.deeplearning4j.helpers.disable=true} or disallowed helpers
     * in ND4J's environment): DL4J's own Java-side im2col path, several times slower.
     */
    BUILT_IN,
    /** ND4J runs a non-CPU backend; FaceParse4J does not manage its settings. */
    NOT_CPU;

    /** Whether every convolution, pooling, batch-norm and LRN layer is expected to have a helper on this path. */
    public boolean expectsHelpers() {
        return this == ONEDNN || this == LIBND4J;
    }
}
