package io.github.faceparse4j.icnn.net;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-pixel class maps (row-major {@code byte[]} of class indices, {@code H * W} long) to and from the tensors of an
 * iCNN: one-hot targets {@code [K, H, W]} and score outputs {@code [N, K, H, W]}. Class indices are the network's
 * output channels, 0..K-1 with K at most 256. Stateless and thread-safe.
 */
public final class ClassMaps {

    private ClassMaps() {
    }

    /**
     * Writes the one-hot encoding of {@code classes} as {@code k * classes.length} floats in {@code [k, H, W]} order
     * into {@code dest} at {@code offset}, zeros included.
     *
     * @throws IllegalArgumentException if a class is not below {@code k} or {@code dest} is too short
     */
    public static void fillOneHot(byte[] classes, int k, float[] dest, int offset) {
        int plane = classes.length;
        if (offset < 0 || offset + (long) k * plane > dest.length) {
            throw new IllegalArgumentException("Buffer of " + dest.length + " floats cannot hold " + k + " x " + plane
                    + " at offset " + offset);
        }
        Arrays.fill(dest, offset, offset + k * plane, 0f);
        for (int i = 0; i < plane; i++) {
            int c = classes[i] & 0xFF;
            if (c >= k) {
                throw new IllegalArgumentException("Class " + c + " at index " + i + " is not below " + k);
            }
            dest[offset + c * plane + i] = 1f;
        }
    }

    /**
     * The per-pixel argmax over the channel axis of {@code [N, K, H, W]} scores: one row-major class map per image.
     * Ties go to the lower class.
     *
     * @throws IllegalArgumentException if {@code scores} is not rank 4 or has more than 256 channels
     */
    public static byte[][] argmax(INDArray scores) {
        if (scores.rank() != 4 || scores.size(1) > 256) {
            throw new IllegalArgumentException("Expected scores [N, K, H, W] with K <= 256, got "
                    + Arrays.toString(scores.shape()));
        }
        int n = (int) scores.size(0);
        int k = (int) scores.size(1);
        int plane = (int) (scores.size(2) * scores.size(3));
        float[] data = scores.castTo(DataType.FLOAT).dup('c').data().asFloat();
        byte[][] maps = new byte[n][];
        for (int img = 0; img < n; img++) {
            maps[img] = argmax(data, img * k * plane, k, plane);
        }
        return maps;
    }

    /**
     * The per-pixel argmax of one image's scores stored {@code [k, H, W]} from {@code offset} in {@code scores}
     * ({@code plane = H * W}). Ties go to the lower class.
     */
    public static byte[] argmax(float[] scores, int offset, int k, int plane) {
        byte[] out = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestScore = scores[offset + i];
            for (int c = 1; c < k; c++) {
                float v = scores[offset + c * plane + i];
                if (v > bestScore) {
                    best = c;
                    bestScore = v;
                }
            }
            out[i] = (byte) best;
        }
        return out;
    }
}
