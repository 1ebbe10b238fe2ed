package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The six {@link PartCrop}s of one face, placed around its {@link PartCentres}, and the way back: pasting the part
 * networks' predictions into one HELEN-11 label map.
 *
 * <p>Immutable and thread-safe.
 */
public final class PartCrops {

    private final Map<FacePart, PartCrop> crops;
    private final int faceWidth;
    private final int faceHeight;

    private PartCrops(Map<FacePart, PartCrop> crops, int faceWidth, int faceHeight) {
        this.crops = crops;
        this.faceWidth = faceWidth;
        this.faceHeight = faceHeight;
    }

    /**
     * One crop per part around the given centres, in the centres' frame ({@link PartCentres#width()} x
     * {@link PartCentres#height()}); scale the centres first if they come from a smaller map.
     */
    public static PartCrops around(PartCentres centres) {
        Map<FacePart, PartCrop> crops = new EnumMap<>(FacePart.class);
        for (FacePart part : FacePart.values()) {
            crops.put(part, PartCrop.around(part, centres.x(part), centres.y(part), centres.width(),
                    centres.height()));
        }
        return new PartCrops(crops, centres.width(), centres.height());
    }

    /** The crop of one part. */
    public PartCrop get(FacePart part) {
        return crops.get(Objects.requireNonNull(part, "part"));
    }

    /** All six crops in {@link FacePart} order. */
    public List<PartCrop> all() {
        return List.copyOf(crops.values());
    }

    public int faceWidth() {
        return faceWidth;
    }

    public int faceHeight() {
        return faceHeight;
    }

    /**
     * Pastes part predictions over a base map: pixels a part network labels as its part take that part's HELEN-11
     * id, all others keep the base id. Parts are pasted in {@link FacePart} order, so where two crops overlap and
     * both claim a pixel, the later part wins. Parts absent from {@code predictions} are skipped.
     *
     * @param base a HELEN-11 map of the face's size (for example all background, or skin/hair from another model)
     * @param predictions per part, row-major part labels in the network's view ({@link PartCrop#paste})
     * @throws IllegalArgumentException if the base map has the wrong scheme or size, or a prediction the wrong
     *     length
     */
    public LabelMap paste(LabelMap base, Map<FacePart, byte[]> predictions) {
        Stage1Labels.checkHelen(base);
        if (base.width() != faceWidth || base.height() != faceHeight) {
            throw new IllegalArgumentException("Crops were placed in a " + faceWidth + "x" + faceHeight
                    + " face, got a " + base.width() + "x" + base.height() + " base map");
        }
        byte[] ids = base.ids();
        for (FacePart part : FacePart.values()) {
            byte[] labels = predictions.get(part);
            if (labels != null) {
                crops.get(part).paste(labels, ids);
            }
        }
        return LabelMap.of(LabelScheme.HELEN_11, faceWidth, faceHeight, ids);
    }

    @Override
    public String toString() {
        return "PartCrops" + crops.values();
    }
}
