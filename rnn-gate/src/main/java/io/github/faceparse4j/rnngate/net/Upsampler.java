package io.github.faceparse4j.rnngate.net;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * How the network doubles the resolution of a feature map: the paper's deconvolutions (Deconv6 to 64 x 64 and the
 * final upsampling to 128 x 128). This is the swap point for faster upsampling layers: a block adds one or more
 * vertices that map {@code [N, inChannels, H, W]} to {@code [N, outChannels, 2H, 2W]} with a linear (identity)
 * output activation, because the block's result feeds the gate, the recurrence and the loss heads as raw scores.
 *
 * <p>Implementations must be stateless and thread-safe; they only describe layers.
 */
public interface Upsampler {

    /**
     * Adds the block to {@code graph}.
     *
     * @param name        prefix for the names of the added vertices; unique in the graph
     * @param input       name of the vertex whose output is upsampled
     * @param inChannels  channels of that output
     * @param outChannels channels of the block's output
     * @return the name of the vertex that gives the block's output: a layer named {@code name} with a bias, so that
     *     per-channel offsets of the output can be set through that bias (see {@link RnnGNetwork#LOGITS_LAYER})
     */
    String addTo(GraphBuilder graph, String name, String input, int inChannels, int outChannels);

    /** Short name recorded in model metadata, e.g. {@code "deconvolution"}. */
    String name();

    /**
     * The paper's learned deconvolution: a DL4J {@code Deconvolution2D}, 4 x 4 kernel, stride 2, same padding.
     * Its weights start as bilinear interpolation ({@link BilinearWeightInit}) when the channel count is kept, and
     * Xavier-random when it changes. Slow on DL4J 1.0.0-M2.1's CPU path (no oneDNN helper), but the paper's layer.
     */
    static Upsampler deconvolution() {
        return DeconvolutionUpsampler.INSTANCE;
    }

    /**
     * A learned 2 x 2, stride 2 transposed convolution computed as one matrix product and a pixel shuffle
     * ({@code core.layer.Deconvolution2x2}), much faster than DL4J's {@code Deconvolution2D} on the CPU. Its weights
     * start as nearest-neighbour upsampling when the channel count is kept, Xavier-random when it changes.
     */
    static Upsampler deconvolution2x2() {
        return Deconvolution2x2Upsampler.INSTANCE;
    }

    /**
     * Nearest-neighbour 2x upsampling followed by a learned 3 x 3 convolution (same padding): the same receptive
     * field and parameter count order as the deconvolution, but both parts run on oneDNN.
     */
    static Upsampler nearestConvolution() {
        return NearestConvolutionUpsampler.INSTANCE;
    }

    /**
     * As {@link #nearestConvolution()} with a k x k convolution, k odd; named {@code nearest-convolution-k} (plain
     * {@code nearest-convolution} for k = 3).
     *
     * @throws IllegalArgumentException if k is not odd and positive
     */
    static Upsampler nearestConvolution(int kernel) {
        return kernel == 3 ? NearestConvolutionUpsampler.INSTANCE : new NearestConvolutionUpsampler(kernel);
    }

    /**
     * The upsampler of a {@link #name()}: {@code deconvolution}, {@code deconvolution-2x2}, {@code nearest-convolution}
     * or {@code nearest-convolution-k}.
     *
     * @throws IllegalArgumentException naming the accepted names if {@code name} is none of them
     */
    static Upsampler byName(String name) {
        for (Upsampler u : new Upsampler[] {deconvolution(), deconvolution2x2()}) {
            if (u.name().equalsIgnoreCase(name)) {
                return u;
            }
        }
        NearestConvolutionUpsampler nearest = NearestConvolutionUpsampler.byName(name.toLowerCase(Locale.ROOT));
        if (nearest != null) {
            return nearest;
        }
        throw new IllegalArgumentException("Unknown upsampler '" + name + "'; expected deconvolution, "
                + "deconvolution-2x2, nearest-convolution or nearest-convolution-K (K odd)");
    }
}
