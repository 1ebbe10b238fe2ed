package io.github.faceparse4j.rnngate.net;

import io.github.faceparse4j.core.layer.Deconvolution2x2;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/** {@link Upsampler#deconvolution2x2()}: core's GEMM-based 2 x 2, stride 2 transposed convolution. */
final class Deconvolution2x2Upsampler implements Upsampler {

    static final Deconvolution2x2Upsampler INSTANCE = new Deconvolution2x2Upsampler();

    private Deconvolution2x2Upsampler() {
    }

    @Override
    public String addTo(GraphBuilder graph, String name, String input, int inChannels, int outChannels) {
        Deconvolution2x2 deconv = Deconvolution2x2.builder().nIn(inChannels).nOut(outChannels)
                .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        // A square deconvolution starts as interpolation: with a 2 x 2 kernel that is nearest-neighbour.
        if (inChannels == outChannels) {
            deconv.setWeightInitFn(new BilinearWeightInit());
        }
        graph.addLayer(name, deconv, input);
        return name;
    }

    @Override
    public String name() {
        return "deconvolution-2x2";
    }

    @Override
    public String toString() {
        return "Upsampler.deconvolution2x2()";
    }
}
