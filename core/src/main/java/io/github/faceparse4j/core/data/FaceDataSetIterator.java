package io.github.faceparse4j.core.data;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * {@link FaceBatchIterator} seen as a DL4J {@link DataSetIterator}, for encoders with one input and one output;
 * made by {@link FaceBatchIterator#asDataSetIterator()}. Delegates everything, including its state.
 */
final class FaceDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient FaceBatchIterator batches;
    private final long[] featureShape;
    private final long[] labelShape;
    private transient DataSetPreProcessor preProcessor;

    FaceDataSetIterator(FaceBatchIterator batches, long[] featureShape, long[] labelShape) {
        this.batches = batches;
        this.featureShape = featureShape.clone();
        this.labelShape = labelShape.clone();
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public DataSet next() {
        MultiDataSet batch = batches.next();
        DataSet dataSet = new DataSet(batch.getFeatures(0), batch.getLabels(0), null,
                batch.getLabelsMaskArrays() == null ? null : batch.getLabelsMaskArray(0));
        dataSet.setExampleMetaData(batch.getExampleMetaData());
        if (preProcessor != null) {
            preProcessor.preProcess(dataSet);
        }
        return dataSet;
    }

    /** Not supported: the batch size is fixed by the builder. */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("The batch size is fixed at " + batches.batchSize()
                + "; use next()");
    }

    /** Elements per sample of the input. */
    @Override
    public int inputColumns() {
        return Math.toIntExact(BatchLayout.product(featureShape));
    }

    /** Size of the label array's first per-sample dimension: the class count for one-hot labels. */
    @Override
    public int totalOutcomes() {
        return Math.toIntExact(labelShape[0]);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        batches.reset();
    }

    @Override
    public int batch() {
        return batches.batchSize();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Not known to the iterator: the encoder owns the label scheme. */
    @Override
    public List<String> getLabels() {
        return null;
    }
}
