package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.pipeline.ParserConfiguration;
import io.github.faceparse4j.pipeline.ParserModel;
import io.github.faceparse4j.pipeline.testing.StandInModels;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merge of stage 1 and the part networks, with stand-ins that label every pixel with one class, so that the
 * expected map follows from the geometry alone.
 */
class CropParserTest {

    private static final int SKIN = 1;

    @TempDir
    Path dir;

    private final Map<ParserModel, StageNetwork> networks = new EnumMap<>(ParserModel.class);

    @AfterEach
    void close() {
        networks.values().forEach(StageNetwork::close);
    }

    /** Loads a stand-in that gives {@code classIndex} everywhere. */
    private void constant(ParserModel role, int classIndex) throws IOException {
        Path file = StandInModels.save(StandInModels.constant(role, classIndex), role, dir);
        networks.put(role, StageNetwork.of(role, io.github.faceparse4j.core.model.ModelFile.load(file,
                role.expectations())));
    }

    private void constantParts() throws IOException {
        for (ParserModel part : List.of(ParserModel.ICNN_BROW, ParserModel.ICNN_EYE, ParserModel.ICNN_NOSE)) {
            constant(part, 1);
        }
        constant(ParserModel.ICNN_MOUTH, 3); // lower lip everywhere
    }

    private static List<BufferedImage> twoCrops() {
        List<String> names = TestImages.celebaNames();
        return List.of(TestImages.celebaFace(names.get(0)), TestImages.celebaFace(names.get(1)));
    }

    @Test
    void oneStageReturnsRnnGMapsAtTheirResolution() throws IOException {
        constant(ParserModel.RNNG_HELEN, 10);
        List<LabelMap> maps = new CropParser(ParserConfiguration.RNNG_ONE_STAGE, networks, 4).parse(twoCrops());
        assertEquals(2, maps.size());
        assertEquals(LabelMap.filled(LabelScheme.HELEN_11, 128, 128, 10), maps.get(0));
    }

    @Test
    void twoStagePastesPartPatchesOverSkinAtTheFallbackCentres() throws IOException {
        constant(ParserModel.RNNG_HELEN, SKIN); // no part pixels: every centre is the mean face's
        constantParts();
        List<LabelMap> maps = new CropParser(ParserConfiguration.TWO_STAGE, networks, 3).parse(twoCrops());
        assertEquals(expectedPatches(SKIN), maps.get(0));
        assertEquals(maps.get(0), maps.get(1));
    }

    @Test
    void twoStageTurnsStageOnePartsIntoSkinWhereNoPartNetworkClaimsThem() throws IOException {
        constant(ParserModel.RNNG_HELEN, 6); // nose everywhere: its median is the centre of the face
        for (ParserModel part : List.of(ParserModel.ICNN_BROW, ParserModel.ICNN_EYE, ParserModel.ICNN_NOSE,
                ParserModel.ICNN_MOUTH)) {
            constant(part, 0); // background everywhere: no part is claimed
        }
        LabelMap map = new CropParser(ParserConfiguration.TWO_STAGE, networks, 8).parse(twoCrops()).get(0);
        assertEquals(LabelMap.filled(LabelScheme.HELEN_11, 256, 256, SKIN), map);
    }

    @Test
    void icnnPipelineHasNoSkinOrHair() throws IOException {
        constant(ParserModel.ICNN_LOCALIZER, 0);
        constantParts();
        List<LabelMap> maps = new CropParser(ParserConfiguration.ICNN_TWO_STAGE, networks, 2).parse(twoCrops());
        assertEquals(patchesAround(PartCentres.meanFace(256, 256), 0), maps.get(0));
    }

    @Test
    void needsEveryNetworkOfItsConfiguration() throws IOException {
        constant(ParserModel.RNNG_HELEN, 1);
        assertThrows(IllegalArgumentException.class, () -> new CropParser(ParserConfiguration.TWO_STAGE, networks, 1));
        assertEquals(List.of(), new CropParser(ParserConfiguration.RNNG_ONE_STAGE, networks, 1).parse(List.of()));
    }

    /**
     * What constant part networks give: each part's crop filled with its last HELEN id, pasted in part order over
     * {@code base}, first around the mean face's centres, then (the two-stage parser's further passes) around the
     * centroids of the previous result.
     */
    private static LabelMap expectedPatches(int base) {
        PartCentres centres = PartCentres.meanFace(256, 256);
        LabelMap labelled = patchesAround(centres, base);
        for (int pass = 1; pass < CropParser.TWO_STAGE_PASSES; pass++) {
            centres = CropParser.recentred(centres, PartCentres.locate(labelled, CentreMethod.CENTROID));
            labelled = patchesAround(centres, base);
        }
        return labelled;
    }

    private static LabelMap patchesAround(PartCentres centres, int base) {
        byte[] ids = new byte[256 * 256];
        java.util.Arrays.fill(ids, (byte) base);
        for (FacePart part : FacePart.values()) {
            PartCrop crop = PartCrop.around(part, centres.x(part), centres.y(part), 256, 256);
            int[] partIds = part.helenIds();
            int id = partIds[partIds.length - 1];
            for (int y = crop.y(); y < crop.y() + crop.size(); y++) {
                for (int x = crop.x(); x < crop.x() + crop.size(); x++) {
                    ids[y * 256 + x] = (byte) id;
                }
            }
        }
        return LabelMap.of(LabelScheme.HELEN_11, 256, 256, ids);
    }

    @Test
    void recentringKeepsTheStageOneCentreOfAPartTheNetworksDidNotFind() {
        byte[] ids = new byte[256 * 256];
        for (int y = 140; y < 150; y++) {
            for (int x = 100; x < 110; x++) {
                ids[y * 256 + x] = (byte) LabelScheme.HELEN_11.idOf("nose");
            }
        }
        PartCentres labelled = PartCentres.locate(LabelMap.of(LabelScheme.HELEN_11, 256, 256, ids),
                CentreMethod.MEDIAN);
        PartCentres stage1 = PartCentres.meanFace(256, 256);
        PartCentres refined = CropParser.recentred(stage1, labelled);
        assertEquals(labelled.x(FacePart.NOSE), refined.x(FacePart.NOSE));
        assertEquals(labelled.y(FacePart.NOSE), refined.y(FacePart.NOSE));
        assertTrue(Math.abs(refined.x(FacePart.NOSE) - 105) <= 1, "nose x " + refined.x(FacePart.NOSE));
        for (FacePart part : FacePart.values()) {
            if (part != FacePart.NOSE) {
                assertEquals(stage1.x(part), refined.x(part), part.toString());
                assertEquals(stage1.y(part), refined.y(part), part.toString());
            }
        }
    }
}
