package io.github.faceparse4j.core.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-sample array shapes a {@link SampleEncoder} declares, checked once, and the zero-filled {@code float[]}
 * buffers of one batch in that layout. Immutable; each {@link Batch} belongs to the thread(s) filling it.
 */
final class BatchLayout {

    private final SampleEncoder encoder;
    private final long[][] featureShapes;
    private final long[][] labelShapes;
    /** Entries are null for outputs without a mask; empty when the encoder has no masks. */
    private final long[][] labelMaskShapes;

    /**
     * @throws IllegalArgumentException if the encoder declares no inputs or outputs, a shape with a non-positive
     *     dimension, or a mask list that does not match its outputs
     */
    BatchLayout(SampleEncoder encoder) {
        this.encoder = encoder;
        this.featureShapes = checkedShapes(encoder.featureShapes(), "feature", false);
        this.labelShapes = checkedShapes(encoder.labelShapes(), "label", false);
        List<long[]> masks = encoder.labelMaskShapes();
        if (!masks.isEmpty() && masks.size() != labelShapes.length) {
            throw new IllegalArgumentException("Encoder " + encoder + " declares " + masks.size()
                    + " label mask shapes for " + labelShapes.length + " label arrays");
        }
        this.labelMaskShapes = checkedShapes(masks, "label mask", true);
    }

    int numFeatures() {
        return featureShapes.length;
    }

    int numLabels() {
        return labelShapes.length;
    }

    long[] featureShape(int input) {
        return featureShapes[input].clone();
    }

    long[] labelShape(int output) {
        return labelShapes[output].clone();
    }

    /**
     * Zero-filled buffers for a batch of {@code n} samples.
     *
     * @throws IllegalArgumentException if an array of the batch would exceed {@code Integer.MAX_VALUE} floats
     */
    Batch allocate(int n) {
        checkFits(n);
        return new Batch(n);
    }

    /**
     * Checks that every array of a batch of {@code n} samples fits in a Java array.
     *
     * @throws IllegalArgumentException naming the shape if one would exceed {@code Integer.MAX_VALUE} floats
     */
    void checkFits(int n) {
        for (long[][] shapes : List.of(featureShapes, labelShapes, labelMaskShapes)) {
            for (long[] shape : shapes) {
                if (shape != null && product(shape) * n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("A batch of " + n + " arrays " + Arrays.toString(shape)
                            + " from encoder " + encoder + " exceeds 2^31 floats");
                }
            }
        }
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    private long[][] checkedShapes(List<long[]> shapes, String what, boolean nullable) {
        if (!nullable && shapes.isEmpty()) {
            throw new IllegalArgumentException("Encoder " + encoder + " declares no " + what + " arrays");
        }
        long[][] out = new long[shapes.size()][];
        for (int i = 0; i < out.length; i++) {
            long[] shape = shapes.get(i);
            if (shape == null && nullable) {
                continue;
            }
            if (shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("Encoder " + encoder + " declares an invalid " + what
                        + " shape " + Arrays.toString(shape));
            }
            out[i] = shape.clone();
        }
        return out;
    }

    /** The buffers of one batch of {@code n} samples, row-major {@code [n, shape...]} per array. */
    final class Batch {

        private final int size;
        private final float[][] features;
        private final float[][] labels;
        private final float[][] labelMasks;
        private final int[] featureSizes;
        private final int[] labelSizes;
        private final int[] labelMaskSizes;

        private Batch(int size) {
            this.size = size;
            this.featureSizes = sizes(featureShapes);
            this.labelSizes = sizes(labelShapes);
            this.labelMaskSizes = sizes(labelMaskShapes);
            this.features = buffers(featureShapes, featureSizes, size);
            this.labels = buffers(labelShapes, labelSizes, size);
            this.labelMasks = buffers(labelMaskShapes, labelMaskSizes, size);
        }

        /** The slot of sample {@code index} of this batch. */
        SampleSlot slot(int index) {
            return new SampleSlot(index, features, featureSizes, labels, labelSizes, labelMasks, labelMaskSizes);
        }

        /** Hands the buffers to ND4J, one transfer per array, with the sample names as example metadata. */
        MultiDataSet toMultiDataSet(List<? extends Serializable> names) {
            MultiDataSet batch = new MultiDataSet(arrays(features, featureShapes), arrays(labels, labelShapes), null,
                    labelMaskShapes.length == 0 ? null : arrays(labelMasks, labelMaskShapes));
            batch.setExampleMetaData(names);
            return batch;
        }

        private INDArray[] arrays(float[][] buffers, long[][] shapes) {
            INDArray[] arrays = new INDArray[buffers.length];
            for (int i = 0; i < buffers.length; i++) {
                if (buffers[i] != null) {
                    long[] shape = new long[shapes[i].length + 1];
                    shape[0] = size;
                    System.arraycopy(shapes[i], 0, shape, 1, shapes[i].length);
                    arrays[i] = Nd4j.create(buffers[i], shape, 'c');
                }
            }
            return arrays;
        }

        /** Floats per sample of each array; 0 for absent masks. */
        private int[] sizes(long[][] shapes) {
            int[] sizes = new int[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                sizes[i] = shapes[i] == null ? 0 : (int) product(shapes[i]);
            }
            return sizes;
        }

        private float[][] buffers(long[][] shapes, int[] sizes, int n) {
            float[][] buffers = new float[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                if (shapes[i] != null) {
                    buffers[i] = new float[sizes[i] * n];
                }
            }
            return buffers;
        }
    }
}
