package io.github.faceparse4j.icnn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.IcnnModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcnnTable1Test {

    @Test
    void perfectPredictionScoresOneEverywhere() throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        LabelMap truth = IcnnEvaluation.componentsOnly(helen(0));
        matrix.add(truth, truth);

        double[] row = IcnnTable1.values(ParsingMetrics.of(matrix));

        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, row, 1e-12);
    }

    @Test
    void swappingEyesCostsOverallButNotTheMergedEyeColumn() throws IOException {
        ParsingMetrics metrics = ParsingMetrics.of(eyesSwappedOnFourFixtures());

        double[] row = IcnnTable1.values(metrics);

        assertEquals(1.0, row[1], 1e-12);
        assertEquals(1.0, row[0], 1e-12);
        assertEquals(metrics.overallF(), row[7], 1e-12);
        assertEquals(true, row[7] < 0.95);
        assertEquals(0.0, IcnnEvaluation.selectionScore(IcnnModel.EYE, metrics), 1e-12);
        assertEquals(1.0, IcnnEvaluation.selectionScore(IcnnModel.MOUTH, metrics), 1e-12);
    }

    @Test
    void tableMatchesTheGoldenFile() throws IOException {
        String markdown = IcnnTable1.titled("test table").addResult("eyes swapped, 4 fixtures",
                ParsingMetrics.of(eyesSwappedOnFourFixtures())).build().toMarkdown();

        try (InputStream golden = getClass().getResourceAsStream("icnn-table1.md")) {
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), markdown);
        }
    }

    @Test
    void rejectsOtherSchemes() {
        ParsingMetrics threeClasses = ParsingMetrics.of(new ConfusionMatrix(LabelScheme.SKIN_HAIR_BG_3));
        assertThrows(IllegalArgumentException.class, () -> IcnnTable1.values(threeClasses));
    }

    /** Truth against truth with left and right eye swapped, on the first four fixtures. */
    private static ConfusionMatrix eyesSwappedOnFourFixtures() throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        for (int i = 0; i < 4; i++) {
            LabelMap truth = IcnnEvaluation.componentsOnly(helen(i));
            matrix.add(truth, swapEyes(truth));
        }
        return matrix;
    }

    private static LabelMap helen(int index) throws IOException {
        FaceDataset fixtures = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        return LabelMapping.CELEBAMASK_TO_HELEN.apply(fixtures.loadLabels(index));
    }

    private static LabelMap swapEyes(LabelMap map) {
        byte[] ids = map.ids();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ids[i] == 4 ? 5 : ids[i] == 5 ? 4 : ids[i];
        }
        return LabelMap.of(map.scheme(), map.width(), map.height(), ids);
    }
}
