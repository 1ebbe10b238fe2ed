package io.github.faceparse4j.icnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.parse.PartLocalizer;
import io.github.faceparse4j.icnn.parse.PartNetwork;
import io.github.faceparse4j.icnn.parse.PartParser;
import io.github.faceparse4j.icnn.part.PartType;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** The evaluation counts every pixel of the right truth once; small untrained networks stand in for real ones. */
class IcnnEvaluationTest {

    private static final int FACES = 6;

    @Test
    void stagesCountEveryPixelAgainstTheComponentTruth() throws IOException {
        FaceDataset data = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, FACES);
        long[] truth256 = truthCounts(data, 256);
        long[] truth64 = truthCounts(data, 64);
        Map<PartType, PartNetwork> parts = new EnumMap<>(PartType.class);
        for (PartType type : PartType.values()) {
            parts.put(type, PartNetwork.of(type, small(IcnnModel.of(type)), Normalization.IMAGENET));
        }
        PartParser parser = PartParser.of(parts);
        PartLocalizer localizer = PartLocalizer.of(small(IcnnModel.STAGE1), Normalization.IMAGENET);

        assertRows(truth64, IcnnEvaluation.stage1(localizer, data));
        assertRows(truth256, IcnnEvaluation.twoStage(parser, null, data));
        assertRows(truth256, IcnnEvaluation.twoStage(parser, localizer, data));
        ConfusionMatrix mouth = IcnnEvaluation.partCrops(parts.get(PartType.MOUTH), data);
        assertEquals(FACES * 80L * 80, mouth.total());
        ConfusionMatrix eyes = IcnnEvaluation.partCrops(parts.get(PartType.EYE), data);
        assertEquals(2 * FACES * 64L * 64, eyes.total());
    }

    private static void assertRows(long[] truth, ConfusionMatrix matrix) {
        long[][] counts = matrix.counts();
        for (int t = 0; t < truth.length; t++) {
            long row = 0;
            for (long c : counts[t]) {
                row += c;
            }
            assertEquals(truth[t], row, "truth class " + t);
        }
    }

    /** Pixel counts per HELEN-11 id of the truth with skin and hair as background, at {@code size}. */
    private static long[] truthCounts(FaceDataset data, int size) throws IOException {
        long[] counts = new long[11];
        for (int i = 0; i < data.size(); i++) {
            LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(data.loadLabels(i)).resizeNearest(size, size);
            long[] c = IcnnEvaluation.componentsOnly(helen).classCounts();
            for (int k = 0; k < c.length; k++) {
                counts[k] += c[k];
            }
        }
        return counts;
    }

    private static ComputationGraph small(IcnnModel model) {
        return model.networkBuilder().optChannels(2, 2, 2, 2).optInterlinks(1).build().createGraph();
    }
}
