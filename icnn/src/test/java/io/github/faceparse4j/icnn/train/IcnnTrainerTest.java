package io.github.faceparse4j.icnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.net.InterlinkedCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.IUpdater;

class IcnnTrainerTest {

    @TempDir
    Path temp;

    @Test
    void trainsCheckpointsAndResumesOnRealFaces() throws IOException {
        Path data = fixtureSplit();
        Path out = temp.resolve("out");
        List<String> lines = new ArrayList<>();

        trainer(data, out, IcnnModel.STAGE1, 1, lines).optLrDropEvery(1).build().run();

        ModelFile best = ModelFile.load(IcnnTrainer.bestFile(out, IcnnModel.STAGE1),
                IcnnModel.STAGE1.expectations());
        ModelMetadata metadata = best.metadata();
        assertEquals(LabelScheme.HELEN_11, metadata.labelScheme());
        assertEquals("1", metadata.trainingInfo().get("epoch"));
        assertEquals("16", metadata.trainingInfo().get("trainFaces"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("epoch 1/1 batch 2/2 loss/px")), lines.toString());

        lines.clear();
        trainer(data, out, IcnnModel.STAGE1, 2, lines).optResume(true).build().run();

        assertTrue(lines.get(0).contains("resuming") && lines.get(0).contains("after epoch 1"), lines.get(0));
        ModelFile last = ModelFile.load(IcnnTrainer.lastFile(out, IcnnModel.STAGE1), 
                IcnnModel.STAGE1.expectations());
        assertEquals("2", last.metadata().trainingInfo().get("epoch"));
        // 2 batches per epoch: the rate drops 10x after iteration 2, and the resumed run kept the schedule.
        ComputationGraph graph = last.computationGraph();
        assertEquals(4, graph.getConfiguration().getIterationCount());
        IUpdater updater = ((BaseLayer) graph.getLayer(InterlinkedCnn.LOGITS).conf().getLayer()).getIUpdater();
        assertEquals(1e-3, updater.getLearningRate(1, 0), 1e-12);
        assertEquals(1e-4, updater.getLearningRate(3, 1), 1e-12);
        List<String> log = Files.readAllLines(out.resolve("icnn-stage1-log.tsv"));
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(2).startsWith("2\t"));
    }

    @Test
    void trainsAPartNetworkOnCrops() throws IOException {
        Path out = temp.resolve("mouth");
        List<String> lines = new ArrayList<>();

        double best = trainer(fixtureSplit(), out, IcnnModel.MOUTH, 1, lines).build().run();

        assertTrue(best >= 0 && best <= 1, "score " + best);
        ModelFile model = ModelFile.load(IcnnTrainer.bestFile(out, IcnnModel.MOUTH), IcnnModel.MOUTH.expectations());
        assertEquals("6.0", model.metadata().trainingInfo().get("jitter"));
        assertEquals(80, model.metadata().inputHeight());
    }

    @Test
    void commandLineNeedsDataNetAndOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IcnnTrainer.fromArgs(new String[] {"--net", "brow"}));
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IcnnTrainer.fromArgs(new String[] {"--net", "ear"}));
        assertThrows(IllegalArgumentException.class, () -> IcnnTrainer.fromArgs(new String[] {"--epochs", "x"}));
        assertThrows(IllegalArgumentException.class, () -> IcnnTrainer.fromArgs(new String[] {"--epochs"}));
        IcnnTrainer.fromArgs(new String[] {"--data", "d", "--net", "nose", "--out", "o", "--resume"});
    }

    @Test
    void durationsReadWell() {
        assertEquals("42s", IcnnTrainer.duration(42.2));
        assertEquals("3m05s", IcnnTrainer.duration(185));
        assertEquals("2h01m", IcnnTrainer.duration(7260));
    }

    private static IcnnTrainer.Builder trainer(Path data, Path out, IcnnModel model, int epochs, List<String> lines) {
        return IcnnTrainer.builder()
                .setData(data)
                .setModel(model)
                .setOut(out)
                .optEpochs(epochs)
                .optBatchSize(8)
                .optChannels(4, 4, 4, 4)
                .optProgressEvery(1)
                .optLog(lines::add);
    }

    /**
     * The fixtures as a dataset with a 16-face train list and a 7-face val list: validation batches differ in size
     * from training batches, as they do in real runs.
     */
    private Path fixtureSplit() throws IOException {
        Path root = temp.resolve("data");
        if (Files.exists(root)) {
            return root;
        }
        Files.createDirectories(root);
        Path fixtures = TestFixtures.celebaMask24();
        Files.createSymbolicLink(root.resolve("images"), fixtures.resolve("images").toAbsolutePath());
        Files.createSymbolicLink(root.resolve("labels"), fixtures.resolve("labels").toAbsolutePath());
        List<String> names = Files.readAllLines(fixtures.resolve("val.txt")).stream()
                .filter(s -> !s.isBlank()).toList();
        Files.write(root.resolve("train.txt"), names.subList(0, 16));
        Files.write(root.resolve("val.txt"), names.subList(17, 24));
        return root;
    }
}
