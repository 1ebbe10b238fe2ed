package io.github.faceparse4j.core.label;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fixed set of pixel classes with ids {@code 0..numClasses()-1}, their names, a display palette, and the
 * left/right pairs that a horizontal flip swaps.
 *
 * <p>"Left" always means the person's left, which is the image's right for a frontal face; this is the convention of
 * both CelebAMask-HQ and HELEN. Id 0 is background in every built-in scheme.
 *
 * <p>Instances are immutable and thread-safe. The three built-in schemes are the only ones the library's models
 * use; {@link #byName(String)} resolves them from the names stored in model files.
 */
public final class LabelScheme {

    /** The 19 CelebAMask-HQ classes, ids as in the shared dataset's label PNGs. */
    public static final LabelScheme CELEBAMASK_19 = new LabelScheme("celebamask-19",
            List.of("background", "skin", "nose", "eyeglasses", "left_eye", "right_eye", "left_brow", "right_brow",
                    "left_ear", "right_ear", "inner_mouth", "upper_lip", "lower_lip", "hair", "hat", "earring",
                    "necklace", "neck", "cloth"),
            new int[] {0x000000, 0xCC9966, 0x4C33FF, 0xCCCCCC, 0xFF3399, 0x9933FF, 0x66CC00, 0x33CC33,
                    0xCC66FF, 0x6600CC, 0xFFFF66, 0xFF0000, 0x990033, 0x0000CC, 0x00CCCC, 0xFFCC33, 0x66FF99,
                    0xFF9933, 0x00FF00},
            new int[][] {{4, 5}, {6, 7}, {8, 9}});

    /** The 11 HELEN classes used by both papers: 0 bg, 1 skin, 2 l-brow, 3 r-brow, 4 l-eye, 5 r-eye, 6 nose,
     *  7 u-lip, 8 in-mouth, 9 l-lip, 10 hair. */
    public static final LabelScheme HELEN_11 = new LabelScheme("helen-11",
            List.of("background", "skin", "left_brow", "right_brow", "left_eye", "right_eye", "nose", "upper_lip",
                    "inner_mouth", "lower_lip", "hair"),
            new int[] {0x000000, 0xCC9966, 0x66CC00, 0x33CC33, 0xFF3399, 0x9933FF, 0x4C33FF, 0xFF0000, 0xFFFF66,
                    0x990033, 0x0000CC},
            new int[][] {{2, 3}, {4, 5}});

    /** Background, face skin (with all face parts) and hair: the RNN-G paper's LFW-PL task. */
    public static final LabelScheme SKIN_HAIR_BG_3 = new LabelScheme("skin-hair-bg-3",
            List.of("background", "skin", "hair"),
            new int[] {0x000000, 0xCC9966, 0x0000CC},
            new int[0][]);

    private static final List<LabelScheme> BUILT_IN = List.of(CELEBAMASK_19, HELEN_11, SKIN_HAIR_BG_3);

    /** Stable identifier, stored in model files and printed in reports. */
    private final String name;
    /** Class names by id; lower case with underscores. */
    private final List<String> classNames;
    /** Display colour of each class as 0xRRGGBB. */
    private final int[] palette;
    /** For each id, the id a horizontal flip turns it into (itself for unpaired classes). */
    private final int[] mirror;

    private LabelScheme(String name, List<String> classNames, int[] palette, int[][] leftRightPairs) {
        if (classNames.size() != palette.length || classNames.size() > 256) {
            throw new IllegalArgumentException("palette and names must have one entry per class, at most 256");
        }
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.palette = palette.clone();
        this.mirror = new int[classNames.size()];
        for (int i = 0; i < mirror.length; i++) {
            mirror[i] = i;
        }
        for (int[] pair : leftRightPairs) {
            mirror[pair[0]] = pair[1];
            mirror[pair[1]] = pair[0];
        }
    }

    /**
     * Returns the built-in scheme with this {@link #name()}.
     *
     * @throws IllegalArgumentException if no built-in scheme has that name
     */
    public static LabelScheme byName(String name) {
        for (LabelScheme scheme : BUILT_IN) {
            if (scheme.name.equals(name)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("Unknown label scheme '" + name + "'; known: "
                + BUILT_IN.stream().map(LabelScheme::name).toList());
    }

    /** The built-in schemes. */
    public static List<LabelScheme> builtIn() {
        return BUILT_IN;
    }

    public String name() {
        return name;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Class names in id order. */
    public List<String> classNames() {
        return classNames;
    }

    public String className(int id) {
        checkId(id);
        return classNames.get(id);
    }

    /**
     * Returns the id of the class with this name.
     *
     * @throws IllegalArgumentException if the scheme has no such class
     */
    public int idOf(String className) {
        int id = classNames.indexOf(className);
        if (id < 0) {
            throw new IllegalArgumentException("Scheme " + name + " has no class '" + className + "'");
        }
        return id;
    }

    /** Display colour of a class, 0xRRGGBB. */
    public int colour(int id) {
        checkId(id);
        return palette[id];
    }

    /** The id that a horizontal flip turns {@code id} into: its left/right partner, or itself. */
    public int mirrorOf(int id) {
        checkId(id);
        return mirror[id];
    }

    /** Whether {@code id} is a valid class id of this scheme. */
    public boolean contains(int id) {
        return id >= 0 && id < classNames.size();
    }

    /**
     * Throws if {@code id} is not a class of this scheme.
     *
     * @throws IllegalArgumentException naming the scheme and the valid range
     */
    public void checkId(int id) {
        if (!contains(id)) {
            throw new IllegalArgumentException("Label id " + id + " is outside scheme " + name + " (0.."
                    + (classNames.size() - 1) + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelScheme other && name.equals(other.name) && classNames.equals(other.classNames)
                && Arrays.equals(palette, other.palette) && Arrays.equals(mirror, other.mirror);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, classNames);
    }

    @Override
    public String toString() {
        return name;
    }
}
