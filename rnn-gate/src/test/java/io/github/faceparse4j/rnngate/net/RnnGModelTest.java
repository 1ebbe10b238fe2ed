package io.github.faceparse4j.rnngate.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.image.ImageFiles;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.layer.PixelSoftmaxCrossEntropy;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RnnGModelTest {

    @TempDir
    Path dir;

    @Test
    void aSavedNetworkLoadsAndParsesFacesAtItsInputSize() throws IOException {
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(11).optVariant(Variant.RNN).optInputSize(32)
                .build();
        ComputationGraph graph = network.init();
        Path file = dir.resolve("m.model.zip");
        ModelFile.save(graph, network.metadata(LabelScheme.HELEN_11, Normalization.IMAGENET).build(), file);

        RnnGModel model = RnnGModel.load(file);
        assertEquals(LabelScheme.HELEN_11, model.scheme());
        assertEquals(Variant.RNN, model.variant());
        assertEquals(32, model.inputSize());
        BufferedImage face = ImageFiles.readRgb(TestFixtures.celebaMask24().resolve("images/0009.jpg"));
        List<LabelMap> parsed = model.parse(List.of(face, face));
        assertEquals(2, parsed.size());
        assertEquals(32, parsed.get(0).width());
        assertEquals(LabelScheme.HELEN_11, parsed.get(0).scheme());
        assertArrayEquals(parsed.get(0).ids(), parsed.get(1).ids());
        assertArrayEquals(graph.output(false, Nd4j.zeros(1, 3, 32, 32))[0].shape(),
                model.scores(Nd4j.zeros(1, 3, 32, 32)).shape());
    }

    @Test
    void wrongInputAndForeignMetadataAreRejected() {
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(3).optVariant(Variant.CNN_S).optInputSize(16)
                .build();
        ComputationGraph graph = network.init();
        RnnGModel model = RnnGModel.of(graph, network.metadata(LabelScheme.SKIN_HAIR_BG_3,
                Normalization.IMAGENET).build());
        assertThrows(IllegalArgumentException.class, () -> model.scores(Nd4j.zeros(1, 3, 32, 32)));
        assertThrows(IllegalArgumentException.class, () -> model.scores(Nd4j.zeros(3, 16, 16)));
        ModelMetadata foreign = ModelMetadata.builder().setKind("icnn-localizer").setLabelScheme(
                LabelScheme.SKIN_HAIR_BG_3).setInputSize(16, 16).setNormalization("imagenet").build();
        assertThrows(IllegalArgumentException.class, () -> RnnGModel.of(graph, foreign));
        assertThrows(IllegalArgumentException.class, () -> network.metadata(LabelScheme.HELEN_11,
                Normalization.IMAGENET));
        assertThrows(IllegalArgumentException.class, () -> RnnGModel.bundled(LabelScheme.CELEBAMASK_19));
    }

    /**
     * The shipped weights parse the real fixture faces (none of them in train.txt) far better than chance: these are
     * loose floors, far under the validation figures in the README, that only a broken file, a wrong normalisation or
     * a scrambled channel order would fall below.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 11})
    void bundledModelsParseRealFaces(int classes) throws IOException {
        LabelScheme scheme = classes == 3 ? LabelScheme.SKIN_HAIR_BG_3 : LabelScheme.HELEN_11;
        RnnGModel model = RnnGModel.bundled(scheme);
        assertEquals(scheme, model.scheme());
        assertEquals(RnnGNetwork.PAPER_INPUT_SIZE, model.inputSize());
        FaceDataset fixtures = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 8);
        List<BufferedImage> faces = new ArrayList<>();
        List<LabelMap> truths = new ArrayList<>();
        LabelMapping mapping = LabelMapping.between(LabelScheme.CELEBAMASK_19, scheme);
        for (int i = 0; i < fixtures.size(); i++) {
            FaceSample sample = fixtures.load(i);
            faces.add(sample.image());
            truths.add(mapping.apply(sample.labels()).resizeNearest(model.inputSize(), model.inputSize()));
        }
        List<LabelMap> parsed = model.parse(faces);
        ConfusionMatrix matrix = new ConfusionMatrix(scheme);
        for (int i = 0; i < faces.size(); i++) {
            matrix.add(truths.get(i), parsed.get(i));
        }
        ParsingMetrics metrics = ParsingMetrics.of(matrix);
        assertTrue(metrics.pixelAccuracy() > 0.75, "pixel accuracy " + metrics.pixelAccuracy());
        assertTrue(metrics.f1("skin") > 0.75, "skin F1 " + metrics.f1("skin"));
        assertTrue(metrics.f1("hair") > 0.6, "hair F1 " + metrics.f1("hair"));
        if (classes == 11) {
            assertTrue(metrics.overallF() > 0.55, "overall F " + metrics.overallF());
        }
    }

    /**
     * Files written before session 4 (session 5's shipped 11-class model, kept as a test resource) hold DL4J's stock
     * pooling, upsampling and softmax loss layers; loading swaps them for core's fast ones. Outputs, loss and
     * gradients must not change.
     */
    @Test
    void stockLayerFilesLoadWithFastLayersComputingTheStoredFunction() throws IOException {
        ModelFile stored = ModelFile.loadResource(RnnGModelTest.class, "rnn-g-helen11-stock-layers.model.zip",
                RnnGModel.expectations());
        ComputationGraph stock = stored.computationGraph();
        ComputationGraph fast = RnnGModel.fastGraph(stored);
        assertTrue(stock.getConfiguration().getVertices().get("pool1") instanceof LayerVertex,
                "the old file holds the stock pooling layer");
        for (LabelScheme scheme : List.of(LabelScheme.SKIN_HAIR_BG_3, LabelScheme.HELEN_11)) {
            assertTrue(RnnGModel.bundled(scheme).graph().getConfiguration().getVertices().get("pool1")
                    instanceof ResampleConcatVertex, "the shipped " + scheme + " model runs core's pooling");
        }
        assertTrue(fast.getConfiguration().getVertices().get("pool1") instanceof ResampleConcatVertex);
        assertTrue(fast.getConfiguration().getVertices().get("final") instanceof LayerVertex final_
                && final_.getLayerConf().getLayer() instanceof PixelSoftmaxCrossEntropy);

        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.randn(DataType.FLOAT, 2, 3, 128, 128);
        INDArray[] expected = stock.output(input);
        INDArray[] actual = fast.output(input);
        for (int i = 0; i < expected.length; i++) {
            double error = expected[i].sub(actual[i]).amaxNumber().doubleValue();
            assertTrue(error < 1e-5, "output " + i + " differs by " + error);
        }
        INDArray[] labels = new INDArray[expected.length];
        for (int i = 0; i < labels.length; i++) {
            // Any soft labels do: the losses are compared, not learnt.
            labels[i] = Nd4j.rand(DataType.FLOAT, expected[i].shape());
            labels[i].divi(labels[i].sum(true, 1));
        }
        for (ComputationGraph net : new ComputationGraph[] {stock, fast}) {
            net.setInputs(input);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }
        // Float sums over 360k pixels in another order: a few 1e-5 relative.
        assertEquals(stock.score(), fast.score(), 1e-4 * Math.abs(stock.score()));
        INDArray g0 = stock.gradient().gradient();
        double gradientError = g0.sub(fast.gradient().gradient()).amaxNumber().doubleValue();
        assertTrue(gradientError <= 1e-4 * g0.amaxNumber().doubleValue(), "gradients differ by " + gradientError);
    }
}
