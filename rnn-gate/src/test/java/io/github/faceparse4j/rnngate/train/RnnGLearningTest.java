package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.Variant;
import java.io.IOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** The whole RNN-G graph learns: a few Adam steps on four real faces (at 32 x 32) lower every variant's loss. */
class RnnGLearningTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aFewStepsOnFourRealFacesLowerTheLoss(Variant variant) throws IOException {
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(3).optVariant(variant).optInputSize(32)
                .optLearningRate(3e-3).build();
        RnnGEncoder encoder = RnnGEncoder.builder().setScheme(LabelScheme.SKIN_HAIR_BG_3).setNetwork(network)
                .build();
        MultiDataSet batch;
        try (FaceBatchIterator faces = FaceBatchIterator.builder()
                .setDataset(FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").subset(0, 4))
                .setEncoder(encoder).setBatchSize(4).build()) {
            batch = faces.next();
        }
        ComputationGraph graph = network.init();
        double before = graph.score(batch);
        for (int i = 0; i < 10; i++) {
            graph.fit(batch);
        }
        double after = graph.score(batch);
        assertTrue(after < 0.7 * before, variant + ": loss " + before + " -> " + after);
    }
}
