package io.github.faceparse4j.examples;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.MetricTable;
import io.github.faceparse4j.core.metric.PaperComparison;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.pipeline.FaceParser;
import io.github.faceparse4j.pipeline.FaceParsing;
import io.github.faceparse4j.pipeline.ParserConfiguration;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code evaluate --data DIR --list FILE}: parses a labelled dataset in the celebamask-5k layout and prints the
 * per-part F-measures beside the RNN-G and iCNN papers' HELEN figures ({@link PaperComparison#helen()}), the
 * per-class scores, and the parsing speed. Ground truth is mapped from CelebAMask-19 to HELEN-11 with
 * {@link LabelMapping#CELEBAMASK_TO_HELEN}; prediction and truth are compared at the images' resolution.
 *
 * <p>The dataset's images are CelebA-HQ crops, already framed as the networks were trained, so they are parsed as
 * aligned faces unless {@code --detect} asks for the detector (which then also measures detection and framing).
 */
final class EvaluateCommand implements Command {

    /** The shared dataset, relative to the repository root. */
    static final Path DEFAULT_DATA = Path.of("../shared/data/celebamask-5k");

    private static final String DATA = "--data";
    private static final String LIST = "--list";
    private static final String LIMIT = "--limit";
    private static final String BATCH = "--batch";
    private static final String DETECT = "--detect";
    private static final String MARKDOWN = "--markdown";

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "per-part F on a labelled dataset, beside the papers' HELEN figures, and images/s";
    }

    @Override
    public String usage() {
        return """
            Usage: faceparse4j evaluate --data DIR --list FILE [options]
            Parses the listed images (DIR/images/NAME.jpg) and scores them against their labels (DIR/labels/NAME.png,
            CelebAMask-19 ids, mapped to HELEN-11): per-part F beside the RNN-G and iCNN papers' HELEN figures,
            per-class precision/recall/F1/IoU, and the parsing speed in images/s.
            Options:
              --data DIR         dataset folder; default %s
              --list FILE        list of NAMEs, a path or a file name inside DIR; default val.txt
            """.formatted(DEFAULT_DATA) + ParserOptions.HELP + """
              --detect           detect the face in each image, as for any photo (default: each image is taken as
                                 one aligned face, which the CelebA-HQ crops are)
              --limit N          only the first N listed images
              --batch N          images parsed together; default %d
              --markdown         print the tables in Markdown
            """.formatted(FaceParser.DEFAULT_BATCH_SIZE);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandException {
        Arguments a = Arguments.parse(args, ParserOptions.valueOptionsAnd(DATA, LIST, LIMIT, BATCH),
                ParserOptions.flagsAnd(DETECT, MARKDOWN));
        if (a.helpRequested()) {
            out.print(usage());
            return OK;
        }
        if (!a.operands().isEmpty()) {
            throw new UsageException("Unexpected argument '" + a.operands().get(0) + "'");
        }
        int limit = a.intValue(LIMIT, Integer.MAX_VALUE, 1);
        int batch = a.intValue(BATCH, FaceParser.DEFAULT_BATCH_SIZE, 1);
        FaceDataset dataset = openDataset(a.path(DATA, DEFAULT_DATA), a.path(LIST, Path.of("val.txt")), limit);
        ParserConfiguration configuration = ParserOptions.configuration(a);
        boolean detect = a.flag(DETECT);
        FaceParser.Builder builder = ParserOptions.builder(a).optDetectFaces(detect).optBatchSize(batch);
        Score score = new Score(batch);
        try (FaceParser parser = ParserOptions.open(builder, configuration)) {
            ProgressBar bar = ProgressBar.shown(err, dataset.size());
            for (int from = 0; from < dataset.size(); from += batch) {
                score.addChunk(parser, dataset, from, Math.min(from + batch, dataset.size()), bar);
            }
            bar.finish();
            score.wallSeconds = bar.elapsedSeconds();
        }
        if (score.images == 0) {
            throw new CommandException("No image of " + dataset.listFile() + " could be read");
        }
        print(score, dataset, configuration, detect, a, out);
        return score.failures == 0 ? OK : FAILURE;
    }

    /** The dataset, its list resolved against the working folder if it exists there, else against the dataset. */
    private static FaceDataset openDataset(Path data, Path list, int limit) throws CommandException {
        Path root = data.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CommandException(DATA + " " + data + ": no such folder");
        }
        Path listFile = !list.isAbsolute() && Files.isRegularFile(list) ? list.toAbsolutePath().normalize() : list;
        try {
            FaceDataset dataset = FaceDataset.builder().setRoot(root).setListFile(listFile).build();
            return limit < dataset.size() ? dataset.subset(0, limit) : dataset;
        } catch (IOException e) {
            throw new CommandException("Cannot open the dataset: " + e.getMessage(), e);
        }
    }

    private static void print(Score score, FaceDataset dataset, ParserConfiguration configuration, boolean detect,
            Arguments a, PrintStream out) {
        boolean mirror = a.flag(ParserOptions.MIRROR);
        String mode = (detect ? "detected faces" : "aligned faces") + (mirror ? ", RNN-G mirror-averaged" : "");
        String models = a.value(ParserOptions.MODELS).map(m -> "models from " + m).orElse("bundled weights");
        out.printf(Locale.ROOT, "Evaluated %d images of %s: %s, %s, %s%s%n", score.images, dataset.listFile(),
                configuration, mode, models, score.failures == 0 ? "" : "; " + score.failures + " unreadable, "
                        + "left out");
        if (detect) {
            out.printf(Locale.ROOT, "No face detected in %d of them (scored as all background)%n", score.noFace);
        }
        ParsingMetrics metrics = ParsingMetrics.of(score.matrix);
        String row = String.format(Locale.ROOT, "FaceParse4J %s%s, %s (%d)", configuration,
                mirror ? " mirror-averaged" : "", dataset.listFile().getFileName(), score.images);
        MetricTable comparison = PaperComparison.helen().addResult(row, metrics)
                .addNote("FaceParse4J row: " + mode + ", CelebAMask-HQ labels mapped to HELEN-11, scored at the "
                        + "images' resolution.")
                .build();
        boolean markdown = a.flag(MARKDOWN);
        out.println();
        out.print(markdown ? comparison.toMarkdown() : comparison.toPlainText());
        out.println();
        MetricTable perClass = metrics.perClassTable();
        out.print(markdown ? perClass.toMarkdown() : perClass.toPlainText());
        out.printf(Locale.ROOT, "%nSpeed: %.2f images/s (%d images in %.1f s of parsing, batches of %d; %.1f s in "
                + "all with reading and scoring)%n", score.images / score.parseSeconds(), score.images,
                score.parseSeconds(), score.batch, score.wallSeconds);
    }

    /** Counts gathered over the dataset. */
    private static final class Score {
        final ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        /** Images per {@link FaceParser#parseAll} call. */
        final int batch;
        int images;
        int failures;
        int noFace;
        long parseNanos;
        double wallSeconds;

        Score(int batch) {
            this.batch = batch;
        }

        /** Reads samples {@code from} to {@code to} (exclusive), parses them in one call and counts them. */
        void addChunk(FaceParser parser, FaceDataset dataset, int from, int to, ProgressBar bar) {
            List<FaceSample> samples = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                try {
                    samples.add(dataset.load(i));
                } catch (IOException e) {
                    failures++;
                    bar.message("error: " + e.getMessage());
                }
            }
            List<BufferedImage> photos = samples.stream().map(FaceSample::image).toList();
            long start = System.nanoTime();
            List<FaceParsing> results = photos.isEmpty() ? List.of() : parser.parseAll(photos);
            parseNanos += System.nanoTime() - start;
            int faces = 0;
            for (int i = 0; i < results.size(); i++) {
                FaceParsing result = results.get(i);
                matrix.add(LabelMapping.CELEBAMASK_TO_HELEN.apply(samples.get(i).labels()), result.labelMap());
                faces += result.faces().size();
                noFace += result.faces().isEmpty() ? 1 : 0;
            }
            images += results.size();
            bar.advance(to - from, faces);
        }

        double parseSeconds() {
            return parseNanos / 1e9;
        }
    }
}
