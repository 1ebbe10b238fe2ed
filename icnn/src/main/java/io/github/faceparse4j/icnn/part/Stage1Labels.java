package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.Arrays;
import java.util.List;

/**
 * The nine classes of the stage-1 iCNN (paper section 3.1): HELEN-11 without face skin and hair, which become
 * background. Class {@code c} of the network's output is HELEN-11 id {@link #helenId(int) helenId(c)}:
 *
 * <pre>
 *   class:    0           1       2       3      4      5     6      7           8
 *   HELEN-11: 0 background 2 l-brow 3 r-brow 4 l-eye 5 r-eye 6 nose 7 u-lip 8 in-mouth 9 l-lip
 * </pre>
 *
 * <p>Core's {@link LabelScheme} has no such scheme; maps stay in {@link LabelScheme#HELEN_11} and this class
 * translates ids. Stateless and thread-safe.
 */
public final class Stage1Labels {

    /** Number of stage-1 classes. */
    public static final int NUM_CLASSES = 9;

    /** {@code HELEN_IDS[c]} is the HELEN-11 id of stage-1 class {@code c}. */
    private static final int[] HELEN_IDS = {0, 2, 3, 4, 5, 6, 7, 8, 9};
    /** {@code CLASS_OF[h]} is the stage-1 class of HELEN-11 id {@code h} (skin and hair: 0). */
    private static final int[] CLASS_OF = new int[LabelScheme.HELEN_11.numClasses()];

    static {
        for (int c = 0; c < HELEN_IDS.length; c++) {
            CLASS_OF[HELEN_IDS[c]] = c;
        }
    }

    private Stage1Labels() {
    }

    /** Class names in class order, HELEN-11's names. */
    public static List<String> names() {
        return Arrays.stream(HELEN_IDS).mapToObj(LabelScheme.HELEN_11::className).toList();
    }

    /**
     * The HELEN-11 id of stage-1 class {@code stage1Class}.
     *
     * @throws IllegalArgumentException if the class is outside 0..8
     */
    public static int helenId(int stage1Class) {
        if (stage1Class < 0 || stage1Class >= NUM_CLASSES) {
            throw new IllegalArgumentException("Stage-1 class " + stage1Class + " is outside 0.." + (NUM_CLASSES - 1));
        }
        return HELEN_IDS[stage1Class];
    }

    /**
     * The stage-1 class of HELEN-11 id {@code helenId}; face skin and hair give 0 (background).
     *
     * @throws IllegalArgumentException if the id is outside HELEN-11
     */
    public static int classOf(int helenId) {
        LabelScheme.HELEN_11.checkId(helenId);
        return CLASS_OF[helenId];
    }

    /**
     * The stage-1 classes of a HELEN-11 map, row-major ({@code y * width + x}); skin and hair become 0.
     *
     * @throws IllegalArgumentException if the map is not HELEN-11
     */
    public static byte[] classesOf(LabelMap helen) {
        checkHelen(helen);
        byte[] ids = helen.ids();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) CLASS_OF[ids[i] & 0xFF];
        }
        return ids;
    }

    /**
     * The HELEN-11 map of row-major stage-1 classes (for example a network output's argmax).
     *
     * @throws IllegalArgumentException if the size does not match or a class is outside 0..8
     */
    public static LabelMap toHelen(byte[] classes, int width, int height) {
        if (classes.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " classes for " + width + "x" + height
                    + ", got " + classes.length);
        }
        byte[] ids = new byte[classes.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) helenId(classes[i] & 0xFF);
        }
        return LabelMap.of(LabelScheme.HELEN_11, width, height, ids);
    }

    static void checkHelen(LabelMap map) {
        if (!map.scheme().equals(LabelScheme.HELEN_11)) {
            throw new IllegalArgumentException("Expected a " + LabelScheme.HELEN_11 + " label map, got "
                    + map.scheme() + "; map it with LabelMapping first");
        }
    }
}
