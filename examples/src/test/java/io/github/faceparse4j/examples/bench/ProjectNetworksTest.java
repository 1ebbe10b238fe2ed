package io.github.faceparse4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.rnngate.train.RnnGEncoder;

/**
 * The real networks are registered, have the parameter counts their PyTorch twins print, and train on their random
 * batches.
 */
class ProjectNetworksTest {

    private static final Map<String, BenchNetwork> BY_NAME = ProjectNetworks.all().stream()
            .collect(Collectors.toMap(BenchNetwork::name, Function.identity()));

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    @ParameterizedTest
    @CsvSource({"rnng-128-3, 20163", "rnng-128-11, 21323", "rnng5-128-3, 53075", "rnng5-128-11, 45899", "icnn-stage1-64, 426549", "icnn-part-64, 401118",
            "icnn-mouth-80, 406764"})
    void hasTheTwinsParameterCountAndTrainsOnItsRandomBatch(String name, long params) {
        BenchNetwork network = BY_NAME.get(name);
        assertTrue(BenchNetworks.all().stream().anyMatch(n -> n.name().equals(name)), name + " is not registered");
        ComputationGraph graph = network.build();
        assertEquals(params, graph.numParams(), name);
        MultiDataSet batch = network.randomBatch(2, 7);
        graph.fit(batch);
        assertTrue(Double.isFinite(graph.score()), name + ": score " + graph.score());
    }

    @Test
    void rnnGBatchHasTheLayoutOfTheTrainingEncodersAndABoundaryMask() {
        RnnGBenchNetwork network = (RnnGBenchNetwork) BY_NAME.get("rnng-128-11");
        RnnGEncoder encoder = RnnGEncoder.builder().setScheme(LabelScheme.HELEN_11).setNetwork(network.network())
                .build();
        MultiDataSet batch = network.randomBatch(2, 3);
        assertArrayEquals(withBatch(encoder.featureShapes().get(0)), batch.getFeatures(0).shape());
        List<long[]> labels = encoder.labelShapes();
        List<long[]> masks = encoder.labelMaskShapes();
        assertEquals(labels.size(), batch.numLabelsArrays());
        for (int i = 0; i < labels.size(); i++) {
            assertArrayEquals(withBatch(labels.get(i)), batch.getLabels(i).shape(), "labels " + i);
            INDArray mask = batch.getLabelsMaskArray(i);
            if (masks.get(i) == null) {
                assertNull(mask, "mask " + i);
            } else {
                assertArrayEquals(withBatch(masks.get(i)), mask.shape(), "mask " + i);
            }
        }
        // One class per pixel; the 1:5 sampling counts every boundary pixel (gate label 0) but not every pixel.
        assertEquals(2 * 128 * 128, batch.getLabels(0).sumNumber().longValue());
        INDArray boundaries = batch.getLabels(2).rsub(1);
        INDArray mask = batch.getLabelsMaskArray(2);
        double boundaryCount = boundaries.sumNumber().doubleValue();
        double counted = mask.sumNumber().doubleValue();
        assertEquals(boundaryCount, boundaries.mul(mask).sumNumber().doubleValue(), 1e-6);
        assertTrue(boundaryCount > 0 && counted > boundaryCount && counted < mask.length(),
                "boundaries " + boundaryCount + ", counted " + counted);
    }

    private static long[] withBatch(long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = 2;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }
}
