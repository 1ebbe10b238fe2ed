package io.github.faceparse4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FaceBatchIteratorTest {

    private static FaceDataset fixtures;
    private static final WholeFaceEncoder ENCODER = WholeFaceEncoder.builder().setSize(32)
            .setScheme(LabelScheme.HELEN_11).optNormalization(Normalization.ZERO_TO_ONE).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws IOException {
        fixtures = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
    }

    private static FaceBatchIterator.Builder iterator() {
        return FaceBatchIterator.builder().setDataset(fixtures).setEncoder(ENCODER).setBatchSize(5);
    }

    private static List<MultiDataSet> drain(FaceBatchIterator it) {
        List<MultiDataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    private static void assertSameBatches(List<MultiDataSet> a, List<MultiDataSet> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getFeatures(0), b.get(i).getFeatures(0), "features of batch " + i);
            assertEquals(a.get(i).getLabels(0), b.get(i).getLabels(0), "labels of batch " + i);
            assertEquals(a.get(i).getExampleMetaData(), b.get(i).getExampleMetaData());
        }
    }

    @Test
    void batchesCoverTheListInOrderWithASmallerLastBatch() {
        try (FaceBatchIterator it = iterator().build()) {
            assertEquals(5, it.batchesPerEpoch());
            assertTrue(it.hasNext());
            assertTrue(it.hasNext(), "hasNext does not consume");
            List<MultiDataSet> batches = drain(it);
            assertEquals(5, batches.size());
            List<Object> names = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long n = i < 4 ? 5 : 4;
                assertArrayEquals(new long[] {n, 3, 32, 32}, batches.get(i).getFeatures(0).shape());
                assertArrayEquals(new long[] {n, 11, 32, 32}, batches.get(i).getLabels(0).shape());
                names.addAll(batches.get(i).getExampleMetaData());
            }
            assertEquals(fixtures.names(), names);
            assertThrows(NoSuchElementException.class, it::next);
            assertThrows(UnsupportedOperationException.class, () -> it.next(3));
        }
        try (FaceBatchIterator it = iterator().optDropLast(true).build()) {
            assertEquals(4, drain(it).size());
        }
    }

    @Test
    void sameSeedGivesTheSameEpochsWhateverTheWorkerCount() {
        FaceBatchIterator.Builder builder = iterator().optAugmentation(Augmentation.paperDefault()).optShuffle(true)
                .optSeed(1234);
        try (FaceBatchIterator one = builder.build(); FaceBatchIterator three = builder.optWorkers(3).build()) {
            List<MultiDataSet> epoch0 = drain(one);
            assertSameBatches(epoch0, drain(three));
            one.reset();
            three.reset();
            assertEquals(1, one.epoch());
            List<MultiDataSet> epoch1 = drain(one);
            assertSameBatches(epoch1, drain(three));
            assertNotEquals(epoch0.get(0).getExampleMetaData(), epoch1.get(0).getExampleMetaData(),
                    "each epoch has its own order");
        }
        try (FaceBatchIterator other = iterator().optAugmentation(Augmentation.paperDefault()).optShuffle(true)
                .optSeed(99).build()) {
            assertNotEquals(Arrays.toString(other.order(0)), Arrays.toString(builder.build().order(0)));
        }
    }

    @Test
    void augmentationDependsOnSampleAndEpochNotOnPosition() {
        // Sample 0019 is in batch 0 in list order and somewhere else when shuffled: same warp either way.
        Augmentation paper = Augmentation.paperDefault();
        try (FaceBatchIterator ordered = iterator().setBatchSize(1).optAugmentation(paper).optSeed(5).build();
                FaceBatchIterator shuffled = iterator().setBatchSize(1).optAugmentation(paper).optSeed(5)
                        .optShuffle(true).build()) {
            ordered.next();
            MultiDataSet a = ordered.next();
            int position = 0;
            while (shuffled.order(0)[position] != 1) {
                position++;
            }
            for (int i = 0; i < position; i++) {
                shuffled.next();
            }
            MultiDataSet b = shuffled.next();
            assertEquals(List.of("0019"), a.getExampleMetaData());
            assertEquals(a.getExampleMetaData(), b.getExampleMetaData());
            assertEquals(a.getFeatures(0), b.getFeatures(0));
        }
    }

    @Test
    void encodeBatchGivesTheIteratorsArraysWithoutAugmentation() throws IOException {
        List<FaceSample> samples = List.of(fixtures.load(0), fixtures.load(1), fixtures.load(2), fixtures.load(3),
                fixtures.load(4));
        MultiDataSet direct = ENCODER.encodeBatch(samples);
        try (FaceBatchIterator it = iterator().build()) {
            assertSameBatches(List.of(it.next()), List.of(direct));
        }
        assertThrows(IllegalArgumentException.class, () -> ENCODER.encodeBatch(List.of()));
    }

    @Test
    void resetBeforeAnyBatchKeepsTheEpochAndResetMidEpochStartsTheNext() {
        try (FaceBatchIterator it = iterator().build()) {
            it.reset();
            it.reset();
            assertEquals(0, it.epoch());
            it.next();
            it.reset();
            assertEquals(1, it.epoch());
            assertEquals(5, drain(it).size(), "a full epoch after a mid-epoch reset");
        }
    }

    @Test
    void decodeErrorReachesTheCallerWithTheFileNamed() throws IOException {
        FaceDataset broken = FaceDatasetTest.copyOfFixtures(dir, 9);
        FaceDatasetTest.truncate(broken.imagePath(6));
        for (int workers : new int[] {1, 3}) {
            try (FaceBatchIterator it = FaceBatchIterator.builder().setDataset(broken).setEncoder(ENCODER)
                    .setBatchSize(4).optWorkers(workers).build()) {
                assertEquals(4, it.next().getFeatures(0).size(0), "the batch before the damaged file arrives");
                UncheckedIOException e = assertThrows(UncheckedIOException.class, it::next);
                assertTrue(e.getMessage().contains(broken.imagePath(6).toString())
                        && e.getMessage().contains(broken.name(6)), e.getMessage());
                assertFalse(it.hasNext(), "the epoch ends at the failure");
            }
        }
    }

    @Test
    void encoderErrorNamesTheSample() {
        SampleEncoder failing = new SampleEncoder() {
            @Override
            public List<long[]> featureShapes() {
                return List.of(new long[] {1});
            }

            @Override
            public List<long[]> labelShapes() {
                return List.of(new long[] {1});
            }

            @Override
            public void encode(FaceSample sample, SampleSlot slot) {
                if (sample.name().equals("0029")) {
                    throw new IllegalArgumentException("no mapping");
                }
            }
        };
        try (FaceBatchIterator it = FaceBatchIterator.builder().setDataset(fixtures).setEncoder(failing)
                .setBatchSize(8).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
            assertTrue(e.getMessage().contains("0029") && e.getMessage().contains("no mapping"), e.getMessage());
        }
    }

    @Test
    void labelMasksAreBatchedWhenTheEncoderDeclaresThem() {
        SampleEncoder masked = new SampleEncoder() {
            @Override
            public List<long[]> featureShapes() {
                return List.of(new long[] {2});
            }

            @Override
            public List<long[]> labelShapes() {
                return List.of(new long[] {3}, new long[] {1});
            }

            @Override
            public List<long[]> labelMaskShapes() {
                return Arrays.asList(new long[] {3}, null);
            }

            @Override
            public void encode(FaceSample sample, SampleSlot slot) {
                slot.features(0)[slot.featuresOffset(0)] = slot.index();
                slot.labelMask(0)[slot.labelMaskOffset(0) + 2] = 1;
                assertThrows(IllegalStateException.class, () -> slot.labelMask(1));
            }
        };
        try (FaceBatchIterator it = FaceBatchIterator.builder().setDataset(fixtures).setEncoder(masked)
                .setBatchSize(4).build()) {
            MultiDataSet batch = it.next();
            assertArrayEquals(new long[] {4, 3}, batch.getLabelsMaskArray(0).shape());
            assertEquals(null, batch.getLabelsMaskArray(1));
            assertEquals(4.0, batch.getLabelsMaskArray(0).sumNumber().doubleValue());
            assertEquals(3f, batch.getFeatures(0).getFloat(3, 0));
        }
    }

    @Test
    void closedIteratorRefusesWork() {
        FaceBatchIterator it = iterator().build();
        it.next();
        it.close();
        it.close();
        assertThrows(IllegalStateException.class, it::hasNext);
        assertThrows(IllegalStateException.class, it::reset);
    }

    @Test
    void builderChecksItsSettings() {
        assertThrows(IllegalStateException.class, () -> FaceBatchIterator.builder().setDataset(fixtures).build());
        assertThrows(IllegalArgumentException.class, () -> FaceBatchIterator.builder().setBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> iterator().optPrefetchBatches(0));
        assertThrows(IllegalArgumentException.class, () -> iterator().optWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> iterator().setBatchSize(25).optDropLast(true).build());
    }

    @Test
    void dataSetAdapterTrainsASmallGraphWithCnnLoss() {
        try (FaceBatchIterator batches = iterator().setBatchSize(8).optAugmentation(Augmentation.paperDefault())
                .build()) {
            DataSetIterator it = batches.asDataSetIterator();
            assertEquals(11, it.totalOutcomes());
            assertEquals(3 * 32 * 32, it.inputColumns());
            DataSet first = it.next();
            assertArrayEquals(new long[] {8, 3, 32, 32}, first.getFeatures().shape());
            assertArrayEquals(new long[] {8, 11, 32, 32}, first.getLabels().shape());
            it.reset();

            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
                    .updater(new Adam(1e-2)).graphBuilder().addInputs("image")
                    .setInputTypes(InputType.convolutional(32, 32, 3))
                    .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(11)
                            .activation(Activation.IDENTITY).build(), "image")
                    .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .activation(Activation.SOFTMAX).build(), "conv")
                    .setOutputs("loss").build();
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            double before = graph.score(first);
            graph.fit(batches, 3);
            assertTrue(graph.score(first) < before, "loss falls: " + before + " -> " + graph.score(first));
        }
        WholeFaceEncoder twoOutputs = WholeFaceEncoder.builder().setSize(8).setScheme(LabelScheme.SKIN_HAIR_BG_3)
                .optBoundaryWidth(1).build();
        try (FaceBatchIterator multi = FaceBatchIterator.builder().setDataset(fixtures).setEncoder(twoOutputs)
                .setBatchSize(4).build()) {
            assertThrows(IllegalStateException.class, multi::asDataSetIterator);
        }
    }
}
