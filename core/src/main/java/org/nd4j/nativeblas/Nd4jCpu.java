package org.nd4j.nativeblas;

/**
 * Compatibility shim for a lookup by name in DL4J 1.0.0-M2.1; not part of FaceParse4J's API.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} decides whether the oneDNN layer helpers (convolution, pooling,
 * batch norm, LRN) may be used by reflecting on {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance()} and
 * {@code isUseMKLDNN()}. nd4j-native M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code isUseONEDNN()}, so
 * the lookup throws, DL4J swallows the exception and every helper is silently dropped. This class restores the old
 * name and delegates to the new one. It needs only to be on the class path; {@code
 * io.github.faceparse4j.core.backend.FastPath} verifies at start-up that it is picked up.
 *
 * <p>It lives in nd4j's package, which is fine on the class path; on the module path it would be a split package.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name of nd4j-native's {@code Environment}, with the two members DL4J reflects on. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The singleton, as in the native class; stateless, so thread-safe. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4j was built with oneDNN and has it switched on. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
