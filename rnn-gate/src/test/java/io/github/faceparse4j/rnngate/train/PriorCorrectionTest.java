package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.Variant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class PriorCorrectionTest {

    private static final double[] WEIGHTS = {0.5, 1, 4};

    @TempDir
    Path dir;

    private static RnnGNetwork network() {
        return RnnGNetwork.builder().setNumClasses(3).optVariant(Variant.CNN_S).optInputSize(16)
                .optClassWeights(WEIGHTS).build();
    }

    @Test
    void shiftsAreMinusExponentTimesLogWeight() {
        assertArrayEquals(new double[] {0.5 * Math.log(2), 0, -0.5 * Math.log(4)},
                PriorCorrection.logitShifts(WEIGHTS, 0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PriorCorrection.logitShifts(new double[] {0, 1}, 1));
    }

    @Test
    void classWeightsAreReadBackFromTheMetadata() {
        assertArrayEquals(WEIGHTS, PriorCorrection.classWeights(
                network().metadata(LabelScheme.SKIN_HAIR_BG_3, Normalization.IMAGENET).build()), 0);
        assertNull(PriorCorrection.classWeights(RnnGNetwork.builder().setNumClasses(3).build()
                .metadata(LabelScheme.SKIN_HAIR_BG_3, Normalization.IMAGENET).build()));
    }

    @Test
    void applyingShiftsTheFinalLogitsOfACopy() {
        ComputationGraph graph = network().init();
        INDArray input = Nd4j.rand(2, 3, 16, 16);
        INDArray before = graph.output(input)[0].dup();
        double[] shifts = {0.3, -0.2, 1.1};
        ComputationGraph corrected = PriorCorrection.apply(graph, shifts);
        assertTrue(before.equalsWithEps(graph.output(input)[0], 1e-6), "the original is unchanged");
        // ln p'_k - ln p_k differs from class 0's by exactly shift_k - shift_0 at every pixel.
        INDArray change = Transforms.log(corrected.output(input)[0]).subi(Transforms.log(before));
        INDArray base = change.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all());
        for (int k = 1; k < 3; k++) {
            INDArray relative = change.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all(),
                    NDArrayIndex.all()).sub(base);
            assertEquals(shifts[k] - shifts[0], relative.meanNumber().doubleValue(), 1e-4);
            assertEquals(0, relative.stdNumber().doubleValue(), 1e-4);
        }
        assertThrows(IllegalArgumentException.class, () -> PriorCorrection.apply(graph, new double[2]));
    }

    @Test
    void confusionsDecodeEveryShiftFromOneForwardPass() throws IOException {
        RnnGNetwork network = network();
        RnnGModel model = RnnGModel.of(network.init(), network.metadata(LabelScheme.SKIN_HAIR_BG_3,
                Normalization.IMAGENET).build());
        FaceDataset faces = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 2);
        List<ConfusionMatrix> matrices = ParsingEvaluation.confusions(model, faces, 2,
                List.of(new double[3], new double[] {0, 0, 1000}));
        assertArrayEquals(ParsingEvaluation.confusion(model, faces, 2).counts(), matrices.get(0).counts());
        long[][] allHair = matrices.get(1).counts();
        for (long[] row : allHair) {
            assertEquals(0, row[0] + row[1], "a huge hair shift predicts hair everywhere");
        }
    }

    @Test
    void calibratorPicksAnExponentAndWritesTheCorrectedModel() throws IOException {
        RnnGNetwork network = network();
        Path file = dir.resolve("weighted.model.zip");
        ModelFile.save(network.init(), network.metadata(LabelScheme.SKIN_HAIR_BG_3, Normalization.IMAGENET)
                .build(), file);
        Path out = dir.resolve("corrected.model.zip");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        double exponent = RnnGPriorCalibrator.run(new String[] {"--model", file.toString(), "--data",
                TestFixtures.celebaMask24().toString(), "--list", "val.txt", "--limit", "2", "--exponents", "0,1",
                "--out", out.toString()}, new PrintStream(text, true, StandardCharsets.UTF_8));
        assertTrue(exponent == 0 || exponent == 1);
        RnnGModel corrected = RnnGModel.load(out);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", exponent),
                corrected.metadata().trainingInfo().get(PriorCorrection.EXPONENT_KEY));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("Best exponent"));
    }
}
