package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.LargestPartComponents;
import io.github.faceparse4j.icnn.part.PairedPartSides;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrops;
import io.github.faceparse4j.icnn.part.PartType;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import io.github.faceparse4j.pipeline.ParserConfiguration;
import io.github.faceparse4j.pipeline.ParserModel;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses face crops in the training framing ({@value FaceCrop#SIZE}² images) into HELEN-11 label maps in the crop
 * frame, with the networks of one {@link ParserConfiguration}. Every network sees all faces of a call as batches.
 *
 * <ul>
 *   <li>{@link ParserConfiguration#RNNG_ONE_STAGE}: the RNN-G map at its own resolution (128²), with brows and eyes
 *       assigned to the side of the nose they lie on ({@link PairedPartSides}; overall F on training faces 0-299 /
 *       300-599: 78.0 → 78.3 / 78.3 → 78.7).</li>
 *   <li>{@link ParserConfiguration#TWO_STAGE}: the RNN-G map, with its face parts turned into skin, is brought to
 *       256² (nearest) as the base. The part centres are the medians of RNN-G's part pixels after two clean-ups of
 *       its map: brows and eyes are assigned to the side of the nose they lie on ({@link PairedPartSides}: RNN-G
 *       often finds an eye but names the wrong one), and each part keeps only its largest blob
 *       ({@link LargestPartComponents}); a centre far from where the others put it in the mean face's shape is
 *       replaced ({@link PartCentres#withOutliersReplaced}).</li>
 *   <li>{@link ParserConfiguration#ICNN_TWO_STAGE}: the base is all background (no skin or hair model); the part
 *       centres come from the iCNN localiser's 64² map.</li>
 * </ul>
 * In both two-stage configurations the part networks then run on the {@link PartCrops} around those centres (64² for
 * brows, eyes and nose, 80² for the mouth, right brow and right eye mirrored), and every pixel a part network labels
 * as its part takes that part's HELEN-11 id over the base ({@link PartCrops#paste}). A part stage 1 missed is looked
 * for at its mean-face position ({@link PartCentres}).
 *
 * <p>In {@link ParserConfiguration#TWO_STAGE} the part networks then run again, on crops re-centred on the centroid
 * of the pixels their previous pass labelled as the part (a part they did not find keeps its centre): RNN-G's 128²
 * map places the crops less well than the part networks' own full-resolution output does. The centroid, not the
 * median, because the part networks were trained on crops around the centroids of true parts, and their own output
 * is clean enough not to need the median's robustness.
 *
 * <p>Decided on training faces, not on val (overall F; the table is in the module README and
 * {@code CentringExperimentTest} reproduces it): with the shipped networks on faces 0-299 / 300-599, session 2's
 * medians with one median re-centring 87.5 / 88.2; centroid re-centring 87.7 / 88.4; plus the side assignment
 * 88.0 / 88.7; plus largest blobs 87.8 / 88.9; plus outlier replacement 88.5 / 88.9. A second re-centring pass adds
 * 0.1-0.2 for half again the part networks' time, so there is one. For the iCNN localiser's centres an extra pass
 * moved the score by under 0.1, so {@link ParserConfiguration#ICNN_TWO_STAGE} runs the part networks once.
 *
 * <p>Thread-safe as its networks are (each serialises its own forward passes).
 */
public final class CropParser {

    /** Median of a part's pixels, the iCNN paper's choice: robust to stray pixels in a predicted map. */
    private static final CentreMethod CENTRES = CentreMethod.MEDIAN;
    /** How the part networks' own output re-centres their crops: as their training crops were centred. */
    private static final CentreMethod RECENTRING = CentreMethod.CENTROID;
    /**
     * Distance in pixels of the 256² crop beyond which a TWO_STAGE stage-1 centre is replaced by the mean face fitted
     * to the others ({@link PartCentres#withOutliersReplaced}): about a quarter of the distance between the eyes.
     */
    static final double OUTLIER_TOLERANCE = 15;
    /** Runs of the part networks in {@link ParserConfiguration#TWO_STAGE}: the first and the re-centred ones. */
    static final int TWO_STAGE_PASSES = 2;
    private static final int SKIN = LabelScheme.HELEN_11.idOf("skin");
    /** Indexed by HELEN-11 id; see {@link #partsToSkin}. */
    private static final byte[] PARTS_TO_SKIN = partsToSkinTable();

    private final ParserConfiguration configuration;
    /** RNN-G or the iCNN localiser. */
    private final StageNetwork stage1;
    /** Part networks by type; empty for the one-stage configuration. */
    private final Map<PartType, StageNetwork> parts;
    private final int batchSize;

    /**
     * @param networks  the loaded networks, at least those of {@link ParserConfiguration#models()}
     * @param batchSize largest batch a network sees
     * @throws IllegalArgumentException if a network the configuration needs is missing
     */
    public CropParser(ParserConfiguration configuration, Map<ParserModel, StageNetwork> networks, int batchSize) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        List<ParserModel> models = configuration.models();
        for (ParserModel m : models) {
            if (!networks.containsKey(m)) {
                throw new IllegalArgumentException(configuration + " needs the " + m + " network");
            }
        }
        this.stage1 = networks.get(models.get(0));
        this.parts = new EnumMap<>(PartType.class);
        if (configuration != ParserConfiguration.RNNG_ONE_STAGE) {
            for (PartType type : PartType.values()) {
                parts.put(type, networks.get(modelOf(type)));
            }
        }
        this.batchSize = batchSize;
    }

    /** The network that labels parts of {@code type}. */
    static ParserModel modelOf(PartType type) {
        return switch (type) {
            case BROW -> ParserModel.ICNN_BROW;
            case EYE -> ParserModel.ICNN_EYE;
            case NOSE -> ParserModel.ICNN_NOSE;
            case MOUTH -> ParserModel.ICNN_MOUTH;
        };
    }

    /**
     * Parses crops.
     *
     * @param crops {@value FaceCrop#SIZE} x {@value FaceCrop#SIZE} RGB face crops
     * @return one square HELEN-11 map per crop, covering the crop frame: 128² for RNN-G one-stage, 256² otherwise
     */
    public List<LabelMap> parse(List<BufferedImage> crops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        int s = stage1.role().inputSize();
        List<byte[]> stage1Classes = stage1.classify(crops, batchSize);
        List<LabelMap> bases = new ArrayList<>(crops.size());
        List<PartCentres> centres = new ArrayList<>(crops.size());
        for (byte[] classes : stage1Classes) {
            LabelMap helen = configuration == ParserConfiguration.ICNN_TWO_STAGE
                    ? Stage1Labels.toHelen(classes, s, s)
                    : LabelMap.of(LabelScheme.HELEN_11, s, s, classes);
            if (configuration == ParserConfiguration.RNNG_ONE_STAGE) {
                bases.add(PairedPartSides.bySide(helen));
                continue;
            }
            if (configuration == ParserConfiguration.TWO_STAGE) {
                centres.add(PartCentres.locate(LargestPartComponents.of(PairedPartSides.bySide(helen)), CENTRES)
                        .scaledTo(FaceCrop.SIZE, FaceCrop.SIZE).withOutliersReplaced(OUTLIER_TOLERANCE));
                bases.add(partsToSkin(helen).resizeNearest(FaceCrop.SIZE, FaceCrop.SIZE));
            } else {
                centres.add(PartCentres.locate(helen, CENTRES).scaledTo(FaceCrop.SIZE, FaceCrop.SIZE));
                bases.add(LabelMap.filled(LabelScheme.HELEN_11, FaceCrop.SIZE, FaceCrop.SIZE, 0));
            }
        }
        return parts.isEmpty() ? bases : pasteParts(crops, centres, bases);
    }

    /** Labels the parts around the stage-1 centres; in TWO_STAGE re-centres each crop on that result and repeats. */
    private List<LabelMap> pasteParts(List<BufferedImage> crops, List<PartCentres> centres, List<LabelMap> bases) {
        List<LabelMap> labelled = labelParts(crops, centres, bases);
        int passes = configuration == ParserConfiguration.TWO_STAGE ? TWO_STAGE_PASSES : 1;
        for (int pass = 1; pass < passes; pass++) {
            centres = recentred(centres, labelled, RECENTRING);
            labelled = labelParts(crops, centres, bases);
        }
        return labelled;
    }

    /** Each face's centres moved to the {@code method} centres of the parts {@code labelled} holds for it. */
    static List<PartCentres> recentred(List<PartCentres> centres, List<LabelMap> labelled, CentreMethod method) {
        List<PartCentres> refined = new ArrayList<>(centres.size());
        for (int face = 0; face < centres.size(); face++) {
            refined.add(recentred(centres.get(face), PartCentres.locate(labelled.get(face), method)));
        }
        return refined;
    }

    /** The centres of {@code labelled} for the parts it contains, the {@code stage1} centres for the others. */
    static PartCentres recentred(PartCentres stage1, PartCentres labelled) {
        Map<FacePart, double[]> centres = new EnumMap<>(FacePart.class);
        for (FacePart part : FacePart.values()) {
            PartCentres source = labelled.found(part) ? labelled : stage1;
            centres.put(part, new double[] {source.x(part), source.y(part)});
        }
        return PartCentres.of(stage1.width(), stage1.height(), centres);
    }

    /** Runs every part network on its crops of all faces and pastes the results over the bases. */
    List<LabelMap> labelParts(List<BufferedImage> crops, List<PartCentres> centres, List<LabelMap> bases) {
        int n = crops.size();
        List<PartCrops> partCrops = new ArrayList<>(n);
        List<Map<FacePart, byte[]>> predictions = new ArrayList<>(n);
        for (PartCentres c : centres) {
            partCrops.add(PartCrops.around(c));
            predictions.add(new EnumMap<>(FacePart.class));
        }
        for (Map.Entry<PartType, StageNetwork> entry : parts.entrySet()) {
            List<FacePart> served = entry.getKey().parts();
            List<BufferedImage> patches = new ArrayList<>(n * served.size());
            for (int face = 0; face < n; face++) {
                for (FacePart part : served) {
                    patches.add(partCrops.get(face).get(part).cropImage(crops.get(face)));
                }
            }
            List<byte[]> labels = entry.getValue().classify(patches, batchSize);
            for (int face = 0; face < n; face++) {
                for (int k = 0; k < served.size(); k++) {
                    predictions.get(face).put(served.get(k), labels.get(face * served.size() + k));
                }
            }
        }
        List<LabelMap> merged = new ArrayList<>(n);
        for (int face = 0; face < n; face++) {
            merged.add(partCrops.get(face).paste(bases.get(face), predictions.get(face)));
        }
        return merged;
    }

    /** The map with every face part turned into skin, leaving background, skin and hair. */
    static LabelMap partsToSkin(LabelMap helen) {
        byte[] ids = helen.ids();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = PARTS_TO_SKIN[ids[i] & 0xFF];
        }
        return LabelMap.of(LabelScheme.HELEN_11, helen.width(), helen.height(), ids);
    }

    /** For each HELEN-11 id, skin if it is one of a {@link FacePart}'s ids, else the id itself. */
    private static byte[] partsToSkinTable() {
        byte[] table = new byte[LabelScheme.HELEN_11.numClasses()];
        for (int id = 0; id < table.length; id++) {
            table[id] = (byte) id;
        }
        for (FacePart part : FacePart.values()) {
            for (int id : part.helenIds()) {
                table[id] = (byte) SKIN;
            }
        }
        return table;
    }
}
