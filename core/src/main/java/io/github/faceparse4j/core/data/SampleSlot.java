package io.github.faceparse4j.core.data;

/**
 * One sample's place in a batch: the batch-wide buffers of every feature, label and mask array, and the offset at
 * which this sample's values start. Buffer {@code i} holds the whole batch, row-major {@code [N, shape_i...]}, so
 * this sample's part is the {@code product(shape_i)} floats from {@code featuresOffset(i)} on. Buffers start
 * zero-filled.
 *
 * <p>A slot is confined to the thread encoding its sample; different slots of a batch share buffers but never
 * overlap.
 */
public final class SampleSlot {

    /** Index of this sample in its batch, 0..N-1. */
    private final int index;
    private final float[][] features;
    private final int[] featureSizes;
    private final float[][] labels;
    private final int[] labelSizes;
    /** Null entries (or an empty array) for outputs without masks. */
    private final float[][] labelMasks;
    private final int[] labelMaskSizes;

    SampleSlot(int index, float[][] features, int[] featureSizes, float[][] labels, int[] labelSizes,
            float[][] labelMasks, int[] labelMaskSizes) {
        this.index = index;
        this.features = features;
        this.featureSizes = featureSizes;
        this.labels = labels;
        this.labelSizes = labelSizes;
        this.labelMasks = labelMasks;
        this.labelMaskSizes = labelMaskSizes;
    }

    /** This sample's index in the batch. */
    public int index() {
        return index;
    }

    /** The batch buffer of input {@code input}. */
    public float[] features(int input) {
        return features[input];
    }

    /** Where this sample starts in {@link #features(int)}. */
    public int featuresOffset(int input) {
        return index * featureSizes[input];
    }

    /** The batch buffer of output {@code output}'s labels. */
    public float[] labels(int output) {
        return labels[output];
    }

    /** Where this sample starts in {@link #labels(int)}. */
    public int labelsOffset(int output) {
        return index * labelSizes[output];
    }

    /**
     * The batch buffer of output {@code output}'s label mask.
     *
     * @throws IllegalStateException if the encoder declared no mask for that output
     */
    public float[] labelMask(int output) {
        if (output >= labelMasks.length || labelMasks[output] == null) {
            throw new IllegalStateException("Output " + output + " has no label mask; declare its shape in "
                    + "SampleEncoder.labelMaskShapes()");
        }
        return labelMasks[output];
    }

    /** Where this sample starts in {@link #labelMask(int)}. */
    public int labelMaskOffset(int output) {
        return index * labelMaskSizes[output];
    }
}
