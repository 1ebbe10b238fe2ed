package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelScheme;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A named set of classes, given by class name so that one group works in every scheme that has those classes
 * (the facial components have the same names in {@link LabelScheme#HELEN_11} and {@link LabelScheme#CELEBAMASK_19}).
 *
 * <p>{@link ParsingMetrics} scores a group in two ways: as one merged class ({@link ParsingMetrics#unionF1}, the
 * papers' "eyes", "brows" and "mouth" columns) and as a micro-average over its members
 * ({@link ParsingMetrics#microF1}, the papers' "overall" over {@link #FACIAL_COMPONENTS}).
 *
 * @param name        display name
 * @param classNames  member classes, at least one, no repeats
 */
public record ClassGroup(String name, List<String> classNames) {

    /** Both eyes. */
    public static final ClassGroup EYES = new ClassGroup("eyes", List.of("left_eye", "right_eye"));
    /** Both eyebrows. */
    public static final ClassGroup BROWS = new ClassGroup("brows", List.of("left_brow", "right_brow"));
    /** Upper lip, inner mouth and lower lip: the papers' "mouth (all)". */
    public static final ClassGroup MOUTH = new ClassGroup("mouth", List.of("upper_lip", "inner_mouth", "lower_lip"));
    /**
     * The eight classes of the papers' "overall" F-measure: brows, eyes, nose, upper lip, inner mouth, lower lip.
     * Skin, hair and background are not part of it.
     */
    public static final ClassGroup FACIAL_COMPONENTS = new ClassGroup("facial components",
            List.of("left_brow", "right_brow", "left_eye", "right_eye", "nose", "upper_lip", "inner_mouth",
                    "lower_lip"));

    public ClassGroup {
        Objects.requireNonNull(name, "name");
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("Class group '" + name + "' has no classes");
        }
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("Class group '" + name + "' repeats a class: " + classNames);
        }
    }

    /**
     * The ids of the member classes in {@code scheme}, in the order of {@link #classNames()}.
     *
     * @throws IllegalArgumentException naming the group and the class if {@code scheme} lacks a member
     */
    public int[] ids(LabelScheme scheme) {
        int[] ids = new int[classNames.size()];
        for (int i = 0; i < ids.length; i++) {
            String className = classNames.get(i);
            if (!scheme.classNames().contains(className)) {
                throw new IllegalArgumentException("Scheme " + scheme + " has no class '" + className
                        + "', needed by class group '" + name + "'");
            }
            ids[i] = scheme.idOf(className);
        }
        return ids;
    }
}
