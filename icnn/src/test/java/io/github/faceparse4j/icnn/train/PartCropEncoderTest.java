package io.github.faceparse4j.icnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class PartCropEncoderTest {

    private static final FaceDataset FIXTURES = open();

    @Test
    void mouthSamplesAreEightyPixelCropsWithFourLabels() throws IOException {
        PartCropEncoder encoder = PartCropEncoder.builder().setPartType(PartType.MOUTH).optJitter(0).build();
        FaceSample sample = FIXTURES.load(4);

        MultiDataSet batch = encoder.encodeBatch(List.of(sample));

        assertArrayEquals(new long[] {1, 3, 80, 80}, batch.getFeatures(0).shape());
        assertArrayEquals(new long[] {1, 4, 80, 80}, batch.getLabels(0).shape());
        LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(sample.labels());
        PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
        PartCrop expected = PartCrop.around(FacePart.MOUTH, centres.x(FacePart.MOUTH), centres.y(FacePart.MOUTH),
                256, 256);
        assertArrayEquals(expected.cropLabels(helen), ClassMaps.argmax(batch.getLabels(0))[0]);
    }

    @Test
    void browSamplesComeFromBothSidesAndJitterStaysInBounds() throws IOException {
        PartCropEncoder encoder = PartCropEncoder.builder().setPartType(PartType.BROW).optJitter(5).build();
        Set<FacePart> sides = EnumSet.noneOf(FacePart.class);
        for (int i = 0; i < FIXTURES.size(); i++) {
            FaceSample sample = FIXTURES.load(i);
            LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(sample.labels());
            PartCrop crop = encoder.cropFor(sample.name(), helen);
            PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
            FacePart part = crop.part();
            sides.add(part);
            double cx = crop.x() + 32;
            double cy = crop.y() + 32;
            assertTrue(Math.abs(cx - centres.x(part)) <= 5.5 && Math.abs(cy - centres.y(part)) <= 5.5,
                    crop + " vs centre " + centres.x(part) + ", " + centres.y(part));
        }
        assertEquals(EnumSet.of(FacePart.LEFT_BROW, FacePart.RIGHT_BROW), sides);
    }

    @Test
    void sameSampleGivesTheSameCropAndOtherLabelsAnother() throws IOException {
        PartCropEncoder encoder = PartCropEncoder.builder().setPartType(PartType.EYE).optJitter(8).build();
        FaceSample sample = FIXTURES.load(6);
        LabelMap helen = LabelMapping.CELEBAMASK_TO_HELEN.apply(sample.labels());

        assertEquals(encoder.cropFor(sample.name(), helen), encoder.cropFor(sample.name(), helen));
        List<PartCrop> crops = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            crops.add(encoder.cropFor(name, helen));
        }
        assertNotEquals(1, crops.stream().distinct().count(), "jitter should vary with the seed");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalStateException.class, () -> PartCropEncoder.builder().build());
        assertThrows(IllegalArgumentException.class, () -> PartCropEncoder.builder().optJitter(-1));
        assertThrows(IllegalArgumentException.class, () -> PartCropEncoder.builder().optJitter(Double.NaN));
    }

    private static FaceDataset open() {
        try {
            return FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
