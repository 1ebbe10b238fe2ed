package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.LargestPartComponents;
import io.github.faceparse4j.icnn.part.PairedPartSides;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import io.github.faceparse4j.pipeline.ParserConfiguration;
import io.github.faceparse4j.pipeline.ParserModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Re-runs the experiment that chose how {@code TWO_STAGE} centres its part crops (the table in the pipeline README),
 * on a slice of the shared data set's training list (not part of the normal build):
 * <pre>
 * mvn -pl pipeline -am test -Dtest=CentringExperimentTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfaceparse4j.celebamask5k=$PWD/../shared/data/celebamask-5k [-Dfaceparse4j.from=0 -Dfaceparse4j.to=300] \
 *     [-Dfaceparse4j.models=DIR]
 * </pre>
 * Every variant parses the same aligned 256² training faces with the same part networks and differs only in where
 * the crops go; it prints the overall F (brows, eyes, nose, mouth classes) of each. {@code faceparse4j.models} is a
 * folder of model files to use instead of the bundled ones (for example an older RNN-G).
 */
class CentringExperimentTest {

    private static final int BATCH = 16;
    private static final int SIZE = FaceCrop.SIZE;

    private Map<ParserModel, StageNetwork> networks;
    private List<BufferedImage> faces;
    private List<LabelMap> truths;

    @Test
    @EnabledIfSystemProperty(named = "faceparse4j.celebamask5k", matches = ".+")
    void compareCentrings() throws IOException {
        Path data = Path.of(System.getProperty("faceparse4j.celebamask5k"));
        int from = Integer.getInteger("faceparse4j.from", 0);
        int to = Integer.getInteger("faceparse4j.to", 300);
        String models = System.getProperty("faceparse4j.models");
        FaceDataset train = FaceDataset.open(data, "train.txt").subset(from, to);
        faces = new ArrayList<>();
        truths = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            FaceSample sample = train.load(i);
            faces.add(sample.image());
            truths.add(LabelMapping.CELEBAMASK_TO_HELEN.apply(sample.labels()));
        }
        networks = new NetworkLoader(Map.of(), models == null ? null : Path.of(models), BundledModels.standard(),
                "the centring experiment").load(EnumSet.allOf(ParserModel.class));
        try {
            List<byte[]> rnng = networks.get(ParserModel.RNNG_HELEN).classify(faces, BATCH);
            List<byte[]> icnn = networks.get(ParserModel.ICNN_LOCALIZER).classify(faces, BATCH);
            System.out.printf(Locale.ROOT, "Overall F on train.txt faces %d-%d%s%n", from, to - 1,
                    models == null ? " (bundled models)" : " (models from " + models + ")");
            report("medians, one median re-centring", rnngCentres(rnng, m -> m, 0), 2, CentreMethod.MEDIAN);
            report("medians, centroid re-centring", rnngCentres(rnng, m -> m, 0), 2, CentreMethod.CENTROID);
            report("+ side assignment", rnngCentres(rnng, PairedPartSides::bySide, 0), 2, CentreMethod.CENTROID);
            report("+ largest blobs", rnngCentres(rnng, CentringExperimentTest::cleaned, 0), 3,
                    CentreMethod.CENTROID);
            for (double tolerance : new double[] {CropParser.OUTLIER_TOLERANCE, 10, 25}) {
                report("+ outlying centres replaced, " + tolerance + " px",
                        rnngCentres(rnng, CentringExperimentTest::cleaned, tolerance), 2, CentreMethod.CENTROID);
            }
            report("side assignment and outliers, no largest blobs",
                    rnngCentres(rnng, PairedPartSides::bySide, CropParser.OUTLIER_TOLERANCE), 2,
                    CentreMethod.CENTROID);
            List<PartCentres> localiser = new ArrayList<>();
            for (byte[] classes : icnn) {
                localiser.add(PartCentres.locate(Stage1Labels.toHelen(classes, 64, 64), CentreMethod.MEDIAN)
                        .scaledTo(SIZE, SIZE));
            }
            report("iCNN localiser", localiser, 1, CentreMethod.MEDIAN);
            List<PartCentres> truth = new ArrayList<>();
            for (LabelMap map : truths) {
                truth.add(PartCentres.locate(map, CentreMethod.CENTROID));
            }
            report("true centroids", truth, 1, CentreMethod.CENTROID);
        } finally {
            networks.values().forEach(StageNetwork::close);
        }
    }

    private static LabelMap cleaned(LabelMap helen) {
        return LargestPartComponents.of(PairedPartSides.bySide(helen));
    }

    /** RNN-G's part centres in the 256² frame after {@code cleanUp}, outliers replaced if {@code tolerance > 0}. */
    private static List<PartCentres> rnngCentres(List<byte[]> rnng, UnaryOperator<LabelMap> cleanUp,
            double tolerance) {
        int s = ParserModel.RNNG_HELEN.inputSize();
        List<PartCentres> out = new ArrayList<>();
        for (byte[] classes : rnng) {
            PartCentres c = PartCentres.locate(cleanUp.apply(LabelMap.of(LabelScheme.HELEN_11, s, s, classes)),
                    CentreMethod.MEDIAN).scaledTo(SIZE, SIZE);
            out.add(tolerance > 0 ? c.withOutliersReplaced(tolerance) : c);
        }
        return out;
    }

    /** Prints the overall F after each of {@code passes} runs of the part networks, re-centring in between. */
    private void report(String name, List<PartCentres> centres, int passes, CentreMethod recentring) {
        for (int pass = 1; pass <= passes; pass++) {
            List<LabelMap> labelled = labelParts(centres);
            ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
            for (int i = 0; i < truths.size(); i++) {
                matrix.add(truths.get(i), labelled.get(i));
            }
            System.out.printf(Locale.ROOT, "%-52s pass %d: overall F %.2f%n", name, pass,
                    100 * ParsingMetrics.of(matrix).overallF());
            centres = CropParser.recentred(centres, labelled, recentring);
        }
    }

    /** The part networks' labels pasted over background, crops around {@code centres}. */
    private List<LabelMap> labelParts(List<PartCentres> centres) {
        List<LabelMap> background = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            background.add(LabelMap.filled(LabelScheme.HELEN_11, SIZE, SIZE, 0));
        }
        return new CropParser(ParserConfiguration.TWO_STAGE, networks, BATCH).labelParts(faces, centres, background);
    }
}
