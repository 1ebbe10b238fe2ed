package io.github.faceparse4j.icnn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartCrops;
import java.io.IOException;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

class InterlinkedCnnTest {

    private DataType savedDefault;

    @AfterEach
    void restoreDataType() {
        if (savedDefault != null) {
            Nd4j.setDefaultDataTypes(savedDefault, savedDefault);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 80})
    void outputHasOneProbabilityMapPerLabelAtInputSize(int size) {
        InterlinkedCnn icnn = InterlinkedCnn.builder().setNumLabels(9).build();
        ComputationGraph graph = icnn.createGraph();
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, size, size);

        INDArray out = graph.outputSingle(input);

        assertArrayEquals(new long[] {2, 9, size, size}, out.shape());
        INDArray sums = out.sum(1);
        assertEquals(1.0, sums.minNumber().doubleValue(), 1e-4);
        assertEquals(1.0, sums.maxNumber().doubleValue(), 1e-4);
    }

    @Test
    void defaultsFollowThePaper() {
        InterlinkedCnn icnn = InterlinkedCnn.builder().setNumLabels(9).build();

        assertEquals(4, icnn.numScales());
        assertArrayEquals(new int[] {8, 16, 24, 32}, icnn.channels());
        assertEquals(3, icnn.numInterlinks());
        assertEquals(2 * 9 + 8, icnn.integrationChannels());
        assertEquals(Activation.TANH, icnn.activation());
        assertEquals(8, icnn.sizeMultiple());
        // Layers: 3 mean-pooling, then 4 first convolutions, 3 x 4 interlinked convolutions, 3 integration
        // convolutions and the 9x9 output convolution, then the loss; resampling happens in graph vertices.
        assertEquals(3 + 4 + 12 + 3 + 1 + 1, icnn.createGraph().getLayers().length);
        assertEquals(426_549, icnn.createGraph().numParams());
    }

    @Test
    void coreLayersComputeWhatTheStockLayersCompute() {
        InterlinkedCnn.Builder builder = InterlinkedCnn.builder().setNumLabels(4).optChannels(3, 4, 5);
        ComputationGraph fast = builder.build().createGraph();
        ComputationGraph stock = builder.optStockLayers(true).build().createGraph();
        for (org.deeplearning4j.nn.api.Layer layer : stock.getLayers()) {
            if (layer.numParams() > 0) {
                fast.getLayer(layer.conf().getLayer().getLayerName()).setParams(layer.params().dup());
            }
        }
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 24);
        INDArray labels = randomOneHot(2, 4, 16, 24).castTo(DataType.FLOAT);

        INDArray expected = stock.outputSingle(input);
        INDArray actual = fast.outputSingle(input);
        assertTrue(expected.equalsWithEps(actual, 1e-5), "outputs differ");
        for (ComputationGraph net : new ComputationGraph[] {stock, fast}) {
            net.setInputs(input);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }
        assertEquals(stock.score(), fast.score(), 1e-4 * stock.score());
        stock.gradient().gradientForVariable().forEach((name, g) -> assertTrue(
                g.equalsWithEps(fast.gradient().gradientForVariable().get(name), 1e-4), "gradient " + name));
    }

    @Test
    void tinyNetworkPassesGradientCheck() {
        savedDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        InterlinkedCnn icnn = InterlinkedCnn.builder()
                // One map per scale keeps the parameter count (and the check's time) small; three scales still
                // exercise both neighbours of the middle scale.
                .setNumLabels(2)
                .optChannels(1, 1, 1)
                .optInterlinks(1)
                .optIntegrationChannels(1)
                .optUpdater(new NoOp())
                .optDataType(DataType.DOUBLE)
                .build();
        ComputationGraph graph = icnn.createGraph();
        Nd4j.getRandom().setSeed(7);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8).subi(0.5);
        INDArray labels = randomOneHot(2, 2, 8, 8);

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph)
                .inputs(new INDArray[] {input})
                .labels(new INDArray[] {labels})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8));

        assertTrue(ok, "gradient check failed");
    }

    @Test
    void overfitsTheNoseCropOfARealFace() throws IOException {
        FaceSample face = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(0);
        LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(face.labels());
        PartCrop nose = PartCrops.around(PartCentres.locate(helen, CentreMethod.CENTROID)).get(FacePart.NOSE);
        INDArray input = ImageTensors.toTensor(nose.cropImage(face.image()), Normalization.IMAGENET);
        INDArray labels = oneHot(nose.cropLabels(helen), 2, 64);
        // Narrow enough to train in seconds on a loaded CI core; the full-width network learns the same way.
        ComputationGraph graph = InterlinkedCnn.builder()
                .setNumLabels(2)
                .optChannels(4, 8, 8, 8)
                .optInterlinks(1)
                .optIntegrationChannels(8)
                .optUpdater(new Adam(3e-3))
                .build()
                .createGraph();
        MultiDataSet data = new MultiDataSet(new INDArray[] {input}, new INDArray[] {labels});

        double initial = graph.score(data);
        for (int i = 0; i < 40; i++) {
            graph.fit(data);
        }
        double trained = graph.score(data);

        assertTrue(trained < 0.1 * initial, "loss " + initial + " -> " + trained);
    }

    @Test
    void rejectsInputNotDivisibleBySizeMultiple() {
        InterlinkedCnn icnn = InterlinkedCnn.builder().setNumLabels(9).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> icnn.checkInput(Nd4j.zeros(DataType.FLOAT, 1, 3, 60, 64)));
        assertTrue(e.getMessage().contains("[1, 3, 60, 64]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> icnn.checkInput(Nd4j.zeros(DataType.FLOAT, 1, 1, 64, 64)));
        icnn.checkInput(Nd4j.zeros(DataType.FLOAT, 1, 3, 64, 80));
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalStateException.class, () -> InterlinkedCnn.builder().build());
        assertThrows(IllegalArgumentException.class, () -> InterlinkedCnn.builder().setNumLabels(1));
        assertThrows(IllegalArgumentException.class, () -> InterlinkedCnn.builder().optChannels());
        assertThrows(IllegalArgumentException.class, () -> InterlinkedCnn.builder().optChannels(8, 0));
        assertThrows(IllegalArgumentException.class, () -> InterlinkedCnn.builder().optInterlinks(-1));
    }

    /** One-hot [1, c, size, size] labels of row-major classes. */
    private static INDArray oneHot(byte[] classes, int c, int size) {
        float[] data = new float[c * classes.length];
        for (int i = 0; i < classes.length; i++) {
            data[classes[i] * classes.length + i] = 1f;
        }
        return Nd4j.create(data, new long[] {1, c, size, size}, 'c');
    }

    /** Labels [n, c, h, w] with one randomly chosen class per pixel. */
    private static INDArray randomOneHot(int n, int c, int h, int w) {
        java.util.Random random = new java.util.Random(3);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, c, h, w);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    labels.putScalar(new long[] {i, random.nextInt(c), y, x}, 1.0);
                }
            }
        }
        return labels;
    }
}
