package io.github.faceparse4j.core.layer;

/**
 * Softmax over the channel axis of an NCHW array, per pixel, with the maximum subtracted for stability. Written by
 * hand because libnd4j's {@code softmax} along axis 1 of a rank-4 array returns rows that do not sum to 1 in
 * nd4j-native 1.0.0-M2.1 (see docs/speed.md). Stateless and thread-safe.
 */
final class ChannelSoftmax {

    private ChannelSoftmax() {
    }

    /**
     * {@code out[n, k, p] = exp(z[n, k, p] - m) / sum_j exp(z[n, j, p] - m)} with {@code m = max_j z[n, j, p]}.
     *
     * @param z scores {@code [N, K, H*W]}
     * @param out probabilities, same layout, fully overwritten (may not alias {@code z})
     */
    static void apply(HostArray z, HostArray out, int n, int k, int hw) {
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
}
