package io.github.faceparse4j.core.layer;

/**
 * A fixed 2x change of resolution applied to one input of a {@link ResampleConcatVertex}, with its hand-written
 * forward and backward kernels on one {@code [H, W]} plane.
 *
 * <p>{@link #MAX_POOL_2X2} is {@code SubsamplingLayer(MAX, kernel 2, stride 2, Truncate)} (odd last row and column
 * dropped; on ties the gradient goes to the first maximum in row-major order, as in PyTorch); {@link #NEAREST_UP_2X}
 * is {@code Upsampling2D(2)}.
 */
public enum Resample {

    /** Passes the plane through. */
    IDENTITY {
        @Override
        long outputSize(long inputSize) {
            return inputSize;
        }

        @Override
        void forward(HostArray in, int inBase, int inH, int inW, HostArray out, int outBase) {
            int n = inH * inW;
            for (int i = 0; i < n; i++) {
                out.set(outBase + i, in.get(inBase + i));
            }
        }

        @Override
        void backward(HostArray in, int inBase, int inH, int inW, HostArray eps, int epsBase, HostArray grad) {
            int n = inH * inW;
            for (int i = 0; i < n; i++) {
                grad.set(inBase + i, eps.get(epsBase + i));
            }
        }

        @Override
        void forward(float[] in, int inH, int inW, float[] out) {
            System.arraycopy(in, 0, out, 0, inH * inW);
        }

        @Override
        void backward(float[] in, int inH, int inW, float[] eps, float[] grad) {
            System.arraycopy(eps, 0, grad, 0, inH * inW);
        }
    },

    /** 2x2 max pooling with stride 2: halves height and width (rounding down). */
    MAX_POOL_2X2 {
        @Override
        void forward(float[] in, int inH, int inW, float[] out) {
            int outH = inH / 2;
            int outW = inW / 2;
            for (int y = 0; y < outH; y++) {
                int top = 2 * y * inW;
                int bottom = top + inW;
                int dst = y * outW;
                for (int x = 0; x < outW; x++) {
                    float a = Math.max(in[top + 2 * x], in[top + 2 * x + 1]);
                    float b = Math.max(in[bottom + 2 * x], in[bottom + 2 * x + 1]);
                    out[dst + x] = Math.max(a, b);
                }
            }
        }

        @Override
        void backward(float[] in, int inH, int inW, float[] eps, float[] grad) {
            java.util.Arrays.fill(grad, 0, inH * inW, 0f);
            int outH = inH / 2;
            int outW = inW / 2;
            for (int y = 0; y < outH; y++) {
                int top = 2 * y * inW;
                int bottom = top + inW;
                int src = y * outW;
                for (int x = 0; x < outW; x++) {
                    int i0 = top + 2 * x;
                    int i2 = bottom + 2 * x;
                    // The first maximum in row-major order takes the gradient, as in the generic kernel.
                    int best = i0;
                    float max = in[i0];
                    if (in[i0 + 1] > max) {
                        best = i0 + 1;
                        max = in[i0 + 1];
                    }
                    if (in[i2] > max) {
                        best = i2;
                        max = in[i2];
                    }
                    if (in[i2 + 1] > max) {
                        best = i2 + 1;
                    }
                    grad[best] = eps[src + x];
                }
            }
        }

        @Override
        long outputSize(long inputSize) {
            return inputSize / 2;
        }

        @Override
        void forward(HostArray in, int inBase, int inH, int inW, HostArray out, int outBase) {
            int outH = inH / 2;
            int outW = inW / 2;
            for (int y = 0; y < outH; y++) {
                int top = inBase + 2 * y * inW;
                int bottom = top + inW;
                int dst = outBase + y * outW;
                for (int x = 0; x < outW; x++) {
                    double a = Math.max(in.get(top + 2 * x), in.get(top + 2 * x + 1));
                    double b = Math.max(in.get(bottom + 2 * x), in.get(bottom + 2 * x + 1));
                    out.set(dst + x, Math.max(a, b));
                }
            }
        }

        @Override
        void backward(HostArray in, int inBase, int inH, int inW, HostArray eps, int epsBase, HostArray grad) {
            int outH = inH / 2;
            int outW = inW / 2;
            for (int y = 0; y < outH; y++) {
                int top = inBase + 2 * y * inW;
                int bottom = top + inW;
                int src = epsBase + y * outW;
                for (int x = 0; x < outW; x++) {
                    int i0 = top + 2 * x;
                    int i2 = bottom + 2 * x;
                    double v0 = in.get(i0);
                    double v1 = in.get(i0 + 1);
                    double v2 = in.get(i2);
                    double v3 = in.get(i2 + 1);
                    int best = i0;
                    double max = v0;
                    if (v1 > max) {
                        best = i0 + 1;
                        max = v1;
                    }
                    if (v2 > max) {
                        best = i2;
                        max = v2;
                    }
                    if (v3 > max) {
                        best = i2 + 1;
                    }
                    grad.set(i0, 0);
                    grad.set(i0 + 1, 0);
                    grad.set(i2, 0);
                    grad.set(i2 + 1, 0);
                    grad.set(best, eps.get(src + x));
                }
                if (inW % 2 == 1) {
                    grad.set(top + inW - 1, 0);
                    grad.set(bottom + inW - 1, 0);
                }
            }
            if (inH % 2 == 1) {
                int last = inBase + (inH - 1) * inW;
                for (int x = 0; x < inW; x++) {
                    grad.set(last + x, 0);
                }
            }
        }
    },

