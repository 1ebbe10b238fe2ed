package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The six facial parts that the two-stage iCNN pipeline locates (stage 1) and crops for fine labelling (stage 2),
 * with their HELEN-11 ids ({@link LabelScheme#HELEN_11}).
 *
 * <p>"Left" is the person's left, the image's right, as in HELEN and CelebAMask-HQ. The right brow and the right
 * eye are {@linkplain #mirrored() mirrored} into the pose of the left ones, so one network serves both sides. The
 * mouth's three HELEN classes (upper lip, inner mouth, lower lip) share one crop and one centre.
 */
public enum FacePart {
    /** Person's left eyebrow, HELEN id 2. */
    LEFT_BROW(PartType.BROW, false, 2),
    /** Person's right eyebrow, HELEN id 3; mirrored. */
    RIGHT_BROW(PartType.BROW, true, 3),
    /** Person's left eye, HELEN id 4. */
    LEFT_EYE(PartType.EYE, false, 4),
    /** Person's right eye, HELEN id 5; mirrored. */
    RIGHT_EYE(PartType.EYE, true, 5),
    /** Nose, HELEN id 6. */
    NOSE(PartType.NOSE, false, 6),
    /** Mouth: upper lip 7, inner mouth 8, lower lip 9. */
    MOUTH(PartType.MOUTH, false, 7, 8, 9);

    /** The network that parses this part. */
    private final PartType type;
    /** Whether the crop is flipped left-right before the part network sees it. */
    private final boolean mirrored;
    /** {@code helenIds[k]} is the HELEN-11 id of part label {@code k}; index 0 is background (0). */
    private final int[] helenIds;

    FacePart(PartType type, boolean mirrored, int... partIds) {
        this.type = type;
        this.mirrored = mirrored;
        this.helenIds = new int[partIds.length + 1];
        System.arraycopy(partIds, 0, helenIds, 1, partIds.length);
        if (helenIds.length != type.numLabels()) {
            throw new AssertionError(name() + " ids do not match " + type);
        }
    }

    /** The part network that labels this part. */
    public PartType type() {
        return type;
    }

    /** Whether the crop is flipped left-right for the part network (right brow and right eye). */
    public boolean mirrored() {
        return mirrored;
    }

    /** Side of this part's square crop in the 256 x 256 face. */
    public int cropSize() {
        return type.cropSize();
    }

    /** The HELEN-11 ids of this part's classes, without background (one id, three for the mouth). */
    public int[] helenIds() {
        return java.util.Arrays.copyOfRange(helenIds, 1, helenIds.length);
    }

    /**
     * The HELEN-11 id of part label {@code label} ({@code 0} for background).
     *
     * @throws IllegalArgumentException if {@code label} is outside {@code 0..type().numLabels()-1}
     */
    public int helenId(int label) {
        if (label < 0 || label >= helenIds.length) {
            throw new IllegalArgumentException("Part label " + label + " is outside " + type + " labels 0.."
                    + (helenIds.length - 1));
        }
        return helenIds[label];
    }

    /** The part label of HELEN-11 id {@code helenId}: its index among this part's classes, or 0 (background). */
    public int labelOf(int helenId) {
        for (int k = 1; k < helenIds.length; k++) {
            if (helenIds[k] == helenId) {
                return k;
            }
        }
        return 0;
    }

    /** Whether HELEN-11 id {@code helenId} belongs to this part. */
    public boolean contains(int helenId) {
        return labelOf(helenId) != 0;
    }

    /** The parts served by one network type, in declaration order. */
    static List<FacePart> ofType(PartType type) {
        List<FacePart> parts = new ArrayList<>(2);
        for (FacePart p : values()) {
            if (p.type == type) {
                parts.add(p);
            }
        }
        return Collections.unmodifiableList(parts);
    }
}
