package io.github.faceparse4j.rnngate.net;

import io.github.faceparse4j.core.layer.Resample;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@link Upsampler#nearestConvolution(int)}: {@code Upsampling2D(2)}'s function (core's {@link Resample#NEAREST_UP_2X}
 * kernel) then a k x k convolution (3 x 3 for {@link Upsampler#nearestConvolution()}).
 */
final class NearestConvolutionUpsampler implements Upsampler {

    static final NearestConvolutionUpsampler INSTANCE = new NearestConvolutionUpsampler(3);

    private static final String NAME = "nearest-convolution";

    /** Side of the convolution kernel, odd. */
    private final int kernel;

    NearestConvolutionUpsampler(int kernel) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("The upsampling convolution's kernel must be odd, got " + kernel);
        }
        this.kernel = kernel;
    }

    /** The upsampler {@link #name()} names, or null if the name is not this kind's. */
    static NearestConvolutionUpsampler byName(String name) {
        if (name.equals(NAME)) {
            return INSTANCE;
        }
        if (name.startsWith(NAME + "-")) {
            try {
                return new NearestConvolutionUpsampler(Integer.parseInt(name.substring(NAME.length() + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String addTo(GraphBuilder graph, String name, String input, int inChannels, int outChannels) {
        String upsampled = name + "-nearest";
        graph.addVertex(upsampled, ResampleConcatVertex.of(Resample.NEAREST_UP_2X), input);
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).convolutionMode(ConvolutionMode.Same)
                .nIn(inChannels).nOut(outChannels).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER)
                .build(), upsampled);
        return name;
    }

    @Override
    public String name() {
        return kernel == 3 ? NAME : NAME + "-" + kernel;
    }

    @Override
    public String toString() {
        return "Upsampler.nearestConvolution(" + kernel + ")";
    }
}
