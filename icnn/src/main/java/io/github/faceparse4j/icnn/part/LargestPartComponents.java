package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.Arrays;

/**
 * Keeps, for each {@link FacePart}, only the largest 8-connected blob of its pixels in a predicted HELEN-11 map; the
 * pixels of its other blobs become skin. The three mouth classes count as one part.
 *
 * <p>Why: a stray blob far from the part (a "mouth" on the hair, say) moves even a median centre; the part itself is
 * almost always the largest blob of its class.
 *
 * <p>Stateless and thread-safe.
 */
public final class LargestPartComponents {

    private static final byte SKIN = (byte) LabelScheme.HELEN_11.idOf("skin");

    private LargestPartComponents() {
    }

    /**
     * The map with every part reduced to its largest blob.
     *
     * @param helen a HELEN-11 map
     * @return a new map; {@code helen} is not changed
     * @throws IllegalArgumentException if the map is not in the HELEN-11 scheme
     */
    public static LabelMap of(LabelMap helen) {
        Stage1Labels.checkHelen(helen);
        int w = helen.width();
        int h = helen.height();
        byte[] ids = helen.ids();
        byte[] out = ids.clone();
        int[] blob = new int[ids.length];
        int[] stack = new int[ids.length];
        for (FacePart part : FacePart.values()) {
            boolean[] inPart = new boolean[256];
            for (int id : part.helenIds()) {
                inPart[id] = true;
            }
            Arrays.fill(blob, -1);
            int blobs = 0;
            int largest = -1;
            int largestSize = 0;
            for (int start = 0; start < ids.length; start++) {
                if (blob[start] >= 0 || !inPart[ids[start] & 0xFF]) {
                    continue;
                }
                int size = fill(ids, w, h, inPart, blob, stack, start, blobs);
                if (size > largestSize) {
                    largestSize = size;
                    largest = blobs;
                }
                blobs++;
            }
            for (int i = 0; i < ids.length; i++) {
                if (blob[i] >= 0 && blob[i] != largest) {
                    out[i] = SKIN;
                }
            }
        }
        return LabelMap.of(LabelScheme.HELEN_11, w, h, out);
    }

    /** Marks the blob containing {@code start} with {@code label}; returns its size. */
    private static int fill(byte[] ids, int w, int h, boolean[] inPart, int[] blob, int[] stack, int start,
            int label) {
        int top = 0;
        int size = 0;
        stack[top++] = start;
        blob[start] = label;
        while (top > 0) {
            int p = stack[--top];
            size++;
            int px = p % w;
            int py = p / w;
            for (int y = Math.max(0, py - 1); y <= Math.min(h - 1, py + 1); y++) {
                for (int x = Math.max(0, px - 1); x <= Math.min(w - 1, px + 1); x++) {
                    int q = y * w + x;
                    if (blob[q] < 0 && inPart[ids[q] & 0xFF]) {
                        blob[q] = label;
                        stack[top++] = q;
                    }
                }
            }
        }
        return size;
    }
}
