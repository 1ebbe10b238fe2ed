package io.github.faceparse4j.icnn.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartCrops;
import io.github.faceparse4j.icnn.part.PartType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plumbing of the two stages with small untrained networks: shapes, frames, files; not accuracy. */
class PartParserTest {

    @TempDir
    Path temp;

    @Test
    void parsedMapHasTheFaceSizeAndPartsOnlyInsideTheirCrops() throws IOException {
        FaceSample face = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(1);
        PartCentres centres = PartCentres.meanFace(256, 256);
        PartParser parser = PartParser.of(untrainedParts());

        LabelMap parsed = parser.parse(face.image(), centres);

        assertEquals(256, parsed.width());
        assertEquals(LabelScheme.HELEN_11, parsed.scheme());
        PartCrops crops = PartCrops.around(centres);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int id = parsed.get(x, y);
                if (id != 0) {
                    boolean inItsCrop = false;
                    for (FacePart part : FacePart.values()) {
                        PartCrop crop = crops.get(part);
                        inItsCrop |= part.contains(id) && x >= crop.x() && x < crop.x() + crop.size()
                                && y >= crop.y() && y < crop.y() + crop.size();
                    }
                    assertTrue(inItsCrop, "id " + id + " at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void localizerGivesCentresInTheFacesOwnFrame() throws IOException {
        FaceSample face = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(1);
        Path file = temp.resolve("stage1.zip");
        ModelFile.save(small(IcnnModel.STAGE1), metadata(IcnnModel.STAGE1), file);

        PartLocalizer localizer = PartLocalizer.load(file);
        PartCentres centres = localizer.locate(face.image());
        List<LabelMap> maps = localizer.predictLabels(List.of(face.image(), face.image()));

        assertEquals(256, centres.width());
        assertEquals(256, centres.height());
        assertEquals(2, maps.size());
        assertEquals(64, maps.get(0).width());
        assertEquals(maps.get(0), maps.get(1));
        assertEquals(Normalization.IMAGENET, localizer.normalization());
    }

    @Test
    void loadingChecksTheKindOfEachModel() throws IOException {
        Path dir = temp.resolve("parts");
        java.nio.file.Files.createDirectories(dir);
        for (PartType type : PartType.values()) {
            IcnnModel model = IcnnModel.of(type);
            // The nose file holds an eye network: loading must refuse it.
            IcnnModel stored = type == PartType.NOSE ? IcnnModel.EYE : model;
            ModelFile.save(small(stored), metadata(stored), dir.resolve(model.fileName()));
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartParser.load(dir));
        assertTrue(e.getMessage().contains("icnn-nose"), e.getMessage());
    }

    @Test
    void rejectsBadInput() {
        Map<PartType, PartNetwork> parts = untrainedParts();
        PartNetwork eye = parts.get(PartType.EYE);
        assertThrows(IllegalArgumentException.class,
                () -> eye.predict(List.of(new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB))));
        parts.remove(PartType.MOUTH);
        assertThrows(IllegalArgumentException.class, () -> PartParser.of(parts));
        PartParser parser = PartParser.of(untrainedParts());
        BufferedImage small = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> parser.parse(small, PartCentres.meanFace(256, 256)));
    }

    private static Map<PartType, PartNetwork> untrainedParts() {
        Map<PartType, PartNetwork> parts = new EnumMap<>(PartType.class);
        for (PartType type : PartType.values()) {
            parts.put(type, PartNetwork.of(type, small(IcnnModel.of(type)), Normalization.IMAGENET));
        }
        return parts;
    }

    private static ComputationGraph small(IcnnModel model) {
        return model.networkBuilder().optChannels(2, 2, 2, 2).optInterlinks(1).build().createGraph();
    }

    private static ModelMetadata metadata(IcnnModel model) {
        return ModelMetadata.builder().setKind(model.kind()).setLabelScheme(LabelScheme.HELEN_11)
                .setInputSize(model.inputSize(), model.inputSize()).setNormalization(Normalization.IMAGENET.name())
                .build();
    }
}
