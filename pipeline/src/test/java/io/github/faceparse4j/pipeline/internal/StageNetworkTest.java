package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.icnn.parse.BackgroundModulation;
import io.github.faceparse4j.pipeline.ParserModel;
import io.github.faceparse4j.pipeline.testing.StandInModels;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageNetworkTest {

    @TempDir
    Path dir;

    private StageNetwork load(ParserModel role, Path file) throws IOException {
        return StageNetwork.of(role, ModelFile.load(file, role.expectations()));
    }

    @Test
    void classifiesInBatchesAsOneByOne() throws IOException {
        Path file = StandInModels.save(StandInModels.random(ParserModel.ICNN_EYE, 5), ParserModel.ICNN_EYE, dir);
        List<String> names = TestImages.celebaNames();
        List<BufferedImage> images = List.of(TestImages.celebaFace(names.get(0)), TestImages.celebaFace(names.get(1)),
                TestImages.celebaFace(names.get(2)));
        try (StageNetwork network = load(ParserModel.ICNN_EYE, file)) {
            List<byte[]> batched = network.classify(images, 2);
            assertEquals(3, batched.size());
            for (int i = 0; i < images.size(); i++) {
                byte[] single = network.classify(List.of(images.get(i)), 1).get(0);
                assertEquals(64 * 64, single.length);
                assertArrayEquals(single, batched.get(i), "image " + i);
            }
        }
    }

    @Test
    void mirrorAveragingMakesRnnGsLabelsMirrorSymmetric() throws IOException {
        Path file = StandInModels.save(StandInModels.random(ParserModel.RNNG_HELEN, 3), ParserModel.RNNG_HELEN, dir);
        BufferedImage face = TestImages.celebaFace(TestImages.celebaNames().get(0));
        BufferedImage mirrored = new BufferedImage(face.getWidth(), face.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < face.getHeight(); y++) {
            for (int x = 0; x < face.getWidth(); x++) {
                mirrored.setRGB(face.getWidth() - 1 - x, y, face.getRGB(x, y));
            }
        }
        try (StageNetwork network = StageNetwork.of(ParserModel.RNNG_HELEN,
                ModelFile.load(file, ParserModel.RNNG_HELEN.expectations()), true)) {
            assertTrue(network.mirrorAveraging());
            List<byte[]> labels = network.classify(List.of(face, mirrored), 2);
            int s = ParserModel.RNNG_HELEN.inputSize();
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int id = labels.get(0)[y * s + x];
                    assertEquals(LabelScheme.HELEN_11.mirrorOf(id), labels.get(1)[y * s + s - 1 - x],
                            "pixel " + x + "," + y);
                }
            }
        }
        Path eye = StandInModels.save(StandInModels.random(ParserModel.ICNN_EYE, 5), ParserModel.ICNN_EYE, dir);
        try (StageNetwork network = StageNetwork.of(ParserModel.ICNN_EYE,
                ModelFile.load(eye, ParserModel.ICNN_EYE.expectations()), true)) {
            assertTrue(!network.mirrorAveraging(), "the eye network's two channels are not HELEN ids");
        }
    }

    @Test
    void classifiesAtAnySizeWhenTheNetworkIsFullyConvolutional() throws IOException {
        Path file = StandInModels.save(StandInModels.constant(ParserModel.RNNG_HELEN, 10), ParserModel.RNNG_HELEN, dir);
        try (StageNetwork network = load(ParserModel.RNNG_HELEN, file)) {
            byte[] classes = network.classifyAtOwnSize(TestImages.filled(72, 40, 0x336699));
            assertEquals(72 * 40, classes.length);
            for (byte c : classes) {
                assertEquals(10, c);
            }
        }
    }

    @Test
    void appliesTheBackgroundModulationItsFileRecords() throws IOException {
        ParserModel role = ParserModel.ICNN_EYE;
        BufferedImage face = TestImages.celebaFace(TestImages.celebaNames().get(0));
        byte[] plain;
        try (StageNetwork network = load(role, StandInModels.save(StandInModels.random(role, 5), role, dir))) {
            assertEquals(BackgroundModulation.NONE, network.modulation());
            plain = network.classify(List.of(face), 1).get(0);
        }
        // The modulation acts on the logits: an offset of -1000 on the background channel leaves it no pixel, +1000
        // every one, whatever the random weights.
        for (double beta0 : new double[] {-1000, 1000}) {
            Path file = dir.resolve("modulated" + beta0 + ".model.zip");
            ModelMetadata metadata = ModelMetadata.builder().setKind(role.kind())
                    .setLabelScheme(role.labelScheme().orElseThrow()).setInputSize(64, 64)
                    .setNormalization(StandInModels.NORMALIZATION.name())
                    .optTrainingInfo(BackgroundModulation.BETA_KEY, "1")
                    .optTrainingInfo(BackgroundModulation.BETA0_KEY, Double.toString(beta0)).build();
            ModelFile.save(StandInModels.random(role, 5), metadata, file);
            try (StageNetwork network = load(role, file)) {
                assertEquals(new BackgroundModulation(1, beta0), network.modulation());
                byte[] modulated = network.classify(List.of(face), 1).get(0);
                for (byte c : modulated) {
                    assertEquals(beta0 < 0 ? 1 : 0, c);
                }
            }
        }
        assertEquals(64 * 64, plain.length);
        // A scale on the logits: background wins where 3 * z0 > z1, which softmax scores would not give.
        Path file = dir.resolve("scaled.model.zip");
        ModelFile.save(StandInModels.random(role, 5), ModelMetadata.builder().setKind(role.kind())
                .setLabelScheme(role.labelScheme().orElseThrow()).setInputSize(64, 64)
                .setNormalization(StandInModels.NORMALIZATION.name())
                .optTrainingInfo(BackgroundModulation.BETA_KEY, "3")
                .optTrainingInfo(BackgroundModulation.BETA0_KEY, "0").build(), file);
        org.deeplearning4j.nn.graph.ComputationGraph graph = StandInModels.random(role, 5);
        org.nd4j.linalg.api.ndarray.INDArray logits = graph.feedForward(new org.nd4j.linalg.api.ndarray.INDArray[] {
                io.github.faceparse4j.core.image.ImageTensors.toBatch(List.of(face), 64, 64,
                        StandInModels.NORMALIZATION)}, false).get("conv");
        try (StageNetwork network = load(role, file)) {
            byte[] modulated = network.classify(List.of(face), 1).get(0);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean background = 3 * logits.getDouble(0, 0, y, x) >= logits.getDouble(0, 1, y, x);
                    assertEquals(background ? 0 : 1, modulated[y * 64 + x], "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void rejectsANetworkWithTheWrongNumberOfClassesNamingTheFile() throws IOException {
        // Right metadata, but a 4-class output where the eye network has 2.
        Path file = StandInModels.save(StandInModels.graph(4, 1), ParserModel.ICNN_EYE, dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(ParserModel.ICNN_EYE, file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[1, 2, 64, 64]"),
                e.getMessage());
    }

    @Test
    void refusesToRunOnceClosed() throws IOException {
        Path file = StandInModels.save(StandInModels.random(ParserModel.ICNN_NOSE, 1), ParserModel.ICNN_NOSE, dir);
        StageNetwork network = load(ParserModel.ICNN_NOSE, file);
        network.close();
        network.close();
        assertThrows(IllegalStateException.class, () -> network.classify(List.of(TestImages.filled(64, 64, 0)), 1));
    }
}
