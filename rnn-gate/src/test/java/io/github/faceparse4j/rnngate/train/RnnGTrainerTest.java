package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.SourceConfusion;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** End-to-end runs of the trainer and evaluator on four fixture faces at 32 x 32 (seconds, not minutes). */
class RnnGTrainerTest {

    @TempDir
    Path dir;

    private static TrainingOptions options(Path out, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("--data", TestFixtures.celebaMask24().toString(),
                "--train-list", "val.txt", "--val-list", "val.txt", "--limit", "4", "--val-limit", "2",
                "--batch", "2", "--input-size", "32", "--epochs", Integer.toString(epochs), "--out", out.toString()));
        args.addAll(List.of(extra));
        return TrainingOptions.parse(args.toArray(String[]::new));
    }

    private static TrainingResult train(TrainingOptions options) throws IOException {
        return new RnnGTrainer(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).train();
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedRunEnds() throws IOException {
        TrainingResult straight = train(options(dir.resolve("straight"), 2));
        train(options(dir.resolve("split"), 1));
        TrainingResult resumed = train(options(dir.resolve("split"), 2, "--resume"));

        assertEquals(2, straight.epochsCompleted());
        assertEquals(2, resumed.epochsCompleted());
        INDArray expected = ModelFile.load(straight.checkpoint()).computationGraph().params();
        ModelFile checkpoint = ModelFile.load(resumed.checkpoint(), RnnGModel.expectations());
        assertTrue(expected.equalsWithEps(checkpoint.computationGraph().params(), 1e-5),
                "parameters after 1 + 1 epochs equal those after 2");
        assertEquals("2", checkpoint.metadata().trainingInfo().get(RnnGTrainer.EPOCHS_COMPLETED));
        assertEquals(1e-3 * 0.95 * 0.95, checkpoint.computationGraph().getLearningRate("conv1"), 1e-12,
                "the learning rate decayed once per epoch, across the resume");
        List<String> history = Files.readAllLines(dir.resolve("split").resolve(RnnGTrainer.HISTORY));
        assertEquals(3, history.size(), "header and one line per epoch: " + history);
        assertTrue(Files.isRegularFile(resumed.bestModel()));
    }

    @Test
    void resumingWithoutACheckpointOrWithOtherOptionsFails() throws IOException {
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> train(options(dir.resolve("none"), 1, "--resume")));
        train(options(dir.resolve("run"), 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> train(options(dir.resolve("run"), 2, "--resume", "--classes", "11")));
        assertTrue(e.getMessage().contains("helen-11"), e.getMessage());
    }

    @Test
    void aWarmStartWithLargerKernelsBeginsWithTheTrainedModelsOutput() throws IOException {
        TrainingResult trained = train(options(dir.resolve("k3"), 1));
        Path init = trained.bestModel();
        INDArray image = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32);
        INDArray expected = RnnGModel.load(init).scores(image);

        // One epoch with a zero learning rate: the warm-started parameters stay as copied.
        TrainingResult widened = train(options(dir.resolve("k5"), 1, "--conv-kernel", "5", "--init-from",
                init.toString(), "--lr", "1e-30"));
        RnnGModel model = RnnGModel.load(widened.checkpoint());
        assertEquals(5, model.graph().getLayer("conv2").getParam("W").size(3));
        assertTrue(expected.equalsWithEps(model.scores(image), 1e-4), "3x3 kernels centred in 5x5 ones");
        assertTrue(model.metadata().trainingInfo().get("initFrom").startsWith(init.getFileName().toString()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(options(dir.resolve("bad"), 1, "--classes", "11", "--init-from", init.toString())));
        assertTrue(e.getMessage().contains("--init-from"), e.getMessage());
    }

    @Test
    void evaluatorPrintsThePaperTableColumnsForTheTrainedModel() throws IOException {
        TrainingResult result = train(options(dir.resolve("eval"), 1));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RnnGEvaluator.run(new String[] {"--model", result.bestModel().toString(), "--data",
                TestFixtures.celebaMask24().toString(), "--list", "val.txt", "--limit", "3", "--markdown", "--mirror"},
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        for (String column : List.of("F-skin", "F-hair", "F-bg", "AC", "RNN-G (RNN-G paper)", "FaceParse4J",
                "mirror-averaged")) {
            assertTrue(printed.contains(column), column + " missing from\n" + printed);
        }
        assertThrows(IllegalArgumentException.class, () -> RnnGEvaluator.run(new String[] {"--data", "x"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void sourceClassCountsMappedToTheModelSchemeEqualTheConfusionMatrix() throws IOException {
        TrainingResult result = train(options(dir.resolve("source"), 1));
        RnnGModel model = RnnGModel.load(result.bestModel());
        FaceDataset dataset = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 3);

        SourceConfusion bySource = ParsingEvaluation.sourceConfusion(model, dataset, 2);
        ConfusionMatrix direct = ParsingEvaluation.confusion(model, dataset, 2);
        ConfusionMatrix mapped = bySource.confusion(LabelMapping.between(dataset.scheme(), model.scheme()));
        assertArrayEquals(direct.counts(), mapped.counts());

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RnnGEvaluator.run(new String[] {"--model", result.bestModel().toString(), "--data",
                TestFixtures.celebaMask24().toString(), "--list", "val.txt", "--limit", "3", "--by-source",
                "--leave-out", "8,9,17"}, new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        for (String part : List.of("by source class", "without left_ear, right_ear, neck", "→ skin %")) {
            assertTrue(printed.contains(part), part + " missing from\n" + printed);
        }
        assertThrows(IllegalArgumentException.class, () -> RnnGEvaluator.run(new String[] {"--model",
                result.bestModel().toString(), "--leave-out", "neck"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
