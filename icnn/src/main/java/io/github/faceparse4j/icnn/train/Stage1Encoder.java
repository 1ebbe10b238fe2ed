package io.github.faceparse4j.icnn.train;

import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.data.SampleEncoder;
import io.github.faceparse4j.core.data.SampleSlot;
import io.github.faceparse4j.core.image.ImageTensors;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import java.util.List;
import java.util.Objects;

/**
 * Training samples of the stage-1 iCNN ({@link IcnnModel#STAGE1}): the whole face resized to 64 x 64 and its 9
 * {@link Stage1Labels} classes.
 *
 * <ul>
 *   <li>input 0: {@code [3, 64, 64]} RGB, bilinear resize, normalised with {@link #normalization()};</li>
 *   <li>output 0: one-hot {@code [9, 64, 64]}: the sample's labels mapped to HELEN-11, resized with nearest
 *       neighbour, skin and hair as background.</li>
 * </ul>
 *
 * <p>The dataset's scheme must map to HELEN-11 ({@link LabelMapping#between}). Immutable and thread-safe.
 */
public final class Stage1Encoder implements SampleEncoder {

    private final Normalization normalization;
    private final int size = IcnnModel.STAGE1.inputSize();

    /** An encoder with the given input normalisation. */
    public Stage1Encoder(Normalization normalization) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
    }

    public Normalization normalization() {
        return normalization;
    }

    @Override
    public List<long[]> featureShapes() {
        return List.of(new long[] {3, size, size});
    }

    @Override
    public List<long[]> labelShapes() {
        return List.of(new long[] {Stage1Labels.NUM_CLASSES, size, size});
    }

    @Override
    public void encode(FaceSample sample, SampleSlot slot) {
        ImageTensors.fillChw(sample.image(), size, size, normalization, slot.features(0), slot.featuresOffset(0));
        ClassMaps.fillOneHot(Stage1Labels.classesOf(target(sample.labels())), Stage1Labels.NUM_CLASSES,
                slot.labels(0), slot.labelsOffset(0));
    }

    /** The HELEN-11 labels at 64 x 64 that the target encodes (skin and hair still present). */
    public LabelMap target(LabelMap labels) {
        LabelMap helen = LabelMapping.between(labels.scheme(), LabelScheme.HELEN_11).apply(labels);
        return helen.width() == size && helen.height() == size ? helen : helen.resizeNearest(size, size);
    }

    @Override
    public String toString() {
        return "Stage1Encoder[" + size + "x" + size + ", " + normalization + "]";
    }
}
