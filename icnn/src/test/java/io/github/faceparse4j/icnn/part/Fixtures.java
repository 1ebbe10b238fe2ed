package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The 24 real fixture faces with HELEN-11 labels. */
final class Fixtures {

    private Fixtures() {
    }

    static FaceDataset celebaMask24() {
        try {
            return FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixture {@code index} with its labels mapped to HELEN-11. */
    static FaceSample helenSample(int index) {
        try {
            FaceSample sample = celebaMask24().load(index);
            return new FaceSample(sample.name(), sample.image(), helen(sample.labels()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CelebAMask-19 labels of fixture {@code index}. */
    static LabelMap celebaMask24Labels(int index) {
        try {
            return celebaMask24().loadLabels(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelMap helen(LabelMap celebaMask) {
        return LabelMapping.CELEBAMASK_TO_HELEN.apply(celebaMask);
    }
}
