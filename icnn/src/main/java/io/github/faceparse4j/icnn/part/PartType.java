package io.github.faceparse4j.icnn.part;

import java.util.List;

/**
 * The four kinds of facial part that stage 2 parses, one iCNN each (paper section 3.2): a 64 x 64 crop for a brow,
 * an eye or the nose, 80 x 80 for the mouth. Brow and eye networks serve both sides: right-side crops are mirrored
 * into the left-side pose ({@link FacePart#mirrored()}).
 *
 * <p>A part network labels its crop with {@link #numLabels()} classes: 0 is background, 1.. are the part's
 * classes in the order of {@link #labelNames()}. {@link FacePart#helenId(int)} translates them to HELEN-11 ids.
 */
public enum PartType {
    /** Eyebrow: background and brow. */
    BROW(64, List.of("background", "brow")),
    /** Eye: background and eye. */
    EYE(64, List.of("background", "eye")),
    /** Nose: background and nose. */
    NOSE(64, List.of("background", "nose")),
    /** Mouth: background, upper lip, inner mouth and lower lip. */
    MOUTH(80, List.of("background", "upper_lip", "inner_mouth", "lower_lip"));

    /** Side of the square crop in 256 x 256 face coordinates. */
    private final int cropSize;
    /** Class names of the part network's output, background first. */
    private final List<String> labelNames;

    PartType(int cropSize, List<String> labelNames) {
        this.cropSize = cropSize;
        this.labelNames = labelNames;
    }

    /** Side of the square crop, in pixels of the 256 x 256 face. */
    public int cropSize() {
        return cropSize;
    }

    /** Number of classes the part network predicts, background included. */
    public int numLabels() {
        return labelNames.size();
    }

    /** Class names of the part network's output, background first. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The face parts this network serves (two for brow and eye, one for nose and mouth). */
    public List<FacePart> parts() {
        return FacePart.ofType(this);
    }

    /** Lower-case name, as used on command lines and in model file names ({@code brow}, {@code mouth}, ...). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The part type with this {@link #id()}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public static PartType byId(String id) {
        for (PartType t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown part type '" + id + "'; known: brow, eye, nose, mouth");
    }
}
