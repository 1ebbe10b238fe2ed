package io.github.faceparse4j.core.layer;

/**
 * Softmax over the channel axis of an NCHW array, per pixel, with the maximum subtracted for stability. Written by
 * hand because libnd4j's {@code softmax} along axis 1 of a rank-4 array returns rows that do not sum to 1 in
 * nd4j-native 1.0.0-M2.1 (see docs/speed.md). Stateless and thread-safe.
 */
final class ChannelSoftmax {

    /** Pixels per pass of the float path. */
    private static final int CHUNK = FloatExp.CHUNK;

    private ChannelSoftmax() {
    }

    /**
     * {@code out[n, k, p] = exp(z[n, k, p] - m) / sum_j exp(z[n, j, p] - m)} with {@code m = max_j z[n, j, p]}.
     *
     * @param z scores {@code [N, K, H*W]}
     * @param out probabilities, same layout, fully overwritten (may not alias {@code z})
     */
    static void apply(HostArray z, HostArray out, int n, int k, int hw) {
        if (z.holdsFloats() && out.holdsFloats()) {
            applyToFloats(z, out, n, k, hw);
            return;
        }
        PlaneLoop.forEach(n, (long) k * hw, img -> {
            int base = img * k * hw;
            double[] max = new double[hw];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int c = 0; c < k; c++) {
                int row = base + c * hw;
                for (int p = 0; p < hw; p++) {
                    max[p] = Math.max(max[p], z.get(row + p));
                }
            }
            double[] sum = new double[hw];
            for (int c = 0; c < k; c++) {
                int row = base + c * hw;
                for (int p = 0; p < hw; p++) {
                    double e = Math.exp(z.get(row + p) - max[p]);
                    out.set(row + p, e);
                    sum[p] += e;
                }
            }
            for (int c = 0; c < k; c++) {
                int row = base + c * hw;
                for (int p = 0; p < hw; p++) {
                    out.set(row + p, out.get(row + p) / sum[p]);
                }
            }
        });
    }

    /**
     * {@link #apply} in single precision, on {@code float[]} rows that C2 vectorises, with {@link FloatExp}: about 3x
     * faster than the double path. Inputs more than 43 below their pixel's maximum count as 43 below.
     */
    private static void applyToFloats(HostArray z, HostArray out, int n, int k, int hw) {
        PlaneLoop.forEach(n, (long) k * hw, img -> {
            int base = img * k * hw;
            float[][] rows = new float[k][CHUNK];
            float[] max = new float[CHUNK];
            float[] sum = new float[CHUNK];
            float[] scratch = new float[CHUNK];
            for (int from = 0; from < hw; from += CHUNK) {
                int length = Math.min(CHUNK, hw - from);
                for (int c = 0; c < k; c++) {
                    z.getFloats(base + c * hw + from, rows[c], length);
                }
                java.util.Arrays.fill(max, 0, length, Float.NEGATIVE_INFINITY);
                for (float[] row : rows) {
                    for (int p = 0; p < length; p++) {
                        max[p] = Math.max(max[p], row[p]);
                    }
                }
                java.util.Arrays.fill(sum, 0, length, 0f);
                for (float[] row : rows) {
                    for (int p = 0; p < length; p++) {
                        row[p] -= max[p];
                    }
                    FloatExp.expInPlace(row, scratch, length);
                    for (int p = 0; p < length; p++) {
                        sum[p] += row[p];
                    }
                }
                for (int p = 0; p < length; p++) {
                    sum[p] = 1f / sum[p];
                }
                for (int c = 0; c < k; c++) {
                    float[] row = rows[c];
                    for (int p = 0; p < length; p++) {
                        row[p] *= sum[p];
                    }
                    out.putFloats(base + c * hw + from, row, length);
                }
            }
        });
    }
}
