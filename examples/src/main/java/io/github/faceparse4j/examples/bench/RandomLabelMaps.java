package io.github.faceparse4j.examples.bench;

import java.util.Arrays;
import java.util.Random;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;

/**
 * Random label maps for bench batches that look roughly like a face's: a background of one class with a few
 * rectangular "parts" of other classes. Unlike an independent class per pixel (where every pixel lies on a boundary)
 * this gives label boundaries of a plausible density, which matters where a target is derived from the boundaries
 * (RNN-G's gate map and its 1:5 sampling mask).
 */
final class RandomLabelMaps {

    private RandomLabelMaps() {
    }

    /**
     * A {@code size x size} map: one random class everywhere, then {@code parts} rectangles, each of a random class,
     * with sides drawn uniformly from {@code size / 16} to {@code size / 4} and a uniform position inside the map.
     *
     * @throws IllegalArgumentException if {@code size < 16} or {@code parts < 0}
     */
    static LabelMap parts(LabelScheme scheme, int size, int parts, Random random) {
        if (size < 16 || parts < 0) {
            throw new IllegalArgumentException("need size >= 16 and parts >= 0, got " + size + ", " + parts);
        }
        int classes = scheme.numClasses();
        byte[] ids = new byte[size * size];
        Arrays.fill(ids, (byte) random.nextInt(classes));
        int smallest = size / 16;
        int largest = size / 4;
        for (int p = 0; p < parts; p++) {
            int width = smallest + random.nextInt(largest - smallest + 1);
            int height = smallest + random.nextInt(largest - smallest + 1);
            int left = random.nextInt(size - width + 1);
            int top = random.nextInt(size - height + 1);
            byte id = (byte) random.nextInt(classes);
            for (int y = top; y < top + height; y++) {
                Arrays.fill(ids, y * size + left, y * size + left + width, id);
            }
        }
        return LabelMap.of(scheme, size, size, ids);
    }
}
