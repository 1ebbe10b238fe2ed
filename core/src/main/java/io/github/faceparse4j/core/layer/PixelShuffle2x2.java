package io.github.faceparse4j.core.layer;

/**
 * The data movement of a 2x2, stride-2 transposed convolution computed as a matrix product.
 *
 * <p>Such a convolution maps each input pixel to its own 2x2 output block: with the weights {@code [Cin, Cout, 2, 2]}
 * seen as a {@code [Cin, Cout*4]} matrix, {@code Y[n] = W^T X[n]} gives {@code Y} of shape {@code [N, Cout*4, H*W]}
 * (row {@code co*4 + 2i + j}), and {@link #shuffle} scatters it to {@code out[n, co, 2h+i, 2w+j]}. {@link #unshuffle}
 * is the exact reverse, used in the backward pass. Stateless and thread-safe.
 */
final class PixelShuffle2x2 {

    private PixelShuffle2x2() {
    }

    /**
     * {@code out[n, c, 2h+i, 2w+j] = y[n, c*4 + 2i + j, h*W + w] + bias[c]}.
     *
     * @param y {@code [N, C*4, H*W]}
     * @param out {@code [N, C, 2H, 2W]}, fully overwritten
     * @param bias {@code [C]}, or null for none
     */
    static void shuffle(HostArray y, HostArray out, HostArray bias, int n, int c, int h, int w) {
        int hw = h * w;
        int w2 = 2 * w;
        PlaneLoop.forEach(n * c, 4L * hw, nc -> {
            double b = bias == null ? 0 : bias.get(nc % c);
            int base = nc * 4 * hw;
            for (int i = 0; i < 2; i++) {
                for (int row = 0; row < h; row++) {
                    int dst = base + (2 * row + i) * w2;
                    int src0 = base + 2 * i * hw + row * w;
                    int src1 = src0 + hw;
                    for (int col = 0; col < w; col++) {
                        out.set(dst + 2 * col, y.get(src0 + col) + b);
                        out.set(dst + 2 * col + 1, y.get(src1 + col) + b);
                    }
                }
            }
        });
    }

    /**
     * The reverse of {@link #shuffle} without the bias: {@code g[n, c*4 + 2i + j, h*W + w] = delta[n, c, 2h+i, 2w+j]};
     * also sums {@code delta} per channel into {@code biasGradient} when that is not null.
     *
     * @param delta {@code [N, C, 2H, 2W]}
     * @param g {@code [N, C*4, H*W]}, fully overwritten
     * @param biasGradient {@code [C]}, overwritten with the per-channel sums, or null
     */
    static void unshuffle(HostArray delta, HostArray g, HostArray biasGradient, int n, int c, int h, int w) {
        int hw = h * w;
        int w2 = 2 * w;
        double[] planeSums = new double[n * c];
        PlaneLoop.forEach(n * c, 4L * hw, nc -> {
            int base = nc * 4 * hw;
            double sum = 0;
            for (int i = 0; i < 2; i++) {
                for (int row = 0; row < h; row++) {
                    int src = base + (2 * row + i) * w2;
                    int dst0 = base + 2 * i * hw + row * w;
                    int dst1 = dst0 + hw;
                    for (int col = 0; col < w; col++) {
                        double a = delta.get(src + 2 * col);
                        double b = delta.get(src + 2 * col + 1);
                        g.set(dst0 + col, a);
                        g.set(dst1 + col, b);
                        sum += a + b;
                    }
                }
            }
            planeSums[nc] = sum;
        });
        if (biasGradient != null) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int img = 0; img < n; img++) {
                    sum += planeSums[img * c + ch];
                }
                biasGradient.set(ch, sum);
            }
        }
    }
}
