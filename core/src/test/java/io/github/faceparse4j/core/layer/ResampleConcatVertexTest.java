package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.github.faceparse4j.core.backend.FastPath;

class ResampleConcatVertexTest {

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    @Test
    void gradientsAreCorrect() {
        ComputationGraph net = interlinked(DataType.DOUBLE, 8, 1);
        LayerChecks.assertGradientsCorrect(net, LayerChecks.random(DataType.DOUBLE, 2, 1, 8, 8),
                LayerChecks.random(DataType.DOUBLE, 2, 5, 4, 4));
    }

    @Test
    void computesWhatPoolUpsampleAndMergeCompute() {
        ComputationGraph stock = LayerChecks.graph(DataType.FLOAT, InputType.convolutional(12, 12, 3), g -> {
            scales(g);
            g.addLayer("pool", maxPool(), "fine");
            g.addLayer("up", new Upsampling2D.Builder(2).build(), "coarse");
            g.addVertex("last", new MergeVertex(), "mid", "pool", "up");
        });
        ComputationGraph ours = interlinked(DataType.FLOAT, 12, 3);
        LayerChecks.assertSameFunction(stock, ours, LayerChecks.random(DataType.FLOAT, 3, 3, 12, 12),
                LayerChecks.random(DataType.FLOAT, 3, 5, 6, 6), 1e-6);
    }

    @Test
    void maxPoolOfOddSizeDropsTheLastRowAndColumnLikeSubsampling() {
        ComputationGraph stock = LayerChecks.graph(DataType.FLOAT, InputType.convolutional(7, 9, 2), g -> g
                .addLayer("conv", conv(3), "in")
                .addLayer("last", maxPool(), "conv"));
        ComputationGraph ours = LayerChecks.graph(DataType.FLOAT, InputType.convolutional(7, 9, 2), g -> g
                .addLayer("conv", conv(3), "in")
                .addVertex("last", ResampleConcatVertex.of(Resample.MAX_POOL_2X2), "conv"));
        LayerChecks.assertSameFunction(stock, ours, LayerChecks.random(DataType.FLOAT, 2, 2, 7, 9),
                LayerChecks.random(DataType.FLOAT, 2, 3, 3, 4), 1e-6);
    }

    /** The float kernels (heap-staged planes) against the generic ones, bit for bit, on odd sizes and with ties. */
    @Test
    void floatKernelsMatchTheGenericOnes() {
        int h = 7;
        int w = 9;
        java.util.Random random = new java.util.Random(4);
        for (Resample resample : Resample.values()) {
            int oh = (int) resample.outputSize(h);
            int ow = (int) resample.outputSize(w);
            float[] in = new float[h * w];
            float[] eps = new float[oh * ow];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(4);   // few distinct values: many ties inside the 2x2 windows
            }
            for (int i = 0; i < eps.length; i++) {
                eps[i] = random.nextFloat() - 0.5f;
            }
            INDArray inArray = Nd4j.createFromArray(in);
            INDArray epsArray = Nd4j.createFromArray(eps);
            INDArray outArray = Nd4j.create(DataType.FLOAT, oh * ow);
            INDArray gradArray = Nd4j.create(DataType.FLOAT, h * w);
            resample.forward(HostArray.of(inArray), 0, h, w, HostArray.of(outArray), 0);
            resample.backward(HostArray.of(inArray), 0, h, w, HostArray.of(epsArray), 0, HostArray.of(gradArray));
            float[] out = new float[oh * ow];
            float[] grad = new float[h * w];
            java.util.Arrays.fill(grad, Float.NaN);
            resample.forward(in, h, w, out);
            resample.backward(in, h, w, eps, grad);
            assertArrayEquals(outArray.toFloatVector(), out, resample + " forward");
            assertArrayEquals(gradArray.toFloatVector(), grad, resample + " backward");
        }
    }

    @Test
    void survivesJson() {
        ComputationGraph net = interlinked(DataType.FLOAT, 8, 1);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        ResampleConcatVertex vertex = assertInstanceOf(ResampleConcatVertex.class, back.getVertices().get("last"));
        assertEquals(List.of(Resample.IDENTITY, Resample.MAX_POOL_2X2, Resample.NEAREST_UP_2X), vertex.resamples());
        assertEquals(net.getConfiguration().getVertices().get("last"), vertex);
    }

    @Test
    void mismatchedResolutionsAreRejectedWhenTheGraphIsBuilt() {
        InvalidInputTypeException e = assertThrows(InvalidInputTypeException.class,
                () -> LayerChecks.graph(DataType.FLOAT, InputType.convolutional(8, 8, 1), g -> {
                    scales(g);
                    g.allowDisconnected(true);
                    g.addVertex("last", ResampleConcatVertex.of(Resample.IDENTITY, Resample.IDENTITY), "mid",
                            "fine");
                }));
        assertTrue(e.getMessage().contains("input 1"), e.getMessage());
    }

    @Test
    void needsOneResamplePerInput() {
        assertThrows(IllegalArgumentException.class, ResampleConcatVertex::of);
        assertThrows(IllegalArgumentException.class, () -> ResampleConcatVertex.of(Resample.IDENTITY, null));
    }

    /** The three scales merged at the middle one by the vertex under test. */
    private static ComputationGraph interlinked(DataType type, int size, int channels) {
        return LayerChecks.graph(type, InputType.convolutional(size, size, channels), g -> {
            scales(g);
            g.addVertex("last", ResampleConcatVertex.of(Resample.IDENTITY, Resample.MAX_POOL_2X2,
                    Resample.NEAREST_UP_2X), "mid", "fine", "coarse");
        });
    }

    /** "fine" at the input size, "mid" at half, "coarse" at a quarter; 2, 2 and 1 channels. */
    private static void scales(ComputationGraphConfiguration.GraphBuilder g) {
        g.addLayer("fine", conv(2), "in");
        g.addLayer("half", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2)
                .stride(2, 2).build(), "in");
        g.addLayer("mid", conv(2), "half");
        g.addLayer("quarter", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2)
                .stride(2, 2).build(), "half");
        g.addLayer("coarse", conv(1), "quarter");
    }

    private static ConvolutionLayer conv(int nOut) {
        return new ConvolutionLayer.Builder(1, 1).convolutionMode(ConvolutionMode.Truncate).nOut(nOut)
                .activation(Activation.TANH).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate).build();
    }
}
