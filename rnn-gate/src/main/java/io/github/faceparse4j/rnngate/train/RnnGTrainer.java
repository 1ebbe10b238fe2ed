package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.data.Augmentation;
import io.github.faceparse4j.core.data.FaceBatchIterator;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.RnnGOutput;
import io.github.faceparse4j.rnngate.net.Variant;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an RNN-G network ({@link RnnGNetwork}) on a {@link FaceDataset} and keeps the best model by validation F.
 *
 * <p>Each epoch visits the training faces in a seeded shuffle with the paper's random affine and mirror augmentation
 * ({@link Augmentation#paperDefault()}), then scores the validation list ({@link ParsingEvaluation}) and writes, in
 * the output directory:
 * <ul>
 *   <li>{@value #CHECKPOINT}: the network with its updater state and the training state in the metadata, to
 *       resume from;</li>
 *   <li>{@value #BEST}: the network (no updater) of the epoch with the best validation F so far;</li>
 *   <li>{@value #HISTORY}: one CSV line per epoch (loss, speed, validation F and per-class F1).</li>
 * </ul>
 * Progress lines (epoch, batch, loss per output, images/s, time left) go to the given stream. A resumed run
 * continues with the checkpoint's network, updater state and learning-rate schedule, and the same data order and
 * augmentation it would have had without the interruption.
 *
 * <p>Not thread-safe: one trainer per thread, and the trainer itself uses the calling thread plus the batch
 * iterator's background threads.
 */
public final class RnnGTrainer {

    /** Checkpoint file name in the output directory. */
    public static final String CHECKPOINT = "checkpoint.model.zip";
    /** Best model file name in the output directory. */
    public static final String BEST = "best.model.zip";
    /** History file name in the output directory. */
    public static final String HISTORY = "history.csv";

    /** Training-info keys of the state a run resumes from. */
    static final String EPOCHS_COMPLETED = "epochsCompleted";
    static final String BEST_VAL_F = "bestValF";
    static final String BEST_EPOCH = "bestEpoch";
    static final String VAL_F = "valF";
    static final String TRAIN_SECONDS = "trainSeconds";

    /** Label maps read to estimate the class frequencies for class weights. */
    private static final int CLASS_COUNT_SAMPLES = 1000;
    /** Progress lines per epoch. */
    private static final int PROGRESS_LINES = 10;

    private final TrainingOptions options;
    private final PrintStream log;

    /**
     * @param options the run's settings
     * @param log     where progress lines go
     */
    public RnnGTrainer(TrainingOptions options, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Command-line entry point; see {@link TrainingOptions#USAGE}. Exits with status 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(TrainingOptions.USAGE);
            return;
        }
        CommandLine.run(() -> {
            TrainingOptions options = TrainingOptions.parse(args);
            System.out.println(new RnnGTrainer(options, System.out).train());
        });
    }

    /**
     * Runs the training to {@link TrainingOptions#epochs()} epochs.
     *
     * @throws IOException naming the file if the dataset, a checkpoint or an output file cannot be read or written
     * @throws IllegalStateException if the loss becomes NaN or infinite, or a resumed checkpoint does not match the
     *     options (scheme, variant)
     */
    public TrainingResult train() throws IOException {
        FastPath.ensure();
        Nd4j.getRandom().setSeed(options.seed());
        // Absolute: FaceDataset.subset resolves a relative root twice (core-data as of 8a05364).
        Path data = options.data().toAbsolutePath().normalize();
        FaceDataset train = limited(FaceDataset.open(data, options.trainList()), options.limit());
        FaceDataset val = limited(FaceDataset.open(data, options.valList()), options.valLimit());
        Files.createDirectories(options.out());

        Run run = options.resume() ? resume() : start(train);
        FastPath.verifyHelpers(run.graph);
        log.printf(Locale.ROOT, "Training %s on %d faces (%s), validating on %d (%s); %s%n", options.variant(),
                train.size(), train.listFile(), val.size(), val.listFile(), run.graph.getConfiguration()
                        .getNetworkOutputs());
        RnnGEncoder encoder = RnnGEncoder.builder().setScheme(options.scheme())
                .setOutputs(options.variant().outputs()).optInputSize(options.inputSize())
                .optNormalization(run.normalization())
                .optSeed(options.seed()).build();
        int startEpoch = run.epochsCompleted;
        ProgressMeter meter = new ProgressMeter((long) (options.epochs() - startEpoch) * train.size());
        double trainSecondsBefore = Double.parseDouble(run.info(TRAIN_SECONDS, "0"));
        for (int epoch = startEpoch; epoch < options.epochs(); epoch++) {
            run.graph.getConfiguration().setEpochCount(epoch);
            double loss = trainEpoch(run.graph, train, encoder, epoch, meter);
            run.graph.getConfiguration().setEpochCount(epoch + 1);

            long validationStart = System.nanoTime();
            ParsingMetrics metrics = ParsingMetrics.of(ParsingEvaluation.confusion(
                    RnnGModel.of(run.graph, run.metadata), val, options.batchSize()));
            meter.validated(System.nanoTime() - validationStart);
            double f = ParsingEvaluation.selectionF(metrics);
            boolean best = run.bestEpoch == 0 || f > run.bestValF;
            run.epochsCompleted = epoch + 1;
            if (best) {
                run.bestValF = f;
                run.bestEpoch = epoch + 1;
            }
            double trainSeconds = trainSecondsBefore + meter.trainingSeconds();
            ModelMetadata metadata = run.metadataNow(f, trainSeconds, meter.imagesPerSecond());
            if (best) {
                ModelFile.save(run.graph, metadata, options.out().resolve(BEST));
            }
            ModelFile.save(run.graph, metadata, options.out().resolve(CHECKPOINT), true);
            appendHistory(epoch + 1, loss, meter.imagesPerSecond(), f, metrics);
            log.printf(Locale.ROOT, "Epoch %d/%d done: loss %.4f, %.1f img/s, val %s %.4f (best %.4f at epoch %d), "
                            + "pixel accuracy %.4f, time left %s%n", epoch + 1, options.epochs(), loss,
                    meter.imagesPerSecond(), ParsingEvaluation.selectionName(options.scheme()), f, run.bestValF,
                    run.bestEpoch, metrics.pixelAccuracy(),
                    ProgressMeter.duration(meter.secondsLeft(options.epochs() - epoch - 1)));
        }
        return new TrainingResult(run.epochsCompleted, run.bestEpoch, run.bestValF, meter.imagesPerSecond(),
                trainSecondsBefore + meter.trainingSeconds(), options.out().resolve(BEST),
                options.out().resolve(CHECKPOINT));
    }

    /** Trains one epoch; returns the mean loss over its batches. */
    private double trainEpoch(ComputationGraph graph, FaceDataset train, RnnGEncoder encoder, int epoch,
            ProgressMeter meter) {
        List<RnnGOutput> outputs = options.variant().outputs();
        double lossSum = 0;
        double[] outputLossSum = new double[outputs.size()];
        int batches = 0;
        try (FaceBatchIterator iterator = FaceBatchIterator.builder().setDataset(train).setEncoder(encoder)
                .setBatchSize(options.batchSize()).optShuffle(true).optAugmentation(Augmentation.paperDefault())
                .optSeed(epochSeed(options.seed(), epoch)).optWorkers(options.workers()).build()) {
            int total = iterator.batchesPerEpoch();
            int every = Math.max(1, total / PROGRESS_LINES);
            while (iterator.hasNext()) {
                MultiDataSet batch = iterator.next();
                long start = System.nanoTime();
                graph.fit(batch);
                meter.trained(Math.toIntExact(batch.getFeatures(0).size(0)), System.nanoTime() - start);
                double loss = graph.score();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("Loss became " + loss + " in epoch " + (epoch + 1) + ", batch "
                            + (batches + 1) + " (faces " + batch.getExampleMetaData() + "); lower --lr");
                }
                lossSum += loss;
                for (int i = 0; i < outputs.size(); i++) {
                    outputLossSum[i] += graph.getOutputLayer(i).score();
                }
                batches++;
                if (batches % every == 0 || batches == total) {
                    log.printf(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.4f (%s) %.1f img/s, time left %s%n",
                            epoch + 1, options.epochs(), batches, total, lossSum / batches,
                            outputLosses(outputs, outputLossSum, batches), meter.imagesPerSecond(),
                            ProgressMeter.duration(meter.secondsLeft(options.epochs() - epoch)));
                }
            }
        }
        return lossSum / batches;
    }

    private static String outputLosses(List<RnnGOutput> outputs, double[] sums, int batches) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(outputs.get(i).vertexName())
                    .append(String.format(Locale.ROOT, " %.4f", sums[i] / batches));
        }
        return text.toString();
    }

    /** The seed of epoch {@code epoch}'s shuffle and augmentation: independent of where a run was resumed. */
    static long epochSeed(long seed, int epoch) {
        return FaceBatchIterator.sampleSeed(seed, epoch, -2);
    }

    private Run start(FaceDataset train) throws IOException {
        double[] classWeights = null;
        if (options.classWeighting() != ClassWeighting.NONE) {
            long[] counts = ClassWeighting.countPixels(train, options.scheme(), options.inputSize(),
                    CLASS_COUNT_SAMPLES);
            classWeights = options.classWeighting().weights(counts);
            log.printf(Locale.ROOT, "Class weights (%s): %s%n", options.classWeighting(),
                    Arrays.toString(classWeights));
        }
        RnnGNetwork.Builder builder = RnnGNetwork.builder().setNumClasses(options.scheme().numClasses())
                .optVariant(options.variant()).optUpsampler(options.upsampler()).optInputSize(options.inputSize())
                .optLearningRate(options.learningRate()).optLearningRateDecay(options.learningRateDecay())
                .optConvKernel(options.convKernel()).optSeed(options.seed());
        if (classWeights != null) {
            builder.optClassWeights(classWeights);
        }
        RnnGNetwork network = builder.build();
        log.println("Network: " + network + " " + network.describe());
        ModelMetadata.Builder metadata = network.metadata(options.scheme(), Normalization.IMAGENET)
                .optTrainingInfo("dataset", options.data().toAbsolutePath().normalize().getFileName().toString())
                .optTrainingInfo("trainList", options.trainList())
                .optTrainingInfo("valList", options.valList())
                .optTrainingInfo("trainImages", Integer.toString(train.size()))
                .optTrainingInfo("batchSize", Integer.toString(options.batchSize()))
                .optTrainingInfo("classWeighting", options.classWeighting().cliName())
                .optTrainingInfo("augmentation", Augmentation.paperDefault().toString())
                .optTrainingInfo("selectionMetric", ParsingEvaluation.selectionName(options.scheme()));
        ComputationGraph graph = network.init();
        if (options.initFrom() != null) {
            warmStart(graph, metadata);
        }
        return new Run(graph, metadata.build(), 0, Double.NEGATIVE_INFINITY, 0);
    }

    /** Copies {@code --init-from}'s parameters into {@code graph} and records where they came from. */
    private void warmStart(ComputationGraph graph, ModelMetadata.Builder metadata) throws IOException {
        Path file = options.initFrom();
        ModelFile trained = ModelFile.load(file, RnnGModel.expectations());
        ModelMetadata info = trained.metadata();
        String mismatch = mismatch(info);
        if (mismatch != null) {
            throw new IllegalArgumentException("--init-from " + file + mismatch);
        }
        WarmStart.copy(RnnGModel.fastGraph(trained), graph);
        String epochs = info.trainingInfo().getOrDefault(EPOCHS_COMPLETED, "?");
        metadata.optTrainingInfo("initFrom", file.getFileName() + " sha256 " + trained.networkSha256() + " (" + epochs
                + " epochs, val F " + info.trainingInfo().getOrDefault(BEST_VAL_F, "?") + ")");
        log.printf(Locale.ROOT, "Starting from %s (%s epochs)%n", file, epochs);
    }

    private Run resume() throws IOException {
        Path file = options.out().resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "--resume given but there is no checkpoint");
        }
        ModelFile checkpoint = ModelFile.load(file, RnnGModel.expectations());
        ModelMetadata metadata = checkpoint.metadata();
        String mismatch = mismatch(metadata);
        if (mismatch != null) {
            throw new IllegalStateException("Checkpoint " + file + mismatch);
        }
        Map<String, String> info = metadata.trainingInfo();
        // Checkpoints written before session 4 hold DL4J's slower stock layers; the run goes on with the fast ones.
        Run run = new Run(RnnGModel.fastGraph(checkpoint), metadata,
                Integer.parseInt(info.getOrDefault(EPOCHS_COMPLETED, "0")),
                Double.parseDouble(info.getOrDefault(BEST_VAL_F, "-Infinity")),
                Integer.parseInt(info.getOrDefault(BEST_EPOCH, "0")));
        log.printf(Locale.ROOT, "Resuming %s after epoch %d (best val F %.4f at epoch %d)%n", file,
                run.epochsCompleted, run.bestValF, run.bestEpoch);
        return run;
    }

    /** Null if a model with {@code metadata} fits the options (scheme, variant, input size), else why not. */
    private String mismatch(ModelMetadata metadata) {
        String variant = metadata.trainingInfo().getOrDefault(RnnGModel.VARIANT_KEY, "?");
        if (metadata.labelScheme().equals(options.scheme()) && options.variant().cliName().equals(variant)
                && metadata.inputHeight() == options.inputSize()) {
            return null;
        }
        return " is a " + variant + " model for " + metadata.labelScheme() + " at " + metadata.inputHeight()
                + " px, but the options ask for " + options.variant().cliName() + " on " + options.scheme() + " at "
                + options.inputSize() + " px";
    }

    private void appendHistory(int epoch, double loss, double imagesPerSecond, double f, ParsingMetrics metrics)
            throws IOException {
        Path file = options.out().resolve(HISTORY);
        StringBuilder line = new StringBuilder();
        if (!Files.exists(file)) {
            line.append("epoch,loss,imagesPerSecond,valF,pixelAccuracy");
            for (String name : options.scheme().classNames()) {
                line.append(",f1_").append(name);
            }
            line.append('\n');
        }
        line.append(String.format(Locale.ROOT, "%d,%.6f,%.2f,%.6f,%.6f", epoch, loss, imagesPerSecond, f,
                metrics.pixelAccuracy()));
        for (int c = 0; c < options.scheme().numClasses(); c++) {
            line.append(String.format(Locale.ROOT, ",%.6f", metrics.f1(c)));
        }
        line.append('\n');
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static FaceDataset limited(FaceDataset dataset, int limit) {
        return limit > 0 && limit < dataset.size() ? dataset.subset(0, limit) : dataset;
    }

    /** The mutable state of a run: the graph, its base metadata and the epoch bookkeeping. */
    private static final class Run {
        final ComputationGraph graph;
        /** Metadata without the per-epoch state, or the checkpoint's. */
        final ModelMetadata metadata;
        int epochsCompleted;
        double bestValF;
        int bestEpoch;

        Run(ComputationGraph graph, ModelMetadata metadata, int epochsCompleted, double bestValF, int bestEpoch) {
            this.graph = graph;
            this.metadata = metadata;
            this.epochsCompleted = epochsCompleted;
            this.bestValF = bestValF;
            this.bestEpoch = bestEpoch;
        }

        Normalization normalization() {
            return Normalization.byName(metadata.normalization());
        }

        String info(String key, String fallback) {
            return metadata.trainingInfo().getOrDefault(key, fallback);
        }

        /** The base metadata plus the state after the latest epoch. */
        ModelMetadata metadataNow(double valF, double trainSeconds, double imagesPerSecond) {
            return MetadataCopy.of(metadata).optTrainingInfo(EPOCHS_COMPLETED, Integer.toString(epochsCompleted))
                    .optTrainingInfo(VAL_F, Double.toString(valF))
                    .optTrainingInfo(BEST_VAL_F, Double.toString(bestValF))
                    .optTrainingInfo(BEST_EPOCH, Integer.toString(bestEpoch))
                    .optTrainingInfo(TRAIN_SECONDS, String.format(Locale.ROOT, "%.1f", trainSeconds))
                    .optTrainingInfo("imagesPerSecond", String.format(Locale.ROOT, "%.2f", imagesPerSecond))
                    .build();
        }
    }
}
