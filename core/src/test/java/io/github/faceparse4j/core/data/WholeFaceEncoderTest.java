package io.github.faceparse4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WholeFaceEncoderTest {

    @Test
    void encodesImageOneHotLabelsAndBoundaryIntoItsSlot() throws IOException {
        FaceSample sample = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(3);
        WholeFaceEncoder encoder = WholeFaceEncoder.builder().setSize(64).setScheme(LabelScheme.HELEN_11)
                .optNormalization(Normalization.MINUS_ONE_TO_ONE).optBoundaryWidth(1).build();
        assertEquals(1, encoder.featureShapes().size());
        assertArrayEquals(new long[] {3, 64, 64}, encoder.featureShapes().get(0));
        assertArrayEquals(new long[] {11, 64, 64}, encoder.labelShapes().get(0));
        assertArrayEquals(new long[] {1, 64, 64}, encoder.labelShapes().get(1));

        int n = 2;
        float[][] features = {new float[n * 3 * 64 * 64]};
        float[][] labels = {new float[n * 11 * 64 * 64], new float[n * 64 * 64]};
        SampleSlot slot = new SampleSlot(1, features, new int[] {3 * 64 * 64}, labels,
                new int[] {11 * 64 * 64, 64 * 64}, new float[0][], new int[0]);
        encoder.encode(sample, slot);

        INDArray image = Nd4j.create(features[0], new long[] {n, 3, 64, 64}, 'c');
        assertEquals(ImageTensors.toTensor(sample.image(), 64, 64, Normalization.MINUS_ONE_TO_ONE).slice(0),
                image.slice(1));
        assertEquals(0.0, image.slice(0).sumNumber().doubleValue(), "slot 0 untouched");

        LabelMap expected = LabelMapping.CELEBAMASK_TO_HELEN.apply(sample.labels()).resizeNearest(64, 64);
        assertEquals(expected, encoder.resizedLabels(sample.labels()));
        INDArray oneHot = Nd4j.create(labels[0], new long[] {n, 11, 64, 64}, 'c');
        assertEquals(expected, LabelTensors.argmax(oneHot, 1, LabelScheme.HELEN_11));
        assertEquals(64.0 * 64, oneHot.slice(1).sumNumber().doubleValue(), "one 1 per pixel");

        INDArray boundary = Nd4j.create(labels[1], new long[] {n, 1, 64, 64}, 'c');
        assertEquals(BoundaryMap.of(expected, 1).toTensor().slice(0), boundary.slice(1));
    }

    @Test
    void requiresSizeAndSchemeAndAMapping() throws IOException {
        assertThrows(IllegalStateException.class, () -> WholeFaceEncoder.builder().setSize(8).build());
        assertThrows(IllegalArgumentException.class, () -> WholeFaceEncoder.builder().setSize(0));
        assertThrows(IllegalArgumentException.class, () -> WholeFaceEncoder.builder().optBoundaryWidth(0));
        WholeFaceEncoder toCeleba = WholeFaceEncoder.builder().setSize(8).setScheme(LabelScheme.CELEBAMASK_19)
                .build();
        LabelMap helen = LabelMap.filled(LabelScheme.HELEN_11, 8, 8, 1);
        assertThrows(IllegalArgumentException.class, () -> toCeleba.resizedLabels(helen));
    }
}
