package io.github.faceparse4j.core.image;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts label maps to training targets and network outputs back to label maps.
 *
 * <p>Targets are one-hot float arrays {@code [N, K, H, W]} with {@code K = scheme.numClasses()}: channel {@code k}
 * is 1 where the pixel's id is {@code k}, else 0. That is the label layout of DL4J's {@code CnnLossLayer} with a
 * softmax over the channel dimension. Decoding takes the per-pixel argmax over the channel dimension of any
 * {@code [N, K, H, W]} score array (probabilities or raw scores); ties go to the lower id.
 *
 * <p>All loops run in Java on {@code float[]}/{@code byte[]}, with one ND4J transfer per array. Stateless and
 * thread-safe.
 */
public final class LabelTensors {

    private LabelTensors() {
    }

    /** One-hot {@code [1, K, H, W]} float array of the map. */
    public static INDArray oneHot(LabelMap map) {
        int k = map.scheme().numClasses();
        float[] data = new float[k * map.width() * map.height()];
        fillOneHot(map, data, 0);
        return Nd4j.create(data, new long[] {1, k, map.height(), map.width()}, 'c');
    }

    /**
     * Writes the one-hot encoding as {@code K * H * W} floats ({@code [K, H, W]} order, zeros included) into
     * {@code dest} at {@code offset}. For slot {@code n} of a {@code [N, K, H, W]} buffer pass
     * {@code offset = n * K * H * W}.
     */
    public static void fillOneHot(LabelMap map, float[] dest, int offset) {
        int plane = map.width() * map.height();
        int k = map.scheme().numClasses();
        if (offset < 0 || offset + (long) k * plane > dest.length) {
            throw new IllegalArgumentException("Buffer of " + dest.length + " floats cannot hold " + k + "x"
                    + map.height() + "x" + map.width() + " at offset " + offset);
        }
        Arrays.fill(dest, offset, offset + k * plane, 0f);
        byte[] ids = new byte[plane];
        map.copyIdsTo(ids, 0);
        for (int i = 0; i < plane; i++) {
            dest[offset + (ids[i] & 0xFF) * plane + i] = 1f;
        }
    }

    /** The ids as a {@code [1, 1, H, W]} float array (for sparse losses and inspection). */
    public static INDArray ids(LabelMap map) {
        byte[] ids = map.ids();
        float[] data = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            data[i] = ids[i] & 0xFF;
        }
        return Nd4j.create(data, new long[] {1, 1, map.height(), map.width()}, 'c');
    }

    /**
     * The per-pixel argmax of each image of a {@code [N, K, H, W]} score array, as label maps in {@code scheme}.
     *
     * @throws IllegalArgumentException if the array is not rank 4, K is not the scheme's class count, or a score is
     *     NaN
     */
    public static List<LabelMap> argmax(INDArray scores, LabelScheme scheme) {
        checkScores(scores, scheme);
        float[] data = FloatData.of(scores);
        int n = (int) scores.size(0);
        int perImage = data.length / n;
        List<LabelMap> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            maps.add(argmax(data, i * perImage, i, scores, scheme));
        }
        return maps;
    }

    /** The per-pixel argmax of image {@code n} of a {@code [N, K, H, W]} score array. */
    public static LabelMap argmax(INDArray scores, int n, LabelScheme scheme) {
        checkScores(scores, scheme);
        if (n < 0 || n >= scores.size(0)) {
            throw new IllegalArgumentException("Image " + n + " outside batch of " + scores.size(0));
        }
        return argmax(FloatData.of(scores.slice(n)), 0, n, scores, scheme);
    }

    private static LabelMap argmax(float[] data, int offset, int n, INDArray scores, LabelScheme scheme) {
        int k = (int) scores.size(1);
        int h = (int) scores.size(2);
        int w = (int) scores.size(3);
        int plane = h * w;
        byte[] ids = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestScore = data[offset + i];
            for (int c = 0; c < k; c++) {
                float v = data[offset + c * plane + i];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("Score is NaN at image " + n + ", class " + c + ", (x="
                            + i % w + ", y=" + i / w + ")");
                }
                if (v > bestScore) {
                    best = c;
                    bestScore = v;
                }
            }
            ids[i] = (byte) best;
        }
        return LabelMap.of(scheme, w, h, ids);
    }

    private static void checkScores(INDArray scores, LabelScheme scheme) {
        if (scores.rank() != 4 || scores.size(1) != scheme.numClasses()) {
            throw new IllegalArgumentException("Expected scores [N, " + scheme.numClasses() + ", H, W] for scheme "
                    + scheme + ", got " + Arrays.toString(scores.shape()));
        }
    }
}
