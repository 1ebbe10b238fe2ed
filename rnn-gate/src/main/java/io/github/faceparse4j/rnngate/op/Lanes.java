package io.github.faceparse4j.rnngate.op;

/**
 * Branch-free element selects for the CPU kernel's scalar passes (winner merge and gradient routing), where which
 * way a node goes is unpredictable and a branch would mispredict half the time. Overloaded per precision, so the
 * generated double kernel calls the same names.
 */
final class Lanes {

    private Lanes() {
    }

    /** {@code keep ? v : +0}, by masking the bits (the compare becomes a flag, not a jump). */
    static float keepIf(float v, boolean keep) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & -(keep ? 1 : 0));
    }

    /** {@code keep ? v : +0}, by masking the bits (the compare becomes a flag, not a jump). */
    static double keepIf(double v, boolean keep) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & -(keep ? 1L : 0L));
    }
}
