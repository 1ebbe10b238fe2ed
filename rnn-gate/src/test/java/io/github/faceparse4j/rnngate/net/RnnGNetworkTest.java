package io.github.faceparse4j.rnngate.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RnnGNetworkTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 11})
    void paperSizeOutputsHaveTheDocumentedShapes(int classes) {
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(classes).build();
        ComputationGraph graph = network.init();
        INDArray[] out = graph.output(Nd4j.rand(2, 3, 128, 128));
        assertEquals(3, out.length);
        assertArrayEquals(new long[] {2, classes, 128, 128}, out[0].shape());
        assertArrayEquals(new long[] {2, classes, 64, 64}, out[1].shape());
        assertArrayEquals(new long[] {2, 1, 64, 64}, out[2].shape());
        assertEquals(2.0 * 128 * 128, out[0].sumNumber().doubleValue(), 1e-1, "softmax over classes");
        assertTrue(out[2].minNumber().doubleValue() > 0 && out[2].maxNumber().doubleValue() < 1, "sigmoid gate");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantBuildsWithItsOutputs(Variant variant) {
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(3).optVariant(variant).optInputSize(16).build();
        ComputationGraph graph = network.init();
        INDArray[] out = graph.output(Nd4j.rand(1, 3, 16, 16));
        assertEquals(variant.outputs().size(), out.length);
        for (int i = 0; i < out.length; i++) {
            assertArrayEquals(network.outputShape(variant.outputs().get(i), 1), out[i].shape(),
                    variant.outputs().get(i).toString());
        }
    }

    @Test
    void configurationSurvivesJsonWithTheRecurrenceAndTheChannelSubsets() {
        ComputationGraphConfiguration conf = RnnGNetwork.builder().setNumClasses(11).optInputSize(16).build()
                .configuration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalStateException.class, () -> RnnGNetwork.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RnnGNetwork.builder().setNumClasses(1));
        assertThrows(IllegalArgumentException.class, () -> RnnGNetwork.builder().optInputSize(130));
        assertThrows(IllegalStateException.class,
                () -> RnnGNetwork.builder().setNumClasses(3).optClassWeights(1, 2).build());
        assertThrows(IllegalArgumentException.class, () -> RnnGNetwork.builder().optClassWeights(1, -2, 1));
        assertThrows(IllegalArgumentException.class, () -> Variant.byName("lstm"));
    }
}
