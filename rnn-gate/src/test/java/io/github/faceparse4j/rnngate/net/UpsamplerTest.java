package io.github.faceparse4j.rnngate.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class UpsamplerTest {

    private static ComputationGraph upsampling(Upsampler upsampler, int in, int out, int side) {
        GraphBuilder graph = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(side, side, in));
        graph.setOutputs(upsampler.addTo(graph, "up", "in", in, out));
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    @Test
    void bilinearDeconvolutionInterpolatesAtPixelCentresAwayFromTheBorder() {
        ComputationGraph network = upsampling(Upsampler.deconvolution(), 2, 2, 4);
        // Channel 0 a horizontal ramp 0, 1, 2, 3; channel 1 constant 1.
        INDArray ramp = Nd4j.create(new double[] {0, 1, 2, 3}, 1, 4).repeat(0, 4).reshape(1, 1, 4, 4);
        INDArray input = Nd4j.concat(1, ramp, Nd4j.ones(DataType.DOUBLE, 1, 1, 4, 4));
        INDArray output = network.output(input)[0];
        assertArrayEquals(new long[] {1, 2, 8, 8}, output.shape());
        // Output pixel x samples the input at (x + 0.5) / 2 - 0.5: 0.25, 0.75, ..., 2.75 inside the map.
        INDArray row = output.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(3),
                NDArrayIndex.interval(1, 7));
        assertArrayEquals(new double[] {0.25, 0.75, 1.25, 1.75, 2.25, 2.75}, row.toDoubleVector(), 1e-12);
        INDArray interior = output.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.interval(1, 7),
                NDArrayIndex.interval(1, 7));
        assertEquals(36.0, interior.sumNumber().doubleValue(), 1e-12, "a constant map stays constant");
    }

    @Test
    void everyUpsamplerDoublesTheSideAndSetsTheChannels() {
        for (Upsampler upsampler : new Upsampler[] {Upsampler.deconvolution(), Upsampler.deconvolution2x2(),
                Upsampler.nearestConvolution(), Upsampler.nearestConvolution(5)}) {
            INDArray output = upsampling(upsampler, 4, 3, 6).output(Nd4j.rand(DataType.DOUBLE, 2, 4, 6, 6))[0];
            assertArrayEquals(new long[] {2, 3, 12, 12}, output.shape(), upsampler.name());
        }
    }

    @Test
    void namesLeadBackToTheirUpsamplers() {
        for (Upsampler upsampler : new Upsampler[] {Upsampler.deconvolution(), Upsampler.deconvolution2x2(),
                Upsampler.nearestConvolution(), Upsampler.nearestConvolution(5)}) {
            assertEquals(upsampler.name(), Upsampler.byName(upsampler.name()).name());
        }
        assertEquals("nearest-convolution", Upsampler.nearestConvolution(3).name());
        assertEquals("nearest-convolution-5", Upsampler.byName("Nearest-Convolution-5").name());
        assertEquals(5, upsampling(Upsampler.nearestConvolution(5), 2, 2, 4).getLayer("up").getParam("W").size(3));
        for (String bad : new String[] {"bilinear", "nearest-convolution-4", "nearest-convolution-x"}) {
            assertThrows(IllegalArgumentException.class, () -> Upsampler.byName(bad), bad);
        }
    }

    @Test
    void squareTwoByTwoDeconvolutionStartsAsNearestNeighbour() {
        INDArray input = Nd4j.rand(DataType.DOUBLE, 1, 3, 4, 4);
        INDArray output = upsampling(Upsampler.deconvolution2x2(), 3, 3, 4).output(input)[0];
        INDArray nearest = input.repeat(2, 2).repeat(3, 2);
        assertTrue(nearest.equalsWithEps(output, 1e-12));
    }

    @Test
    void bilinearInitSurvivesJsonAndRejectsNonSquareWeights() {
        for (Upsampler upsampler : new Upsampler[] {Upsampler.deconvolution(), Upsampler.deconvolution2x2()}) {
            ComputationGraphConfiguration conf = upsampling(upsampler, 2, 2, 4).getConfiguration();
            assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()), upsampler.name());
        }
        assertThrows(IllegalArgumentException.class, () -> new BilinearWeightInit().init(1, 1,
                new long[] {2, 3, 4, 4}, 'c', Nd4j.zeros(DataType.DOUBLE, 96)));
    }
}
