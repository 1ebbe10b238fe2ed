package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.github.faceparse4j.core.label.LabelScheme;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MirrorAveragingTest {

    private static final int K = LabelScheme.HELEN_11.numClasses();

    /** Channel k of the scores is (k + 1) times channel 0 of the image, pixel by pixel. */
    private static final UnaryOperator<INDArray> POINTWISE = images -> {
        INDArray scores = Nd4j.create(images.dataType(), images.size(0), K, images.size(2), images.size(3));
        for (int k = 0; k < K; k++) {
            scores.get(all(), point(k), all(), all()).assign(images.get(all(), point(0), all(), all()).mul(k + 1));
        }
        return scores;
    };

    @Test
    void mirrorReversesTheLastAxisAndSwapsLeftRightChannels() {
        INDArray row = Nd4j.createFromArray(new float[] {1, 2, 3}).reshape(1, 1, 1, 3);
        assertArrayEquals(new float[] {3, 2, 1}, MirrorAveraging.mirror(row, null).data().asFloat());

        INDArray scores = Nd4j.zeros(1, K, 1, 2);
        scores.putScalar(new int[] {0, 2, 0, 0}, 7); // left brow, left column
        INDArray back = MirrorAveraging.mirror(scores, LabelScheme.HELEN_11);
        assertEquals(7, back.getFloat(0, 3, 0, 1), "becomes the right brow in the right column");
        assertEquals(7, back.sumNumber().floatValue());
    }

    @Test
    void aMirrorConsistentScorerIsUnchangedAndPairedClassesAreAveraged() {
        INDArray images = Nd4j.rand(2, 3, 4, 5);
        INDArray averaged = MirrorAveraging.average(images, POINTWISE, LabelScheme.HELEN_11);
        INDArray base = images.get(all(), point(0), all(), all());
        for (int k = 0; k < K; k++) {
            int partner = LabelScheme.HELEN_11.mirrorOf(k);
            double factor = (k + 1 + partner + 1) / 2.0;
            assertTrue(base.mul(factor).equalsWithEps(averaged.get(all(), point(k), all(), all()), 1e-5),
                    "channel " + k + " is the mean of its own and its partner's factor");
        }
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MirrorAveraging.average(Nd4j.rand(3, 4, 5), POINTWISE, LabelScheme.HELEN_11));
        assertThrows(IllegalArgumentException.class,
                () -> MirrorAveraging.average(Nd4j.rand(1, 3, 4, 5), POINTWISE, LabelScheme.SKIN_HAIR_BG_3),
                "11 score channels for a 3-class scheme");
    }
}
