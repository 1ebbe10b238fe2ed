package io.github.faceparse4j.rnngate.net;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/** {@link Upsampler#deconvolution()}: one 4 x 4, stride 2 {@code Deconvolution2D}. */
final class DeconvolutionUpsampler implements Upsampler {

    static final DeconvolutionUpsampler INSTANCE = new DeconvolutionUpsampler();

    private DeconvolutionUpsampler() {
    }

    @Override
    public String addTo(GraphBuilder graph, String name, String input, int inChannels, int outChannels) {
        Deconvolution2D.Builder deconv = new Deconvolution2D.Builder(4, 4).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).nIn(inChannels).nOut(outChannels)
                .activation(Activation.IDENTITY);
        // A square deconvolution starts as bilinear interpolation; a channel-changing one has no such natural start.
        if (inChannels == outChannels) {
            deconv.weightInit(new BilinearWeightInit());
        } else {
            deconv.weightInit(WeightInit.XAVIER);
        }
        graph.addLayer(name, deconv.build(), input);
        return name;
    }

    @Override
    public String name() {
        return "deconvolution";
    }

    @Override
    public String toString() {
        return "Upsampler.deconvolution()";
    }
}