    /** Nearest-neighbour upsampling by 2: doubles height and width. */
    NEAREST_UP_2X {
        @Override
        void forward(float[] in, int inH, int inW, float[] out) {
            int outW = 2 * inW;
            for (int y = 0; y < inH; y++) {
                int src = y * inW;
                int dst = 2 * y * outW;
                for (int x = 0; x < inW; x++) {
                    float v = in[src + x];
                    out[dst + 2 * x] = v;
                    out[dst + 2 * x + 1] = v;
                }
                System.arraycopy(out, dst, out, dst + outW, outW);
            }
        }

        @Override
        void backward(float[] in, int inH, int inW, float[] eps, float[] grad) {
            int outW = 2 * inW;
            for (int y = 0; y < inH; y++) {
                int dst = y * inW;
                int top = 2 * y * outW;
                int bottom = top + outW;
                for (int x = 0; x < inW; x++) {
                    // Summed in double, as the generic kernel does, so both round the same.
                    grad[dst + x] = (float) ((double) eps[top + 2 * x] + eps[top + 2 * x + 1] + eps[bottom + 2 * x]
                            + eps[bottom + 2 * x + 1]);
                }
            }
        }

        @Override
        long outputSize(long inputSize) {
            return inputSize * 2;
        }

        @Override
        void forward(HostArray in, int inBase, int inH, int inW, HostArray out, int outBase) {
            int outW = 2 * inW;
            for (int y = 0; y < inH; y++) {
                int src = inBase + y * inW;
                int dst = outBase + 2 * y * outW;
                for (int x = 0; x < inW; x++) {
                    double v = in.get(src + x);
                    out.set(dst + 2 * x, v);
                    out.set(dst + 2 * x + 1, v);
                    out.set(dst + outW + 2 * x, v);
                    out.set(dst + outW + 2 * x + 1, v);
                }
            }
        }

        @Override
        void backward(HostArray in, int inBase, int inH, int inW, HostArray eps, int epsBase, HostArray grad) {
            int outW = 2 * inW;
            for (int y = 0; y < inH; y++) {
                int dst = inBase + y * inW;
                int src = epsBase + 2 * y * outW;
                for (int x = 0; x < inW; x++) {
                    grad.set(dst + x, eps.get(src + 2 * x) + eps.get(src + 2 * x + 1) + eps.get(src + outW + 2 * x)
                            + eps.get(src + outW + 2 * x + 1));
                }
            }
        }
    };

    /**
     * {@link #forward(HostArray, int, int, int, HostArray, int)} on float planes staged in heap arrays (plane at index
     * 0): the same arithmetic, several times faster than element calls on a native buffer.
     */
    abstract void forward(float[] in, int inH, int inW, float[] out);

    /** {@link #backward(HostArray, int, int, int, HostArray, int, HostArray)} on staged float planes. */
    abstract void backward(float[] in, int inH, int inW, float[] eps, float[] grad);

    /** Output height (or width) for an input height (or width). */
    abstract long outputSize(long inputSize);

    /**
     * Resamples one input plane of {@code inH x inW} starting at {@code inBase} into the output plane at
     * {@code outBase}.
     */
    abstract void forward(HostArray in, int inBase, int inH, int inW, HostArray out, int outBase);

    /**
     * Writes the gradient of one input plane (every element, at {@code inBase} in {@code grad}, laid out like
     * {@code in}) from the gradient of its output plane at {@code epsBase} in {@code eps}.
     */
    abstract void backward(HostArray in, int inBase, int inH, int inW, HostArray eps, int epsBase, HostArray grad);
}
