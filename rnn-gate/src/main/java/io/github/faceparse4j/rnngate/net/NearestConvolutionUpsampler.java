package io.github.faceparse4j.rnngate.net;

import io.github.faceparse4j.core.layer.Resample;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@link Upsampler#nearestConvolution()}: {@code Upsampling2D(2)}'s function (core's {@link Resample#NEAREST_UP_2X}
 * kernel) then a 3 x 3 convolution.
 */
final class NearestConvolutionUpsampler implements Upsampler {

    static final NearestConvolutionUpsampler INSTANCE = new NearestConvolutionUpsampler();

    private NearestConvolutionUpsampler() {
    }

    @Override
    public String addTo(GraphBuilder graph, String name, String input, int inChannels, int outChannels) {
        String upsampled = name + "-nearest";
        graph.addVertex(upsampled, ResampleConcatVertex.of(Resample.NEAREST_UP_2X), input);
        graph.addLayer(name, new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same)
                .nIn(inChannels).nOut(outChannels).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER)
                .build(), upsampled);
        return name;
    }

    @Override
    public String name() {
        return "nearest-convolution";
    }

    @Override
    public String toString() {
        return "Upsampler.nearestConvolution()";
    }
}
