package io.github.faceparse4j.core.image;

import io.github.faceparse4j.core.label.LabelScheme;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-time mirror averaging: a network's class scores for a batch averaged with its scores for the left-right
 * mirrored batch, mirrored back and with left/right classes swapped ({@link LabelScheme#mirrorOf}). Faces are close
 * to symmetric and training mirrors them, so the two passes are two views of the same face whose errors are partly
 * independent; the average costs one more forward pass.
 *
 * <p>Stateless; thread-safe as far as {@code scorer} is.
 */
public final class MirrorAveraging {

    private MirrorAveraging() {
    }

    /**
     * The averaged scores {@code (s(x) + unmirror(s(mirror(x)))) / 2}.
     *
     * @param images {@code [N, C, H, W]}
     * @param scorer maps {@code [N, C, H, W]} images to {@code [N, K, H', W']} scores (probabilities or logits)
     * @param scheme the K classes, for the left/right swap
     * @return {@code [N, K, H', W']}, float
     * @throws IllegalArgumentException if the images are not 4-d or the scores do not have K channels
     */
    public static INDArray average(INDArray images, UnaryOperator<INDArray> scorer, LabelScheme scheme) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(scheme, "scheme");
        if (images.rank() != 4) {
            throw new IllegalArgumentException("Images must be [N, C, H, W], got " + Arrays.toString(images.shape()));
        }
        INDArray direct = scorer.apply(images);
        INDArray mirrored = scorer.apply(mirror(images, null));
        if (direct.rank() != 4 || direct.size(1) != scheme.numClasses()
                || !Arrays.equals(direct.shape(), mirrored.shape())) {
            throw new IllegalArgumentException("Scores must be [N, " + scheme.numClasses() + ", H, W] for both views, "
                    + "got " + Arrays.toString(direct.shape()) + " and " + Arrays.toString(mirrored.shape()));
        }
        float[] sum = FloatData.of(direct);
        float[] back = FloatData.of(mirror(mirrored, scheme));
        for (int i = 0; i < sum.length; i++) {
            sum[i] = 0.5f * (sum[i] + back[i]);
        }
        return Nd4j.create(sum, direct.shape(), 'c');
    }

    /**
     * {@code array} mirrored along its last axis; with a scheme, channel {@code k} of the result also comes from
     * channel {@code scheme.mirrorOf(k)}, which turns a mirrored image's scores back into the original's.
     */
    static INDArray mirror(INDArray array, LabelScheme scheme) {
        long[] shape = array.shape();
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] in = FloatData.of(array);
        float[] out = new float[in.length];
        int plane = h * w;
        for (int image = 0; image < n; image++) {
            for (int channel = 0; channel < c; channel++) {
                int from = (image * c + (scheme == null ? channel : scheme.mirrorOf(channel))) * plane;
                int to = (image * c + channel) * plane;
                for (int y = 0; y < h; y++) {
                    int row = y * w;
                    for (int x = 0; x < w; x++) {
                        out[to + row + x] = in[from + row + w - 1 - x];
                    }
                }
            }
        }
        return Nd4j.create(out, shape, 'c');
    }
}
