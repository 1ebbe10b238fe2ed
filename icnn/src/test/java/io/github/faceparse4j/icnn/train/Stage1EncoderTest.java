package io.github.faceparse4j.icnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class Stage1EncoderTest {

    @Test
    void encodesTheWholeFaceAt64WithNineClasses() throws IOException {
        FaceDataset fixtures = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        FaceSample sample = fixtures.load(2);
        Stage1Encoder encoder = new Stage1Encoder(Normalization.IMAGENET);

        MultiDataSet batch = encoder.encodeBatch(List.of(sample, fixtures.load(3)));

        assertArrayEquals(new long[] {2, 3, 64, 64}, batch.getFeatures(0).shape());
        INDArray labels = batch.getLabels(0);
        assertArrayEquals(new long[] {2, 9, 64, 64}, labels.shape());
        assertEquals(2 * 64 * 64, labels.sumNumber().doubleValue(), 1e-3, "exactly one class per pixel");
        byte[] classes = ClassMaps.argmax(labels)[0];
        LabelMap target = encoder.target(sample.labels());
        for (int i = 0; i < classes.length; i++) {
            assertEquals(Stage1Labels.classOf(target.get(i % 64, i / 64)), classes[i]);
        }
        long[] counts = new long[9];
        for (byte c : classes) {
            counts[c]++;
        }
        for (int c = 1; c < 9; c++) {
            assertTrue(counts[c] > 0, "class " + Stage1Labels.names().get(c) + " missing at 64x64");
        }
    }
}
