package io.github.faceparse4j.icnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.parse.BackgroundModulation;
import io.github.faceparse4j.icnn.parse.PartNetwork;
import io.github.faceparse4j.icnn.part.PartType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundModulationFitTest {

    @TempDir
    Path temp;

    @Test
    void findsTheOffsetThatRecoversAnUnderPredictedPart() {
        // Part pixels score background 1.0 vs part 0.8 (missed); background pixels 1.0 vs -1.0.
        byte[] truth = {1, 1, 1, 0, 0, 0, 0, 0};
        float[] logits = new float[2 * truth.length];
        for (int i = 0; i < truth.length; i++) {
            logits[i] = 1.0f;
            logits[truth.length + i] = truth[i] == 1 ? 0.8f : -1.0f;
        }

        BackgroundModulationFit.Result result = BackgroundModulationFit.fit(List.of(logits), List.of(truth), 2);

        assertEquals(0.0, result.before(), 1e-12);
        assertEquals(1.0, result.after(), 1e-12);
        BackgroundModulation m = result.modulation();
        assertTrue(m.beta() + m.beta0() < 0.8 && m.beta() + m.beta0() > -1.0, m.toString());
    }

    @Test
    void storedFitIsAppliedWhenTheModelIsLoaded() throws IOException {
        Path file = temp.resolve(IcnnModel.NOSE.fileName());
        ComputationGraph graph = IcnnModel.NOSE.networkBuilder().optChannels(2, 2, 2, 2).optInterlinks(1).build()
                .createGraph();
        ModelFile.save(graph, ModelMetadata.builder().setKind(IcnnModel.NOSE.kind())
                .setLabelScheme(LabelScheme.HELEN_11).setInputSize(64, 64)
                .setNormalization(Normalization.IMAGENET.name()).optTrainingInfo("epoch", "3").build(), file);
        BackgroundModulation strong = new BackgroundModulation(1, -100);

        BackgroundModulationFit.store(file, PartType.NOSE,
                new BackgroundModulationFit.Result(strong, 0.5, 0.6), "val.txt", 10);
        PartNetwork loaded = PartNetwork.load(PartType.NOSE, file);

        assertEquals(strong, loaded.modulation());
        assertEquals("3", ModelFile.readMetadata(file).trainingInfo().get("epoch"));
        BufferedImage crop = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (byte label : loaded.predict(List.of(crop)).get(0)) {
            assertEquals(1, label, "a background offset of -100 makes every pixel the part");
        }
        for (byte label : loaded.withModulation(new BackgroundModulation(1, 100)).predict(List.of(crop)).get(0)) {
            assertEquals(0, label);
        }
    }

    @Test
    void fitOnRealCropsNeverLowersTheScore() throws IOException {
        FaceDataset data = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 4);
        ComputationGraph graph = IcnnModel.EYE.networkBuilder().optChannels(2, 2, 2, 2).optInterlinks(1).build()
                .createGraph();

        BackgroundModulationFit.Result result = BackgroundModulationFit.fit(
                PartNetwork.of(PartType.EYE, graph, Normalization.IMAGENET), data);

        assertTrue(result.after() >= result.before(), result.toString());
    }
}
