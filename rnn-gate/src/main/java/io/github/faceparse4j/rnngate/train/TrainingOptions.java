package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.Upsampler;
import io.github.faceparse4j.rnngate.net.Variant;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one {@link RnnGTrainer} run, parsed from the command line by {@link #parse(String...)}.
 *
 * @param data            dataset directory in the {@code celebamask-5k} layout
 * @param trainList       training list file inside {@code data}
 * @param valList         validation list file inside {@code data}
 * @param scheme          target labels: {@link LabelScheme#SKIN_HAIR_BG_3} or {@link LabelScheme#HELEN_11}
 * @param variant         network variant
 * @param epochs          total epochs to train (a resumed run continues up to this number)
 * @param batchSize       faces per training batch
 * @param learningRate    Adam's initial learning rate
 * @param learningRateDecay factor applied to the learning rate after each epoch
 * @param out             output directory for checkpoints, the best model and the history
 * @param resume          whether to continue from {@code out/checkpoint.model.zip}
 * @param seed            seed of initialisation, shuffling, augmentation and gate-loss sampling
 * @param limit           use only the first {@code limit} training faces, 0 for all
 * @param valLimit        validate on only the first {@code valLimit} faces, 0 for all
 * @param classWeighting  class weights of the label losses
 * @param upsampler       the upsampling layers
 * @param workers         threads decoding and augmenting training faces
 * @param inputSize       side of the square network input (the paper's 128)
 * @param convKernel      kernel side of conv2 and conv3 (odd, at least 3)
 * @param initFrom        a trained model whose parameters a new run starts from ({@link WarmStart}), or null for a
 *                        seeded random start
 */
public record TrainingOptions(Path data, String trainList, String valList, LabelScheme scheme, Variant variant,
        int epochs, int batchSize, double learningRate, double learningRateDecay, Path out, boolean resume, long seed,
        int limit, int valLimit, ClassWeighting classWeighting, Upsampler upsampler, int workers, int inputSize,
        int convKernel, Path initFrom) {

    /** Where the shared dataset lives relative to a checkout's parent directory. */
    public static final Path DEFAULT_DATA = Path.of("../shared/data/celebamask-5k");

    public static final String USAGE = """
            RnnGTrainer: trains the RNN-G face parser (first stage) on a celebamask-5k style dataset.
              --data DIR          dataset (images/, labels/, train.txt, val.txt); default ../shared/data/celebamask-5k
              --classes 3|11      skin/hair/background or HELEN-11; default 3
              --variant V         rnn-g | rnn | cnn-s; default rnn-g
              --epochs N          total epochs; default 30
              --batch N           faces per batch; default 16
              --lr X              Adam learning rate; default 0.001
              --lr-decay X        learning-rate factor per epoch; default 0.95
              --out DIR           checkpoints, best model, history.csv; default runs/<variant>-<classes>class
              --resume            continue from OUT/checkpoint.model.zip
              --seed N            seed of everything random; default 42
              --limit N           train on the first N faces only (smoke runs); default all
              --val-limit N       validate on the first N faces only; default all
              --class-weights W   none | sqrt-median; default none for 3 classes, sqrt-median for 11
              --upsampler U       deconvolution | deconvolution-2x2 | nearest-convolution | nearest-convolution-K
                                  (K x K convolution, K odd); default deconvolution
              --workers N         threads decoding training faces; default 1
              --input-size N      network input side, a multiple of 4; default 128 (the paper's)
              --conv-kernel K     kernel side of conv2 and conv3, odd; default 3
              --init-from MODEL   start a new run from a trained model of the same variant, scheme and
                                  upsampler (its smaller conv kernels are centred in larger ones)
              --train-list F      default train.txt
              --val-list F        default val.txt
            """;

    public TrainingOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(classWeighting, "classWeighting");
        Objects.requireNonNull(upsampler, "upsampler");
        requirePositive(epochs, "--epochs");
        requirePositive(batchSize, "--batch");
        requirePositive(workers, "--workers");
        if (inputSize < 4 || inputSize % 4 != 0) {
            throw new IllegalArgumentException("--input-size must be a positive multiple of 4, got " + inputSize);
        }
        if (convKernel < 3 || convKernel % 2 == 0) {
            throw new IllegalArgumentException("--conv-kernel must be odd and at least 3, got " + convKernel);
        }
        if (resume && initFrom != null) {
            throw new IllegalArgumentException("--resume continues a run's own checkpoint; --init-from starts a new "
                    + "run: give one of them");
        }
        if (limit < 0 || valLimit < 0) {
            throw new IllegalArgumentException("--limit and --val-limit must be at least 0, got " + limit + " and "
                    + valLimit);
        }
    }

    /**
     * Parses {@code --name value} arguments (and the flag {@code --resume}); see {@link #USAGE}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static TrainingOptions parse(String... args) {
        Path data = DEFAULT_DATA;
        String trainList = "train.txt";
        String valList = "val.txt";
        int classes = 3;
        Variant variant = Variant.RNN_G;
        int epochs = 30;
        int batch = 16;
        double lr = 1e-3;
        double lrDecay = 0.95;
        Path out = null;
        boolean resume = false;
        long seed = 42;
        int limit = 0;
        int valLimit = 0;
        ClassWeighting weighting = null;
        Upsampler upsampler = Upsampler.deconvolution();
        int workers = 1;
        int inputSize = RnnGNetwork.PAPER_INPUT_SIZE;
        int convKernel = 3;
        Path initFrom = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--resume")) {
                resume = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Argument " + name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--data" -> data = Path.of(value);
                    case "--train-list" -> trainList = value;
                    case "--val-list" -> valList = value;
                    case "--classes" -> classes = Integer.parseInt(value);
                    case "--variant" -> variant = Variant.byName(value);
                    case "--epochs" -> epochs = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--lr" -> lr = Double.parseDouble(value);
                    case "--lr-decay" -> lrDecay = Double.parseDouble(value);
                    case "--out" -> out = Path.of(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--limit" -> limit = Integer.parseInt(value);
                    case "--val-limit" -> valLimit = Integer.parseInt(value);
                    case "--class-weights" -> weighting = ClassWeighting.byName(value);
                    case "--upsampler" -> upsampler = Upsampler.byName(value);
                    case "--workers" -> workers = Integer.parseInt(value);
                    case "--input-size" -> inputSize = Integer.parseInt(value);
                    case "--conv-kernel" -> convKernel = Integer.parseInt(value);
                    case "--init-from" -> initFrom = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown argument " + name + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Argument " + name + " needs a number, got '" + value + "'", e);
            }
        }
        LabelScheme scheme = schemeFor(classes);
        if (weighting == null) {
            weighting = classes == 3 ? ClassWeighting.NONE : ClassWeighting.SQRT_MEDIAN_FREQUENCY;
        }
        if (out == null) {
            out = Path.of("runs", variant.cliName() + "-" + classes + "class");
        }
        return new TrainingOptions(data, trainList, valList, scheme, variant, epochs, batch, lr, lrDecay, out, resume,
                seed, limit, valLimit, weighting, upsampler, workers, inputSize, convKernel, initFrom);
    }

    /** The scheme for {@code --classes}: 3 or 11. */
    static LabelScheme schemeFor(int classes) {
        return switch (classes) {
            case 3 -> LabelScheme.SKIN_HAIR_BG_3;
            case 11 -> LabelScheme.HELEN_11;
            default -> throw new IllegalArgumentException("--classes must be 3 or 11, got " + classes);
        };
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
