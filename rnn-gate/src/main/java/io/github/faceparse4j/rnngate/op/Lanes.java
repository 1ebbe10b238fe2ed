package io.github.faceparse4j.rnngate.op;

/**
 * Branch-free element selects for the CPU kernel's scalar passes (gradient routing), where which way a node goes
 * is unpredictable and a branch would mispredict half the time. Overloaded per precision, so the generated double
 * kernel calls the same names.
 */
final class Lanes {

    private Lanes() {
    }

    /**
     * {@code code == wanted ? v : +0} for direction codes 0..3, with no compare at all: {@code (code ^ wanted) − 1}
     * is negative exactly when the codes are equal, and its sign bit, spread over the word, masks v's bits.
     */
    static float keepIfEqual(float v, int code, int wanted) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & (((code ^ wanted) - 1) >> 31));
    }

    /** {@link #keepIfEqual(float, int, int)} in double precision. */
    static double keepIfEqual(double v, int code, int wanted) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & (long) (((code ^ wanted) - 1) >> 31));
    }
}
