package io.github.faceparse4j.icnn.train;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.backend.LayerHelperAudit;
import io.github.faceparse4j.core.data.Augmentation;
import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.SampleEncoder;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.icnn.eval.IcnnEvaluation;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.net.InterlinkedCnn;
import io.github.faceparse4j.icnn.parse.PartLocalizer;
import io.github.faceparse4j.icnn.parse.PartNetwork;
import io.github.faceparse4j.icnn.part.PartType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one of the five iCNNs ({@link IcnnModel}) on a dataset in the {@code celebamask-5k} layout: training on
 * {@code train.txt} with the iCNN paper's augmentation (rotation +-15 deg, scale 0.9 to 1.1, shift +-10 px, plus a
 * label-swapping mirror), model selection on {@code val.txt}.
 *
 * <p>Every epoch it reports progress (loss per pixel, images/s, time left), scores the network on the validation
 * faces ({@link IcnnEvaluation#selectionScore}), and writes into the output directory:
 * <ul>
 *   <li>{@code icnn-<model>.model.zip}: the best network so far, without updater state: the file to ship;</li>
 *   <li>{@code icnn-<model>-last.zip}: the latest network with its Adam state, to resume from;</li>
 *   <li>{@code icnn-<model>-log.tsv}: one line per epoch.</li>
 * </ul>
 * Model files record in their training info the epoch, validation scores and every setting needed to reproduce
 * them. Runs are reproducible: the weights come from the seed, and epoch {@code e} draws its shuffle and
 * augmentation from {@code (seed, e)}, so a resumed run continues exactly as an uninterrupted one would (up to
 * floating-point nondeterminism of the native kernels).
 *
 * <p>Command line ({@link #main}):
 * <pre>
 *   IcnnTrainer --data DIR --net stage1|brow|eye|nose|mouth --out DIR [--epochs 30] [--batch 16] [--lr 0.001]
 *               [--seed 42] [--jitter 6] [--workers 1] [--train-limit N] [--val-limit N] [--activation tanh|relu]
 *               [--lr-drop-every N] [--progress-every 20] [--resume]
 * </pre>
 * Not thread-safe: one {@link #run()} at a time.
 */
public final class IcnnTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(IcnnTrainer.class);
    private static final Normalization NORMALIZATION = Normalization.IMAGENET;

    private final Path data;
    private final IcnnModel model;
    private final Path out;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;
    private final double jitter;
    private final int workers;
    /** Use only the first this many training faces; 0 = all. */
    private final int trainLimit;
    /** Use only the first this many validation faces; 0 = all. */
    private final int valLimit;
    private final boolean resume;
    /** Feature maps per scale of the network; null = the paper's. */
    private final int[] channels;
    /** Nonlinearity of the network. */
    private final Activation activation;
    /** The learning rate is multiplied by 0.1 every this many epochs; 0 = constant. */
    private final int lrDropEvery;
    /** Batches between progress lines. */
    private final int progressEvery;
    private final Consumer<String> log;

    private IcnnTrainer(Builder b) {
        this.data = b.data;
        this.model = b.model;
        this.out = b.out;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
        this.jitter = b.jitter;
        this.workers = b.workers;
        this.trainLimit = b.trainLimit;
        this.valLimit = b.valLimit;
        this.resume = b.resume;
        this.channels = b.channels;
        this.activation = b.activation;
        this.lrDropEvery = b.lrDropEvery;
        this.progressEvery = b.progressEvery;
        this.log = b.log;
    }

    /** A builder; data directory, model and output directory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The file of the best network for {@code model} in {@code out}. */
    public static Path bestFile(Path out, IcnnModel model) {
        return out.resolve(model.fileName());
    }

    /** The resumable latest checkpoint of {@code model} in {@code out}. */
    public static Path lastFile(Path out, IcnnModel model) {
        return out.resolve(model.kind() + "-last.zip");
    }

    /**
     * Trains for the configured number of epochs (counting those already done when resuming).
     *
     * @return the best validation score reached
     * @throws IOException if the dataset or a checkpoint cannot be read or written
     */
    public double run() throws IOException {
        FastPath.ensure();
        FaceDataset train = limit(FaceDataset.open(data, "train.txt"), trainLimit);
        FaceDataset val = limit(FaceDataset.open(data, "val.txt"), valLimit);
        Files.createDirectories(out);
        SampleEncoder encoder = encoder();

        ComputationGraph graph;
        int firstEpoch = 0;
        double best = Double.NEGATIVE_INFINITY;
        Path last = lastFile(out, model);
        if (resume && Files.exists(last)) {
            ModelFile checkpoint = ModelFile.load(last, model.expectations());
            graph = checkpoint.computationGraph();
            Map<String, String> info = checkpoint.metadata().trainingInfo();
            firstEpoch = Integer.parseInt(info.getOrDefault("epoch", "0"));
            best = Double.parseDouble(info.getOrDefault("bestValScore", "-Infinity"));
            log.accept(String.format(Locale.ROOT, "[%s] resuming from %s after epoch %d (best val %.4f)", model.id(),
                    last, firstEpoch, best));
        } else {
            graph = network(batchesPerEpoch(train)).createGraph();
        }
        LayerHelperAudit audit = FastPath.verifyHelpers(graph);
        if (!audit.missing().isEmpty()) {
            log.accept("[" + model.id() + "] warning: layers on DL4J's slow built-in path: " + audit.missing());
        }
        log.accept(String.format(Locale.ROOT, "[%s] %s, %d parameters; %d training faces, %d validation faces; "
                + "batch %d, Adam lr %s%s, seed %d; %s", model.id(), network(1), graph.numParams(), train.size(),
                val.size(), batchSize, learningRate, lrDropEvery > 0 ? " x0.1 every " + lrDropEvery + " epochs" : "",
                seed, encoder));

        Progress progress = new Progress(train.size(), epochs - firstEpoch);
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            double loss = trainEpoch(graph, train, encoder, epoch, progress);
            long valStart = System.nanoTime();
            ParsingMetrics metrics = ParsingMetrics.of(validate(graph, val));
            double score = IcnnEvaluation.selectionScore(model, metrics);
            progress.validated((System.nanoTime() - valStart) / 1e9);
            boolean improved = score > best;
            best = Math.max(best, score);
            ModelMetadata metadata = metadata(epoch + 1, score, best, train.size(), val.size());
            ModelFile.save(graph, metadata, last, true);
            if (improved) {
                ModelFile.save(graph, metadata, bestFile(out, model), false);
            }
            String line = String.format(Locale.ROOT, "%d\t%.5f\t%.4f\t%.1f\t%.0f", epoch + 1, loss, score,
                    progress.imagesPerSecond(), progress.elapsedSeconds());
            appendLog(epoch == 0 ? "epoch\tloss_per_pixel\tval_score\timages_per_s\telapsed_s\n" + line : line);
            log.accept(String.format(Locale.ROOT, "[%s] epoch %d/%d done: loss/px %.4f, val %s %.4f%s, "
                    + "%.1f img/s, %s elapsed, about %s left", model.id(), epoch + 1, epochs, loss,
                    model == IcnnModel.STAGE1 ? "overall F" : "F", score, improved ? " (best, saved)" : "",
                    progress.imagesPerSecond(), duration(progress.elapsedSeconds()),
                    duration(progress.remainingSeconds(epoch + 1 - firstEpoch, 0))));
        }
        return best;
    }

    /** Trains one epoch; returns the mean loss per pixel. */
    private double trainEpoch(ComputationGraph graph, FaceDataset train, SampleEncoder encoder, int epoch,
            Progress progress) {
        int size = model.inputSize();
        double lossSum = 0;
        int batches = 0;
        try (FaceBatchIterator batchesOfEpoch = FaceBatchIterator.builder()
                .setDataset(train)
                .setEncoder(encoder)
                .setBatchSize(batchSize)
                .optAugmentation(Augmentation.paperDefault())
                .optShuffle(true)
                .optSeed(FaceBatchIterator.sampleSeed(seed, epoch, -1))
                .optWorkers(workers)
                .build()) {
            int total = batchesOfEpoch.batchesPerEpoch();
            while (batchesOfEpoch.hasNext()) {
                MultiDataSet batch = batchesOfEpoch.next();
                graph.fit(batch);
                // CnnLossLayer sums the cross-entropy over pixels and averages over the batch.
                lossSum += graph.score() / (size * size);
                batches++;
                progress.trained(batch.getFeatures(0).size(0));
                if (batches % progressEvery == 0 || batches == total) {
                    log.accept(String.format(Locale.ROOT, "[%s] epoch %d/%d batch %d/%d loss/px %.4f, %.1f img/s, "
                            + "epoch ETA %s, total ETA %s", model.id(), epoch + 1, epochs, batches, total,
                            lossSum / batches, progress.imagesPerSecond(),
                            duration(progress.secondsFor((long) (total - batches) * batchSize)),
                            duration(progress.remainingSeconds(epoch, (long) batches * batchSize))));
                }
            }
        }
        return lossSum / Math.max(1, batches);
    }

    private ConfusionMatrix validate(ComputationGraph graph, FaceDataset val) throws IOException {
        if (model == IcnnModel.STAGE1) {
            return IcnnEvaluation.stage1(PartLocalizer.of(graph, NORMALIZATION), val);
        }
        PartType type = model.partType().orElseThrow();
        return IcnnEvaluation.partCrops(PartNetwork.of(type, graph, NORMALIZATION), val);
    }

    /** The network to train; the learning-rate schedule counts iterations, {@code batchesPerEpoch} per epoch. */
    private InterlinkedCnn network(int batchesPerEpoch) {
        Adam adam = lrDropEvery == 0 ? new Adam(learningRate)
                : new Adam(new StepSchedule(ScheduleType.ITERATION, learningRate, 0.1,
                        (double) lrDropEvery * batchesPerEpoch));
        InterlinkedCnn.Builder b = model.networkBuilder().optUpdater(adam).optSeed(seed).optActivation(activation);
        if (channels != null) {
            b.optChannels(channels);
        }
        return b.build();
    }

    private SampleEncoder encoder() {
        if (model == IcnnModel.STAGE1) {
            return new Stage1Encoder(NORMALIZATION);
        }
        return PartCropEncoder.builder()
                .setPartType(model.partType().orElseThrow())
                .optJitter(jitter)
                .optNormalization(NORMALIZATION)
                .build();
    }

    private ModelMetadata metadata(int epoch, double score, double best, int trainFaces, int valFaces) {
        ModelMetadata.Builder b = ModelMetadata.builder()
                .setKind(model.kind())
                .setLabelScheme(LabelScheme.HELEN_11)
                .setInputSize(model.inputSize(), model.inputSize())
                .setNormalization(NORMALIZATION.name())
                .optTrainingInfo("epoch", Integer.toString(epoch))
                .optTrainingInfo("valScore", Double.toString(score))
                .optTrainingInfo("bestValScore", Double.toString(best))
                .optTrainingInfo("valScoreMeaning", model == IcnnModel.STAGE1
                        ? "overall F of the 9 stage-1 classes at 64x64"
                        : "F of the part classes inside crops around true centres")
                .optTrainingInfo("outputClasses", String.join(",", model.labelNames()))
                .optTrainingInfo("dataset", data.toAbsolutePath().normalize().getFileName().toString())
                .optTrainingInfo("trainFaces", Integer.toString(trainFaces))
                .optTrainingInfo("valFaces", Integer.toString(valFaces))
                .optTrainingInfo("batchSize", Integer.toString(batchSize))
                .optTrainingInfo("learningRate", Double.toString(learningRate))
                .optTrainingInfo("seed", Long.toString(seed))
                .optTrainingInfo("augmentation", Augmentation.paperDefault().toString())
                .optTrainingInfo("lrDropEvery", Integer.toString(lrDropEvery))
                .optTrainingInfo("network", network(1).toString())
                .optTrainingInfo("trainer", IcnnTrainer.class.getName());
        if (model != IcnnModel.STAGE1) {
            b.optTrainingInfo("jitter", Double.toString(jitter));
        }
        return b.build();
    }

    private void appendLog(String line) throws IOException {
        Files.writeString(out.resolve(model.kind() + "-log.tsv"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private int batchesPerEpoch(FaceDataset train) {
        return (train.size() + batchSize - 1) / batchSize;
    }

    private static FaceDataset limit(FaceDataset dataset, int limit) {
        return limit > 0 && limit < dataset.size() ? dataset.subset(0, limit) : dataset;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /**
     * Runs {@link #run()} from command-line arguments; see the class comment. Progress goes to standard output.
     */
    public static void main(String[] args) throws IOException {
        IcnnTrainer trainer;
        try {
            trainer = fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: IcnnTrainer --data DIR --net stage1|brow|eye|nose|mouth --out DIR "
                    + "[--epochs 30] [--batch 16] [--lr 0.001] [--seed 42] [--jitter 6] [--workers 1] "
                    + "[--train-limit N] [--val-limit N] [--activation tanh|relu] [--lr-drop-every N] [--progress-every 20] [--resume]");
            System.exit(2);
            return;
        }
        double best = trainer.run();
        System.out.printf(Locale.ROOT, "best validation score %.4f%n", best);
    }

    /**
     * A trainer configured from command-line arguments, logging to standard output.
     *
     * @throws IllegalArgumentException naming the bad or missing argument
     */
    public static IcnnTrainer fromArgs(String[] args) {
        Builder b = builder().optLog(System.out::println);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--resume")) {
                b.optResume(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--data" -> b.setData(Paths.get(value));
                case "--net" -> b.setModel(IcnnModel.byId(value));
                case "--out" -> b.setOut(Paths.get(value));
                case "--epochs" -> b.optEpochs(parseInt(arg, value));
                case "--batch" -> b.optBatchSize(parseInt(arg, value));
                case "--lr" -> b.optLearningRate(Double.parseDouble(value));
                case "--seed" -> b.optSeed(Long.parseLong(value));
                case "--jitter" -> b.optJitter(Double.parseDouble(value));
                case "--workers" -> b.optWorkers(parseInt(arg, value));
                case "--train-limit" -> b.optTrainLimit(parseInt(arg, value));
                case "--val-limit" -> b.optValLimit(parseInt(arg, value));
                case "--progress-every" -> b.optProgressEvery(parseInt(arg, value));
                case "--lr-drop-every" -> b.optLrDropEvery(parseInt(arg, value));
                case "--activation" -> b.optActivation(Activation.valueOf(value.toUpperCase(Locale.ROOT)));
                default -> throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        return b.build();
    }

    private static int parseInt(String arg, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(arg + " needs an integer, got '" + value + "'");
        }
    }

    /** Throughput and time estimates over the run. */
    private final class Progress {
        private final long start = System.nanoTime();
        private final int facesPerEpoch;
        private final int epochsToRun;
        private long images;
        private double trainSeconds;
        private double validationSeconds;
        private int validations;
        private long lastTick = System.nanoTime();

        Progress(int facesPerEpoch, int epochsToRun) {
            this.facesPerEpoch = facesPerEpoch;
            this.epochsToRun = epochsToRun;
        }

        void trained(long n) {
            long now = System.nanoTime();
            trainSeconds += (now - lastTick) / 1e9;
            lastTick = now;
            images += n;
        }

        void validated(double seconds) {
            validationSeconds += seconds;
            validations++;
            lastTick = System.nanoTime();
        }

        double imagesPerSecond() {
            return trainSeconds > 0 ? images / trainSeconds : 0;
        }

        double secondsFor(long moreImages) {
            double rate = imagesPerSecond();
            return rate > 0 ? moreImages / rate : 0;
        }

        /** Time left after {@code epochsDone} finished epochs of this run plus {@code imagesDone} of the next. */
        double remainingSeconds(int epochsDone, long imagesDone) {
            int epochsLeft = epochsToRun - epochsDone;
            long imagesLeft = Math.max(0, (long) epochsLeft * facesPerEpoch - imagesDone);
            double validation = validations > 0 ? validationSeconds / validations * epochsLeft : 0;
            return secondsFor(imagesLeft) + validation;
        }

        double elapsedSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Builds an {@link IcnnTrainer}. Not thread-safe. */
    public static final class Builder {
        private Path data;
        private IcnnModel model;
        private Path out;
        private int epochs = 30;
        private int batchSize = 16;
        private double learningRate = 1e-3;
        private long seed = 42;
        private double jitter = 6;
        private int workers = 1;
        private int trainLimit;
        private int valLimit;
        private boolean resume;
        private int[] channels;
        private Activation activation = Activation.TANH;
        private int lrDropEvery;
        private int progressEvery = 20;
        private Consumer<String> log = LOG::info;

        private Builder() {
        }

        /** Required: dataset root with {@code images/}, {@code labels/}, {@code train.txt} and {@code val.txt}. */
        public Builder setData(Path data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /** Required: which of the five networks to train. */
        public Builder setModel(IcnnModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Required: directory for model files and the log. */
        public Builder setOut(Path out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Total epochs, counting those done before a resume; default 30. */
        public Builder optEpochs(int epochs) {
            this.epochs = positive(epochs, "epochs");
            return this;
        }

        /** Faces per batch; default 16. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = positive(batchSize, "batch size");
            return this;
        }

        /** Adam learning rate; default 1e-3. */
        public Builder optLearningRate(double learningRate) {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("Learning rate must be positive, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /** Seed of weights, shuffles, augmentation and jitter; default 42. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Part networks: largest crop-centre jitter in pixels; default 6. Ignored for stage 1. */
        public Builder optJitter(double jitter) {
            this.jitter = PartCropEncoder.checkJitter(jitter);
            return this;
        }

        /** Threads decoding and augmenting samples; default 1. */
        public Builder optWorkers(int workers) {
            this.workers = positive(workers, "workers");
            return this;
        }

        /** Train on the first {@code n} faces of {@code train.txt} only (quick checks); 0 = all. */
        public Builder optTrainLimit(int n) {
            this.trainLimit = nonNegative(n, "train limit");
            return this;
        }

        /** Validate on the first {@code n} faces of {@code val.txt} only; 0 = all. */
        public Builder optValLimit(int n) {
            this.valLimit = nonNegative(n, "val limit");
            return this;
        }

        /** Continue from {@code icnn-<model>-last.zip} in the output directory if it exists; default false. */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Feature maps per scale, finest first, instead of the paper's 8, 16, 24, 32 (for experiments and tests);
         * see {@link InterlinkedCnn.Builder#optChannels}.
         */
        public Builder optChannels(int... channels) {
            InterlinkedCnn.builder().optChannels(channels); // validates
            this.channels = channels.clone();
            return this;
        }

        /**
         * Multiply the learning rate by 0.1 every {@code epochs} epochs (a step schedule over iterations, saved with
         * the network so a resumed run keeps it); default 0, a constant rate.
         */
        public Builder optLrDropEvery(int epochs) {
            this.lrDropEvery = nonNegative(epochs, "learning-rate drop interval");
            return this;
        }

        /** Nonlinearity after each convolution; default tanh as in the paper (see the module README). */
        public Builder optActivation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** Batches between progress lines; default 20. */
        public Builder optProgressEvery(int batches) {
            this.progressEvery = positive(batches, "progress interval");
            return this;
        }

        /** Where progress lines go; default this class's SLF4J logger at INFO. */
        public Builder optLog(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** @throws IllegalArgumentException if data, model or output directory is missing */
        public IcnnTrainer build() {
            if (data == null || model == null || out == null) {
                throw new IllegalArgumentException("--data, --net and --out are required");
            }
            return new IcnnTrainer(this);
        }

        private static int positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException("The " + what + " must be positive, got " + v);
            }
            return v;
        }

        private static int nonNegative(int v, String what) {
            if (v < 0) {
                throw new IllegalArgumentException("The " + what + " must not be negative, got " + v);
            }
            return v;
        }
    }
}
