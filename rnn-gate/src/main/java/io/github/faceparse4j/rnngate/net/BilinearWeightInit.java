package io.github.faceparse4j.rnngate.net;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Initialises a square deconvolution (in channels = out channels) to bilinear interpolation, the usual start for a
 * learned upsampling layer (as in fully convolutional networks): channel {@code c} is upsampled into channel
 * {@code c} only, with the separable tent kernel {@code (1 - |y - m| / f) (1 - |x - m| / f)}, where {@code f} is
 * the upsampling factor {@code ceil(k / 2)} and {@code m} the kernel centre. For a 4 x 4 kernel with stride 2 the
 * kernel taps are {@code 1/4, 3/4, 3/4, 1/4} per axis, so a constant map stays constant; a 2 x 2 kernel (stride 2)
 * gets nearest-neighbour upsampling, taps {@code 1, 1}.
 *
 * <p>Weight layout (DL4J {@code Deconvolution2D}): {@code [inChannels, outChannels, kH, kW]}. Immutable;
 * serialised by Jackson as part of the network configuration (hence the public no-argument constructor).
 */
public final class BilinearWeightInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    public BilinearWeightInit() {
        // Stateless; Jackson needs the constructor.
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 4 || shape[0] != shape[1]) {
            throw new IllegalArgumentException("Bilinear init needs deconvolution weights [C, C, kH, kW], got "
                    + java.util.Arrays.toString(shape));
        }
        int channels = Math.toIntExact(shape[0]);
        int kh = Math.toIntExact(shape[2]);
        int kw = Math.toIntExact(shape[3]);
        double[] ty = tent(kh);
        double[] tx = tent(kw);
        INDArray weights = paramView.reshape(order, shape);
        weights.assign(0);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    weights.putScalar(new long[] {c, c, y, x}, ty[y] * tx[x]);
                }
            }
        }
        return weights;
    }

    /**
     * The 1-D tent of length {@code k}: factor {@code f = ceil(k/2)}, centre as in FCN's bilinear filler. A kernel
     * of 2 (stride 2) cannot interpolate, each output seeing one input, so it gets the nearest-neighbour taps 1, 1.
     */
    private static double[] tent(int k) {
        if (k == 2) {
            return new double[] {1, 1};
        }
        double f = Math.ceil(k / 2.0);
        double centre = (k % 2 == 1) ? f - 1 : f - 0.5;
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = 1 - Math.abs(i - centre) / f;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BilinearWeightInit;
    }

    @Override
    public int hashCode() {
        return BilinearWeightInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "BilinearWeightInit";
    }
}
