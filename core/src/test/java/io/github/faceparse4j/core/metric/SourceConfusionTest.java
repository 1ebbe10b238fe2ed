package io.github.faceparse4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConfusionTest {

    private static final LabelScheme CELEBA = LabelScheme.CELEBAMASK_19;
    private static final LabelScheme SHB = LabelScheme.SKIN_HAIR_BG_3;

    /** 3x2 source ids: background, skin, nose / hair, neck (17), left ear (8). */
    private static final LabelMap TRUTH = LabelMap.of(CELEBA, 3, 2, new byte[] {0, 1, 2, 13, 17, 8});
    /** Predictions: bg, skin, skin / hair, skin, bg: the neck pixel is called skin. */
    private static final LabelMap PREDICTION = LabelMap.of(SHB, 3, 2, new byte[] {0, 1, 1, 2, 1, 0});

    @Test
    void countsEachSourceClassByPrediction() {
        SourceConfusion counts = new SourceConfusion(CELEBA, SHB);
        counts.add(TRUTH, PREDICTION);
        counts.add(TRUTH, PREDICTION);
        assertEquals(2, counts.count(17, 1));
        assertEquals(0, counts.count(17, 0));
        assertEquals(2, counts.sourceCount(8));
        assertEquals(0, counts.sourceCount(5));
    }

    @Test
    void mappedConfusionEqualsConfusionMatrixOfMappedTruth() {
        SourceConfusion counts = new SourceConfusion(CELEBA, SHB);
        counts.add(TRUTH, PREDICTION);
        ConfusionMatrix direct = new ConfusionMatrix(SHB);
        direct.add(TRUTH.map(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG), PREDICTION);
        ConfusionMatrix mapped = counts.confusion(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(direct.counts()[t], mapped.counts()[t]);
        }
    }

    @Test
    void leftOutClassesAreNotCounted() {
        SourceConfusion counts = new SourceConfusion(CELEBA, SHB);
        counts.add(TRUTH, PREDICTION);
        // Without neck and ear, every remaining pixel is right.
        ParsingMetrics metrics = ParsingMetrics.of(counts.confusion(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG, 8, 17));
        assertEquals(4, counts.confusion(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG, 8, 17).total());
        assertEquals(1.0, metrics.pixelAccuracy(), 1e-12);
    }

    @Test
    void tableRowsArePercentagesOfEachSourceClass() {
        SourceConfusion counts = new SourceConfusion(CELEBA, SHB);
        counts.add(TRUTH, PREDICTION);
        MetricTable table = counts.table();
        List<MetricTable.Row> rows = table.rows();
        assertEquals(6, rows.size());
        MetricTable.Row neck = rows.stream().filter(r -> r.label().equals(CELEBA.className(17))).findFirst()
                .orElseThrow();
        assertEquals(List.of(100.0 / 6, 0.0, 100.0, 0.0), neck.values());
    }

    @Test
    void rejectsMapsOfOtherSchemesOrSizesAndForeignMappings() {
        SourceConfusion counts = new SourceConfusion(CELEBA, SHB);
        assertThrows(IllegalArgumentException.class, () -> counts.add(PREDICTION, PREDICTION));
        assertThrows(IllegalArgumentException.class,
                () -> counts.add(TRUTH, LabelMap.filled(SHB, 2, 3, 0)));
        assertThrows(IllegalArgumentException.class, () -> counts.confusion(LabelMapping.CELEBAMASK_TO_HELEN));
        assertThrows(IllegalArgumentException.class,
                () -> counts.confusion(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG, 19));
    }
}
