package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.github.faceparse4j.core.backend.FastPath;

class Deconvolution2x2Test {

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    @Test
    void gradientsAreCorrect() {
        for (boolean bias : new boolean[] {true, false}) {
            ComputationGraph net = LayerChecks.graph(DataType.DOUBLE, InputType.convolutional(3, 4, 2), g -> g
                    .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.TANH).build(),
                            "in")
                    .addLayer("last", Deconvolution2x2.builder().nOut(2).activation(Activation.TANH).hasBias(bias)
                            .build(), "conv"));
            LayerChecks.assertGradientsCorrect(net, LayerChecks.random(DataType.DOUBLE, 2, 2, 3, 4),
                    LayerChecks.random(DataType.DOUBLE, 2, 2, 6, 8));
        }
    }

    @Test
    void computesWhatDeconvolution2DComputes() {
        INDArray x = LayerChecks.random(DataType.FLOAT, 4, 5, 7, 6);
        INDArray labels = LayerChecks.random(DataType.FLOAT, 4, 3, 14, 12);
        for (Activation activation : new Activation[] {Activation.RELU, Activation.IDENTITY}) {
            ComputationGraph stock = deconvNet(new Deconvolution2D.Builder().kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).nOut(3).activation(activation).build());
            ComputationGraph ours = deconvNet(Deconvolution2x2.builder().nOut(3).activation(activation).build());
            LayerChecks.assertSameFunction(stock, ours, x, labels, 1e-5);
        }
    }

    @Test
    void survivesJson() {
        ComputationGraph net = deconvNet(Deconvolution2x2.builder().nOut(3).activation(Activation.RELU).build());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        ComputationGraph restored = new ComputationGraph(back);
        restored.init(net.params().dup(), false);
        assertInstanceOf(Deconvolution2x2Layer.class, restored.getLayer("last"));
        INDArray x = LayerChecks.random(DataType.FLOAT, 2, 5, 4, 4);
        LayerChecks.assertClose(net.outputSingle(x), restored.outputSingle(x), 0, "output");
    }

    @Test
    void layerParamsRoundTripThroughSetParams() {
        ComputationGraph a = deconvNet(Deconvolution2x2.builder().nOut(3).build());
        ComputationGraph b = deconvNet(Deconvolution2x2.builder().nOut(3).build());
        b.getLayer("last").params().assign(0);
        b.getLayer("last").setParams(a.getLayer("last").params().dup());
        assertEquals(a.getLayer("last").paramTable(), b.getLayer("last").paramTable());
    }

    @Test
    void wrongChannelCountIsNamed() {
        ComputationGraph net = deconvNet(Deconvolution2x2.builder().nOut(3).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.getLayer("last").activate(LayerChecks.random(DataType.FLOAT, 1, 4, 3, 3), false,
                        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("[1, 4, 3, 3]"), e.getMessage());
    }

    @Test
    void builderNeedsNOut() {
        assertThrows(IllegalStateException.class, () -> Deconvolution2x2.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Deconvolution2x2.builder().nOut(0));
    }

    @Test
    void otherGeometryFromJsonIsRejected() {
        Deconvolution2x2 conf = Deconvolution2x2.builder().nOut(3).build();
        conf.setStride(new int[] {1, 1});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deconvNet(conf));
        assertTrue(e.getMessage().contains("stride [1, 1]"), e.getMessage());
    }

    @Test
    void defaultActivationIsIdentity() {
        assertEquals(Activation.IDENTITY.getActivationFunction(),
                Deconvolution2x2.builder().nOut(1).build().getActivationFn());
    }

    private static ConvolutionLayer conv(int nOut) {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).convolutionMode(ConvolutionMode.Truncate).nOut(nOut)
                .activation(Activation.TANH).build();
    }

    /** conv 3x3 (so that the deconvolution's input gradient is checked through its weights) then the layer. */
    private static ComputationGraph deconvNet(Layer deconv) {
        return LayerChecks.graph(DataType.FLOAT, InputType.convolutional(7, 6, 5), g -> g
                .addLayer("conv", conv(5), "in")
                .addLayer("last", deconv, "conv"));
    }
}
