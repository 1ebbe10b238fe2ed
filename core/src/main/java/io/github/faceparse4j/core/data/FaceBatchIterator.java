package io.github.faceparse4j.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Training batches from a {@link FaceDataset}: each sample is decoded, augmented with its own seeded
 * {@link FaceWarp} and encoded by a {@link SampleEncoder}, on a background daemon thread that keeps a few batches
 * ready ahead of the consumer.
 *
 * <p>A batch is a DL4J {@link MultiDataSet} whose feature and label arrays have the encoder's per-sample shapes with
 * the batch size in front ({@code [N, ...]}, float, C order); its example metadata is the list of sample names. The
 * last batch of an epoch is smaller unless {@link Builder#optDropLast} is set.
 *
 * <p><b>Reproducibility.</b> Epochs are numbered from 0; {@link #reset()} after a started epoch moves to the next
 * (resetting an epoch that has not started changes nothing). The sample order of epoch {@code e} is the list order,
 * or with {@link Builder#optShuffle} a permutation drawn from {@code (seed, e)}; the warp of dataset sample
 * {@code i} in epoch {@code e} is drawn from {@link #sampleSeed(long, int, int) sampleSeed(seed, e, i)}. So the same
 * seed gives the same batches, whatever the number of workers and however threads interleave.
 *
 * <p><b>Errors.</b> A sample that cannot be read (missing or damaged file, wrong label size, bad id) ends the epoch:
 * the batches before it are delivered, then {@link #next()} throws an {@link UncheckedIOException} whose message
 * names the sample and the file. An exception thrown by the encoder arrives as an {@link IllegalStateException}
 * naming the sample.
 *
 * <p><b>Threads.</b> The iterator itself is for one consumer thread (as DL4J's {@code fit} uses it). It reports
 * {@link #asyncSupported()} {@code false} so that DL4J does not wrap it in a second prefetching iterator. Call
 * {@link #close()} when done to stop the background threads (they are daemons, so a forgotten iterator does not
 * keep the JVM alive).
 */
public final class FaceBatchIterator implements MultiDataSetIterator, AutoCloseable {

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger THREAD_COUNTER = new AtomicInteger();

    private final transient FaceDataset dataset;
    private final transient SampleEncoder encoder;
    private final int batchSize;
    private final transient Augmentation augmentation;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;
    /** Batches the background thread may have ready ahead of the consumer. */
    private final int prefetchBatches;
    /** Threads decoding the samples of one batch in parallel; 1 = the background thread alone. */
    private final int workers;
    /** The encoder's array shapes, checked. */
    private final transient BatchLayout layout;

    private transient MultiDataSetPreProcessor preProcessor;
    /** Number of the current epoch. */
    private int epoch;
    /** The running or finished producer of the current epoch; null until a batch is requested. */
    private transient Producer producer;
    /** The {@code workers} decoding threads when there are more than one; created on first use. */
    private transient ExecutorService workerPool;
    private boolean closed;

    private FaceBatchIterator(Builder builder) {
        this.dataset = builder.dataset;
        this.encoder = builder.encoder;
        this.batchSize = builder.batchSize;
        this.augmentation = builder.augmentation;
        this.seed = builder.seed;
        this.shuffle = builder.shuffle;
        this.dropLast = builder.dropLast;
        this.prefetchBatches = builder.prefetchBatches;
        this.workers = builder.workers;
        this.layout = new BatchLayout(encoder);
        layout.checkFits(batchSize); // fail now rather than on the background thread
        if (batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("Dataset " + dataset + " has fewer samples than one batch of "
                    + batchSize + " and dropLast is set: an epoch would be empty");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The seed of the warp of dataset sample {@code index} in epoch {@code epoch}: a SplitMix64 hash of the three,
     * so neighbouring indices and epochs give unrelated draws.
     */
    public static long sampleSeed(long seed, int epoch, int index) {
        long z = mix(seed + 0x9E3779B97F4A7C15L * (epoch + 1L));
        return mix(z ^ (0xBF58476D1CE4E5B9L * (index + 1L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public FaceDataset dataset() {
        return dataset;
    }

    public SampleEncoder encoder() {
        return encoder;
    }

    public int batchSize() {
        return batchSize;
    }

    public Augmentation augmentation() {
        return augmentation;
    }

    /** The current epoch number, from 0. */
    public int epoch() {
        return epoch;
    }

    /** Number of batches in one epoch. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The dataset indices of epoch {@code epoch} in the order they are batched: the list order, or the seeded
     * shuffle of that epoch. Only the first {@code batchesPerEpoch() * batchSize} are used when dropping the last
     * partial batch.
     */
    public int[] order(int epoch) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(sampleSeed(seed, epoch, -1));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    @Override
    public boolean hasNext() {
        checkOpen();
        if (producer == null) {
            producer = new Producer(epoch);
        }
        return producer.peek() != Item.END;
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Epoch " + epoch + " of " + dataset + " has no more batches");
        }
        Item item = producer.take();
        if (item.failure != null) {
            producer.finished();
            throw rethrowable(item.failure);
        }
        if (preProcessor != null) {
            preProcessor.preProcess(item.batch);
        }
        return item.batch;
    }

    /** Not supported: the batch size is fixed by the builder. */
    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("The batch size is fixed at " + batchSize + "; use next()");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** {@code false}: this iterator prefetches on its own thread already. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Stops the current epoch and moves to the next one, if the current one has started. */
    @Override
    public void reset() {
        checkOpen();
        if (producer != null) {
            producer.cancel();
            producer = null;
            epoch++;
        }
    }

    /**
     * This iterator as a DL4J {@link DataSetIterator} for single-input, single-output networks
     * ({@code MultiLayerNetwork}, or a {@code ComputationGraph} with one input and one output). It shares this
     * iterator's state: reset or close either.
     *
     * @throws IllegalStateException if the encoder has more than one input or output
     */
    public DataSetIterator asDataSetIterator() {
        if (layout.numFeatures() != 1 || layout.numLabels() != 1) {
            throw new IllegalStateException("A DataSetIterator needs one input and one output; encoder " + encoder
                    + " has " + layout.numFeatures() + " and " + layout.numLabels());
        }
        return new FaceDataSetIterator(this, layout.featureShape(0), layout.labelShape(0));
    }

    /** Stops the background threads; the iterator cannot be used afterwards. Safe to call twice. */
    @Override
    public void close() {
        if (producer != null) {
            producer.cancel();
            producer = null;
        }
        if (workerPool != null) {
            workerPool.shutdownNow();
            workerPool = null;
        }
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("FaceBatchIterator over " + dataset + " is closed");
        }
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(failure.getMessage(), failure);
    }

    /** Builds the batch of {@code order[from..to)}; runs on the producer thread. */
    private MultiDataSet buildBatch(int[] order, int from, int to, int epochNumber) throws Exception {
        int n = to - from;
        BatchLayout.Batch batch = layout.allocate(n);
        List<Future<?>> pending = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int index = order[from + s];
            SampleSlot slot = batch.slot(s);
            if (workers > 1) {
                pending.add(pool().submit(() -> {
                    encodeSample(index, epochNumber, slot);
                    return null;
                }));
            } else {
                encodeSample(index, epochNumber, slot);
            }
        }
        try {
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        List<String> names = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            names.add(dataset.name(order[from + s]));
        }
        return batch.toMultiDataSet(names);
    }

    private void encodeSample(int index, int epochNumber, SampleSlot slot) {
        FaceSample sample;
        try {
            sample = dataset.load(index);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load sample '" + dataset.name(index) + "' (index " + index
                    + " of " + dataset.listFile() + "): " + e.getMessage(), e);
        }
        FaceSample augmented = augmentation.apply(sample, sampleSeed(seed, epochNumber, index));
        try {
            encoder.encode(augmented, slot);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Encoder " + encoder + " failed on sample '" + dataset.name(index)
                    + "' (" + dataset.imagePath(index) + "): " + e.getMessage(), e);
        }
    }

    private synchronized ExecutorService pool() {
        if (workerPool == null) {
            workerPool = Executors.newFixedThreadPool(workers, runnable -> {
                Thread t = new Thread(runnable, "faceparse4j-decode-" + THREAD_COUNTER.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return workerPool;
    }

    /** What the producer hands over: a batch, a failure, or the end of the epoch. */
    private static final class Item {
        static final Item END = new Item(null, null);

        final MultiDataSet batch;
        final Throwable failure;

        Item(MultiDataSet batch, Throwable failure) {
            this.batch = batch;
            this.failure = failure;
        }
    }

    /** The background thread of one epoch and its queue. */
    private final class Producer implements Runnable {

        private final int epochNumber;
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(prefetchBatches);
        private final Thread thread;
        /** Next item, taken from the queue but not yet consumed. */
        private Item head;
        private volatile boolean cancelled;

        Producer(int epochNumber) {
            this.epochNumber = epochNumber;
            this.thread = new Thread(this, "faceparse4j-batches-" + THREAD_COUNTER.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                int[] order = order(epochNumber);
                int batches = batchesPerEpoch();
                for (int b = 0; b < batches && !cancelled; b++) {
                    int from = b * batchSize;
                    int to = Math.min(order.length, from + batchSize);
                    queue.put(new Item(buildBatch(order, from, to, epochNumber), null));
                }
                queue.put(Item.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                if (!cancelled) {
                    try {
                        queue.put(new Item(null, t));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        Item peek() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a batch of " + dataset, e);
                }
            }
            return head;
        }

        Item take() {
            Item item = peek();
            head = null;
            return item;
        }

        /** After a failure: the epoch has no more batches. */
        void finished() {
            head = Item.END;
        }

        void cancel() {
            cancelled = true;
            thread.interrupt();
            queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Builds a {@link FaceBatchIterator}; {@code setDataset}, {@code setEncoder} and {@code setBatchSize} are
     * required.
     */
    public static final class Builder {

        private FaceDataset dataset;
        private SampleEncoder encoder;
        private int batchSize;
        private Augmentation augmentation = Augmentation.none();
        private long seed;
        private boolean shuffle;
        private boolean dropLast;
        private int prefetchBatches = 2;
        private int workers = 1;

        private Builder() {
        }

        public Builder setDataset(FaceDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        public Builder setEncoder(SampleEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** Samples per batch, at least 1. */
        public Builder setBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("Batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Augmentation applied to every sample before encoding; default {@link Augmentation#none()}. */
        public Builder optAugmentation(Augmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /** Seed of the shuffle and the augmentation; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether each epoch visits the samples in a fresh seeded order; default false (list order). */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to skip the last batch of an epoch when it is smaller than the batch size; default false. */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** How many batches the background thread prepares ahead, at least 1; default 2. */
        public Builder optPrefetchBatches(int prefetchBatches) {
            if (prefetchBatches < 1) {
                throw new IllegalArgumentException("Prefetch must be at least 1 batch, got " + prefetchBatches);
            }
            this.prefetchBatches = prefetchBatches;
            return this;
        }

        /** Threads decoding the samples of a batch in parallel, at least 1; default 1. */
        public Builder optWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("Workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @throws IllegalStateException if a required setting is missing
         * @throws IllegalArgumentException if the encoder's shapes are invalid or an epoch would be empty
         */
        public FaceBatchIterator build() {
            if (dataset == null || encoder == null || batchSize == 0) {
                throw new IllegalStateException("FaceBatchIterator needs setDataset, setEncoder and setBatchSize");
            }
            return new FaceBatchIterator(this);
        }
    }
}
