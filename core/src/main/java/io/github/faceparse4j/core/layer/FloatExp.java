package io.github.faceparse4j.core.layer;

/**
 * {@code exp(x)} for {@code x ≤ 0} on whole {@code float[]} rows, in loops that JDK 17's C2 vectorises, for the
 * softmax of {@link ChannelSoftmax}.
 *
 * <p><b>Why:</b> {@code Math.exp} is a scalar intrinsic (about 5 ns per value here), which made the softmax the
 * slowest part of a face-parsing network's output layer; PyTorch's vectorised exp is 10 times faster. C2 vectorises
 * only plain float arithmetic, not {@code Float.intBitsToFloat} or float-to-int casts, so the usual exponent-bits
 * construction of {@code 2^n} is out of reach. This class builds {@code 2^n} from float arithmetic alone.
 *
 * <p><b>Method:</b> {@code x = n·ln 2 + f} with {@code n = round(x / ln 2)} (the 1.5·2²³ rounding trick) and
 * {@code |f| ≤ ln 2 / 2} (Cody–Waite, two-part ln 2); {@code exp(f)} by Cephes' degree-7 polynomial for
 * {@code expf}; {@code 2^n = Π 2^(-2^j)} over the set bits j of {@code −n}, each bit taken out with the same rounding
 * trick and each factor exact. Every step is exact except the polynomial and the final product, so the relative
 * error is within a few float ulps (tested: under 4e-7 against {@code Math.exp}).
 *
 * <p><b>Range:</b> inputs below {@link #LOWEST} are taken as {@code LOWEST} (so the result is at least
 * {@code exp(-43) ≈ 2.1e-19}, never subnormal, whose arithmetic is slow); a softmax probability that small is far
 * below the 1e-10 to which cross-entropy clips. Inputs above 0 are not supported (the softmax subtracts the
 * maximum first). Stateless and thread-safe.
 */
final class FloatExp {

    /**
     * Length of the {@code float[]} rows its callers stream values through, chunk by chunk: a chunk of every row
     * stays in L1. Whole 128 x 128 planes as rows (64 KiB apart, the same low address bits) ran 20x slower in a
     * measurement, from 4K aliasing.
     */
    static final int CHUNK = 1024;

    /** The smallest input used; smaller ones are raised to it. {@code -43 / ln 2 ≈ −62} keeps {@code −n ≤ 63}. */
    static final float LOWEST = -43f;

    /** Adding and subtracting 1.5·2²³ rounds a float of magnitude below 2²² to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;

    private FloatExp() {
    }

    /**
     * {@code values[p] = exp(max(values[p], LOWEST))} for {@code p < length}, with {@code values[p] ≤ 0}.
     *
     * @param scratch at least {@code length} long; overwritten
     */
    static void expInPlace(float[] values, float[] scratch, int length) {
        // Several small loops rather than one: C2 in JDK 17 unrolls, and so vectorises, only small loop bodies.
        float[] x = values;
        float[] negN = scratch;
        for (int p = 0; p < length; p++) {
            float v = Math.max(x[p], LOWEST);
            float n = (v * LOG2E + ROUND) - ROUND;
            x[p] = (v - n * LN2_HIGH) - n * LN2_LOW;
            negN[p] = -n;
        }
        for (int p = 0; p < length; p++) {
            float f = x[p];
            float poly = ((((((1.9875691500e-4f * f + 1.3981999507e-3f) * f + 8.3334519073e-3f) * f
                    + 4.1665795894e-2f) * f + 1.6666665459e-1f) * f + 5.0000001201e-1f) * f) * f;
            x[p] = poly + f + 1f;
        }
        // One call per bit with a literal factor: a loop over an array of the six factors measured 5x slower.
        multiplyByLowBitFactor(x, negN, 0.5f, length);
        multiplyByLowBitFactor(x, negN, 0.25f, length);
        multiplyByLowBitFactor(x, negN, 0x1p-4f, length);
        multiplyByLowBitFactor(x, negN, 0x1p-8f, length);
        multiplyByLowBitFactor(x, negN, 0x1p-16f, length);
        multiplyByLowBitFactor(x, negN, 0x1p-32f, length);
    }

    /**
     * For each p: takes the lowest bit b of the integer {@code m = bits[p]}, multiplies {@code values[p]} by
     * {@code factor} when b is 1 (exactly: {@code b·factor + (1 − b)} is 1 or factor), and halves m, rounding down.
     */
    private static void multiplyByLowBitFactor(float[] values, float[] bits, float factor, int length) {
        for (int p = 0; p < length; p++) {
            float m = bits[p];
            // m/2 is k or k + 1/2; minus 1/4, rounded to the nearest integer, is k = floor(m/2).
            float half = ((m * 0.5f - 0.25f) + ROUND) - ROUND;
            float bit = m - 2f * half;
            values[p] *= bit * factor + (1f - bit);
            bits[p] = half;
        }
    }
}
