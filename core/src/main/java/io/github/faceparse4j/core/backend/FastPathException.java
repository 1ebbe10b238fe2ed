package io.github.faceparse4j.core.backend;

/**
 * Thrown when ND4J/DL4J cannot run on the fast path and the caller asked for it, or cannot run at all with the
 * native build on the class path. The message says what is wrong and how to fix it.
 */
public final class FastPathException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public FastPathException(String message) {
        super(message);
    }
}
