package io.github.faceparse4j.icnn.eval;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ClassGroup;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.parse.PartLocalizer;
import io.github.faceparse4j.icnn.parse.PartNetwork;
import io.github.faceparse4j.icnn.parse.PartParser;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartType;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Confusion matrices of the iCNN stages on a labelled dataset, all in {@link LabelScheme#HELEN_11} with face skin
 * and hair counted as background in the truth (iCNN labels neither), so that {@link ParsingMetrics} gives the
 * iCNN paper's F-measures.
 *
 * <ul>
 *   <li>{@link #stage1}: the stage-1 maps at 64 x 64 against the truth resized (nearest neighbour) to 64 x 64;</li>
 *   <li>{@link #partCrops}: one part network on crops around the true centres, scored inside the crops;</li>
 *   <li>{@link #twoStage}: the pasted stage-2 maps at full size against the full-size truth, with centres from
 *       the truth or from stage 1 (what a real parse sees).</li>
 * </ul>
 * Faces are processed in chunks so memory stays flat. Stateless; thread-safe if the networks are.
 */
public final class IcnnEvaluation {

    /** Faces decoded and run per chunk. */
    private static final int CHUNK = 32;

    private IcnnEvaluation() {
    }

    /** Stage 1 on every face of {@code data}, at 64 x 64. */
    public static ConfusionMatrix stage1(PartLocalizer localizer, FaceDataset data) throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        int size = IcnnModel.STAGE1.inputSize();
        for (int from = 0; from < data.size(); from += CHUNK) {
            List<FaceSample> samples = load(data, from);
            List<LabelMap> predicted = localizer.predictLabels(images(samples));
            for (int i = 0; i < samples.size(); i++) {
                matrix.add(componentsOnly(helen(samples.get(i)).resizeNearest(size, size)), predicted.get(i));
            }
        }
        return matrix;
    }

    /**
     * One part network on crops around the true centres of every face (both sides for brows and eyes), without
     * jitter; truth and prediction are compared inside the crops, in HELEN-11 ids.
     */
    public static ConfusionMatrix partCrops(PartNetwork network, FaceDataset data) throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        PartType type = network.type();
        int size = type.cropSize();
        for (int from = 0; from < data.size(); from += CHUNK) {
            List<FaceSample> samples = load(data, from);
            List<BufferedImage> views = new ArrayList<>();
            List<LabelMap> truths = new ArrayList<>();
            List<FacePart> parts = new ArrayList<>();
            for (FaceSample sample : samples) {
                LabelMap helen = helen(sample);
                PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
                for (FacePart part : type.parts()) {
                    PartCrop crop = PartCrop.around(part, centres.x(part), centres.y(part), helen.width(),
                            helen.height());
                    views.add(crop.cropImage(sample.image()));
                    truths.add(toHelen(part, crop.cropLabels(helen), size));
                    parts.add(part);
                }
            }
            List<byte[]> predicted = network.predict(views);
            for (int i = 0; i < predicted.size(); i++) {
                matrix.add(truths.get(i), toHelen(parts.get(i), predicted.get(i), size));
            }
        }
        return matrix;
    }

    /**
     * Both stages on every face of {@code data} at full size. With a {@code localizer} the crops are placed around
     * stage 1's centres; with {@code null} around the true centres.
     */
    public static ConfusionMatrix twoStage(PartParser parser, PartLocalizer localizer, FaceDataset data)
            throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        for (int from = 0; from < data.size(); from += CHUNK) {
            List<FaceSample> samples = load(data, from);
            List<BufferedImage> faces = images(samples);
            List<PartCentres> centres;
            if (localizer != null) {
                centres = localizer.locate(faces);
            } else {
                centres = new ArrayList<>(samples.size());
                for (FaceSample sample : samples) {
                    centres.add(PartCentres.locate(helen(sample), CentreMethod.CENTROID));
                }
            }
            List<LabelMap> predicted = parser.parse(faces, centres);
            for (int i = 0; i < samples.size(); i++) {
                matrix.add(componentsOnly(helen(samples.get(i))), predicted.get(i));
            }
        }
        return matrix;
    }

    /**
     * The validation score used for model selection: overall F for stage 1, and for a part network the F-measure
     * of its own classes (micro-averaged over the mouth's three; both sides merged for brows and eyes).
     */
    public static double selectionScore(IcnnModel model, ParsingMetrics metrics) {
        if (model == IcnnModel.STAGE1) {
            return metrics.overallF();
        }
        PartType type = model.partType().orElseThrow();
        List<String> names = new ArrayList<>();
        for (FacePart part : type.parts()) {
            for (int id : part.helenIds()) {
                names.add(LabelScheme.HELEN_11.className(id));
            }
        }
        return metrics.microF1(new ClassGroup(type.id(), names));
    }

    /** The truth with face skin and hair as background: the classes iCNN predicts. */
    static LabelMap componentsOnly(LabelMap helen) {
        return Stage1Labels.toHelen(Stage1Labels.classesOf(helen), helen.width(), helen.height());
    }

    private static LabelMap toHelen(FacePart part, byte[] partLabels, int size) {
        byte[] ids = new byte[partLabels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) part.helenId(partLabels[i]);
        }
        return LabelMap.of(LabelScheme.HELEN_11, size, size, ids);
    }

    private static LabelMap helen(FaceSample sample) {
        return LabelMapping.between(sample.labels().scheme(), LabelScheme.HELEN_11).apply(sample.labels());
    }

    private static List<FaceSample> load(FaceDataset data, int from) throws IOException {
        int to = Math.min(data.size(), from + CHUNK);
        List<FaceSample> samples = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            samples.add(data.load(i));
        }
        return samples;
    }

    private static List<BufferedImage> images(List<FaceSample> samples) {
        return Arrays.asList(samples.stream().map(FaceSample::image).toArray(BufferedImage[]::new));
    }
}
