package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;

/**
 * Re-labels the brow and eye pixels of a predicted HELEN-11 map as the person's left or right one by the side of the
 * face they lie on, whatever side the map called them.
 *
 * <p>Why: a one-stage parser such as RNN-G at 128² often finds an eye or a brow but calls it the wrong side, or calls
 * both eyes the same side. The median of such a class then lies on the wrong eye or between the two, and the part
 * crop misses its part. Where an eye is is far more reliable than which eye the map says it is.
 *
 * <p>The midline is the nose's median column, or the mouth's if there is no nose, or the middle of the map; the
 * person's left is the image's right (x above the midline). Only the four paired classes change.
 *
 * <p>Stateless and thread-safe.
 */
public final class PairedPartSides {

    private static final int LEFT_BROW = FacePart.LEFT_BROW.helenIds()[0];
    private static final int RIGHT_BROW = FacePart.RIGHT_BROW.helenIds()[0];
    private static final int LEFT_EYE = FacePart.LEFT_EYE.helenIds()[0];
    private static final int RIGHT_EYE = FacePart.RIGHT_EYE.helenIds()[0];

    private PairedPartSides() {
    }

    /**
     * The map with its brows and eyes assigned to the side of the midline they lie on.
     *
     * @param helen a HELEN-11 map
     * @return a new map; {@code helen} is not changed
     * @throws IllegalArgumentException if the map is not in the HELEN-11 scheme
     */
    public static LabelMap bySide(LabelMap helen) {
        Stage1Labels.checkHelen(helen);
        PartCentres centres = PartCentres.locate(helen, CentreMethod.MEDIAN);
        int w = helen.width();
        double midline = centres.found(FacePart.NOSE) ? centres.x(FacePart.NOSE)
                : centres.found(FacePart.MOUTH) ? centres.x(FacePart.MOUTH) : w / 2.0;
        byte[] ids = helen.ids();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id == LEFT_BROW || id == RIGHT_BROW || id == LEFT_EYE || id == RIGHT_EYE) {
                boolean personsLeft = i % w + 0.5 > midline;
                boolean brow = id == LEFT_BROW || id == RIGHT_BROW;
                ids[i] = (byte) (brow ? (personsLeft ? LEFT_BROW : RIGHT_BROW) : (personsLeft ? LEFT_EYE : RIGHT_EYE));
            }
        }
        return LabelMap.of(LabelScheme.HELEN_11, w, helen.height(), ids);
    }
}
