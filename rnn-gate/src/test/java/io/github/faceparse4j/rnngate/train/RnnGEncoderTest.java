package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.Augmentation;
import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.rnngate.net.RnnGOutput;
import io.github.faceparse4j.rnngate.net.Variant;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class RnnGEncoderTest {

    private static FaceDataset fixtures() throws IOException {
        return FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 2);
    }

    private static MultiDataSet firstBatch(RnnGEncoder encoder, Augmentation augmentation, long seed)
            throws IOException {
        try (FaceBatchIterator batches = FaceBatchIterator.builder().setDataset(fixtures()).setEncoder(encoder)
                .setBatchSize(2).optAugmentation(augmentation).optSeed(seed).build()) {
            return batches.next();
        }
    }

    private static RnnGEncoder encoder(LabelScheme scheme, Variant variant) {
        return RnnGEncoder.builder().setScheme(scheme).setOutputs(variant.outputs()).optSeed(7).build();
    }

    @Test
    void rnnGBatchHasTheImageTheThreeTargetsAndOneMask() throws IOException {
        MultiDataSet batch = firstBatch(encoder(LabelScheme.HELEN_11, Variant.RNN_G), Augmentation.none(), 0);
        assertArrayEquals(new long[] {2, 3, 128, 128}, batch.getFeatures(0).shape());
        assertArrayEquals(new long[] {2, 11, 128, 128}, batch.getLabels(0).shape());
        assertArrayEquals(new long[] {2, 11, 64, 64}, batch.getLabels(1).shape());
        assertArrayEquals(new long[] {2, 1, 64, 64}, batch.getLabels(2).shape());
        assertNull(batch.getLabelsMaskArray(0));
        assertNull(batch.getLabelsMaskArray(1));
        assertArrayEquals(new long[] {2, 1, 64, 64}, batch.getLabelsMaskArray(2).shape());
        // One-hot: every pixel has exactly one class.
        assertEquals(2.0 * 128 * 128, batch.getLabels(0).sumNumber().doubleValue());
        assertEquals(2.0 * 64 * 64, batch.getLabels(1).sumNumber().doubleValue());
    }

    @Test
    void coarseLabelsAreTheFinalLabelsAtHalfSize() throws IOException {
        MultiDataSet batch = firstBatch(encoder(LabelScheme.SKIN_HAIR_BG_3, Variant.RNN), Augmentation.none(), 0);
        for (int n = 0; n < 2; n++) {
            LabelMap full = LabelTensors.argmax(batch.getLabels(0), n, LabelScheme.SKIN_HAIR_BG_3);
            LabelMap half = LabelTensors.argmax(batch.getLabels(1), n, LabelScheme.SKIN_HAIR_BG_3);
            assertArrayEquals(full.resizeNearest(64, 64).ids(), half.ids());
        }
    }

    @Test
    void gateMaskSamplesEveryBoundaryPixelAndFiveTimesAsManyOthers() throws IOException {
        MultiDataSet batch = firstBatch(encoder(LabelScheme.HELEN_11, Variant.RNN_G), Augmentation.paperDefault(), 3);
        INDArray gate = batch.getLabels(2);
        INDArray mask = batch.getLabelsMaskArray(2);
        for (int n = 0; n < 2; n++) {
            float[] target = gate.slice(n).dup().data().asFloat();
            float[] counted = mask.slice(n).dup().data().asFloat();
            int boundary = 0;
            int sampledInterior = 0;
            for (int i = 0; i < target.length; i++) {
                if (target[i] == 0f) {
                    boundary++;
                    assertEquals(1f, counted[i], "every boundary pixel counts");
                } else if (counted[i] == 1f) {
                    sampledInterior++;
                }
            }
            assertTrue(boundary > 100, "a HELEN-11 face has many part boundaries: " + boundary);
            assertEquals(Math.min(5 * boundary, target.length - boundary), sampledInterior);
        }
    }

    @Test
    void gateMaskIsReproducibleAndChangesWithTheAugmentation() throws IOException {
        RnnGEncoder encoder = encoder(LabelScheme.SKIN_HAIR_BG_3, Variant.RNN_G);
        INDArray a = firstBatch(encoder, Augmentation.paperDefault(), 1).getLabelsMaskArray(2);
        INDArray b = firstBatch(encoder, Augmentation.paperDefault(), 1).getLabelsMaskArray(2);
        INDArray c = firstBatch(encoder, Augmentation.paperDefault(), 2).getLabelsMaskArray(2);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void cnnSHasOnlyTheFinalTargetAndNoMasks() {
        RnnGEncoder encoder = encoder(LabelScheme.SKIN_HAIR_BG_3, Variant.CNN_S);
        assertEquals(1, encoder.labelShapes().size());
        assertTrue(encoder.labelMaskShapes().isEmpty());
    }

    @Test
    void badOutputListsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RnnGEncoder.builder().setOutputs(List.of(RnnGOutput.COARSE, RnnGOutput.FINAL)));
        assertThrows(IllegalArgumentException.class,
                () -> RnnGEncoder.builder().setOutputs(List.of(RnnGOutput.FINAL, RnnGOutput.FINAL)));
        assertThrows(IllegalStateException.class, () -> RnnGEncoder.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RnnGEncoder.builder().optSamplingRatio(0));
    }
}
