package io.github.faceparse4j.core.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Turns one augmented {@link FaceSample} into a network's inputs and targets: the extension point through which
 * each model decides what it trains on (whole face at 128 x 128 with a boundary map for RNN-G, part crops for iCNN,
 * ...). {@link FaceBatchIterator} calls it on its background thread(s) for every sample of a batch.
 *
 * <p>Shapes are per sample, without the batch dimension: an encoder with feature shape {@code [3, 128, 128]}
 * yields batches of {@code [N, 3, 128, 128]}. The iterator allocates zero-filled row-major buffers for the whole
 * batch and the encoder writes its sample's values through the {@link SampleSlot}, so a batch is handed to ND4J in
 * one transfer per array.
 *
 * <p>Implementations must be thread-safe: with several workers, {@link #encode} runs concurrently on different
 * samples and slots. They must not keep references to the slot's buffers.
 */
public interface SampleEncoder {

    /** Per-sample shape of each network input, in input order (for example {@code [3, S, S]}). */
    List<long[]> featureShapes();

    /** Per-sample shape of each network output's target, in output order (for example {@code [K, S, S]}). */
    List<long[]> labelShapes();

    /**
     * Per-sample shape of each output's label mask, or an empty list for no masks (the default). When not empty it
     * has one entry per label array; a {@code null} entry means that output has no mask. DL4J's
     * {@code CnnLossLayer} takes masks of shape {@code [1, H, W]} or {@code [K, H, W]} per sample (1 = counts).
     */
    default List<long[]> labelMaskShapes() {
        return List.of();
    }

    /**
     * Writes the sample's features, labels and masks into its slot of the batch buffers.
     *
     * @param sample the sample after augmentation, in its dataset's label scheme
     * @param slot where this sample's values go
     */
    void encode(FaceSample sample, SampleSlot slot);

    /**
     * Encodes the given samples, as they are (no augmentation), into one batch on the calling thread: the same
     * arrays {@link FaceBatchIterator} would produce, with the sample names as example metadata. For validation
     * sets held in memory, inference on labelled faces, and testing encoders.
     *
     * @throws IllegalArgumentException if {@code samples} is empty or the declared shapes are invalid
     */
    default MultiDataSet encodeBatch(List<FaceSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("Cannot encode a batch of no samples");
        }
        BatchLayout.Batch batch = new BatchLayout(this).allocate(samples.size());
        List<String> names = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            encode(samples.get(i), batch.slot(i));
            names.add(samples.get(i).name());
        }
        return batch.toMultiDataSet(names);
    }
}
