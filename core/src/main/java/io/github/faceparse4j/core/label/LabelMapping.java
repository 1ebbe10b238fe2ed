package io.github.faceparse4j.core.label;

import java.util.List;

/**
 * A many-to-one map from the ids of one {@link LabelScheme} to the ids of another, given as an explicit table.
 *
 * <p>The built-in mappings are those in the shared dataset's README: CelebAMask-19 to HELEN-11 (eyeglasses become
 * skin; ears, hat, jewellery, neck and cloth become background), CelebAMask-19 to skin/hair/background-3 and
 * HELEN-11 to skin/hair/background-3. Immutable and thread-safe.
 */
public final class LabelMapping {

    /** CelebAMask-19 to HELEN-11. */
    public static final LabelMapping CELEBAMASK_TO_HELEN = new LabelMapping(LabelScheme.CELEBAMASK_19,
            LabelScheme.HELEN_11,
            //        bg skin nose glasses leye reye lbrow rbrow lear rear mouth ulip llip hair hat earr neckl neck cloth
            new int[] {0, 1,   6,   1,      4,   5,   2,    3,    0,   0,   8,    7,   9,   10,  0,  0,   0,    0,   0});

    /** CelebAMask-19 to skin/hair/background-3: skin = ids 1-7 and 10-12, hair = 13, the rest background. */
    public static final LabelMapping CELEBAMASK_TO_SKIN_HAIR_BG = new LabelMapping(LabelScheme.CELEBAMASK_19,
            LabelScheme.SKIN_HAIR_BG_3,
            new int[] {0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 2, 0, 0, 0, 0, 0});

    /** HELEN-11 to skin/hair/background-3: every face part is skin. */
    public static final LabelMapping HELEN_TO_SKIN_HAIR_BG = new LabelMapping(LabelScheme.HELEN_11,
            LabelScheme.SKIN_HAIR_BG_3,
            new int[] {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2});

    private static final List<LabelMapping> BUILT_IN =
            List.of(CELEBAMASK_TO_HELEN, CELEBAMASK_TO_SKIN_HAIR_BG, HELEN_TO_SKIN_HAIR_BG);

    /** Scheme of the ids this mapping accepts. */
    private final LabelScheme source;
    /** Scheme of the ids it produces. */
    private final LabelScheme target;
    /** {@code table[sourceId]} is the target id. */
    private final int[] table;

    private LabelMapping(LabelScheme source, LabelScheme target, int[] table) {
        if (table.length != source.numClasses()) {
            throw new IllegalArgumentException("mapping table needs one entry per source class");
        }
        for (int t : table) {
            target.checkId(t);
        }
        this.source = source;
        this.target = target;
        this.table = table.clone();
    }

    /**
     * Returns the mapping from {@code source} to {@code target}: the identity when they are equal, else a built-in.
     *
     * @throws IllegalArgumentException if there is no mapping between the two schemes
     */
    public static LabelMapping between(LabelScheme source, LabelScheme target) {
        if (source.equals(target)) {
            int[] identity = new int[source.numClasses()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return new LabelMapping(source, target, identity);
        }
        for (LabelMapping m : BUILT_IN) {
            if (m.source.equals(source) && m.target.equals(target)) {
                return m;
            }
        }
        throw new IllegalArgumentException("No label mapping from " + source + " to " + target);
    }

    public LabelScheme source() {
        return source;
    }

    public LabelScheme target() {
        return target;
    }

    /** Maps one source id to its target id. */
    public int map(int sourceId) {
        source.checkId(sourceId);
        return table[sourceId];
    }

    /** Maps every pixel of a label map in the source scheme to a new map in the target scheme. */
    public LabelMap apply(LabelMap map) {
        if (!map.scheme().equals(source)) {
            throw new IllegalArgumentException("Mapping " + source + "->" + target + " cannot take a map in "
                    + map.scheme());
        }
        byte[] in = map.ids();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) table[in[i] & 0xFF];
        }
        return LabelMap.wrap(target, map.width(), map.height(), out);
    }
}
