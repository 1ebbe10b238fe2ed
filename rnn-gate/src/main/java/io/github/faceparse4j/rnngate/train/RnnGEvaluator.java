package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.MetricTable;
import io.github.faceparse4j.core.metric.PaperComparison;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.metric.SourceConfusion;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores trained RNN-G models on a labelled list and prints them beside the paper's figures: the columns of the
 * RNN-G paper's Table 1 (F-skin, F-hair, F-bg, accuracy) for skin/hair/background models, of Table 3 (per-part F
 * and overall F) for HELEN-11 models, followed by each model's per-class table.
 *
 * <pre>
 *   --model FILE     a model file written by RnnGTrainer; repeat for several rows
 *   --data DIR       dataset directory; default ../shared/data/celebamask-5k
 *   --list FILE      list file inside DIR; default val.txt
 *   --limit N        score only the first N faces
 *   --batch N        faces per forward pass; default 16
 *   --markdown       print Markdown tables instead of plain text
 *   --by-source      also print how the pixels of each of the dataset's own classes were labelled
 *   --leave-out IDS  add a row per model scored without the pixels of these dataset class ids (comma-separated),
 *                    e.g. 8,9,17 for CelebAMask's ears and neck, which the skin/hair/background mapping makes
 *                    background
 *   --mirror         also score each model with test-time mirror averaging ({@link RnnGModel#withMirrorAveraging()}),
 *                    one more row per model
 * </pre>
 * All models given in one call must share a label scheme.
 */
public final class RnnGEvaluator {

    private RnnGEvaluator() {
    }

    /** Command-line entry point; exits with status 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        CommandLine.run(() -> run(args, System.out));
    }

    /**
     * Evaluates as the command line says and prints the tables to {@code out}.
     *
     * @return the comparison table
     * @throws IllegalArgumentException on bad arguments or models of different schemes
     * @throws IOException naming the file if a model or the dataset cannot be read
     */
    public static MetricTable run(String[] args, PrintStream out) throws IOException {
        List<Path> models = new ArrayList<>();
        Path data = TrainingOptions.DEFAULT_DATA;
        String list = "val.txt";
        int limit = 0;
        int batch = 16;
        boolean markdown = false;
        boolean bySource = false;
        boolean mirror = false;
        int[] leaveOut = {};
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--markdown")) {
                markdown = true;
                continue;
            }
            if (name.equals("--by-source")) {
                bySource = true;
                continue;
            }
            if (name.equals("--mirror")) {
                mirror = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Argument " + name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--model" -> models.add(Path.of(value));
                case "--data" -> data = Path.of(value);
                case "--list" -> list = value;
                case "--limit" -> limit = positive(name, value);
                case "--batch" -> batch = positive(name, value);
                case "--leave-out" -> leaveOut = ids(name, value);
                default -> throw new IllegalArgumentException("Unknown argument " + name + "; expected --model, "
                        + "--data, --list, --limit, --batch, --markdown, --by-source, --leave-out, --mirror");
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("Give at least one --model FILE");
        }
        // Absolute: FaceDataset.subset resolves a relative root twice (core-data as of 8a05364).
        FaceDataset dataset = FaceDataset.open(data.toAbsolutePath().normalize(), list);
        if (limit > 0 && limit < dataset.size()) {
            dataset = dataset.subset(0, limit);
        }

        LabelScheme scheme = null;
        PaperComparison.Builder comparison = null;
        List<String> labels = new ArrayList<>();
        List<MetricTable> perClass = new ArrayList<>();
        for (Path file : models) {
            RnnGModel loaded = RnnGModel.load(file);
            if (scheme == null) {
                scheme = loaded.scheme();
                comparison = comparisonFor(scheme);
            } else if (!scheme.equals(loaded.scheme())) {
                throw new IllegalArgumentException("Model " + file + " is for " + loaded.scheme() + ", the first for "
                        + scheme + "; evaluate them separately");
            }
            for (RnnGModel model : mirror ? List.of(loaded, loaded.withMirrorAveraging()) : List.of(loaded)) {
                long start = System.nanoTime();
                SourceConfusion bySourceClass = ParsingEvaluation.sourceConfusion(model, dataset, batch);
                double seconds = (System.nanoTime() - start) / 1e9;
                LabelMapping mapping = LabelMapping.between(dataset.scheme(), scheme);
                ParsingMetrics metrics = ParsingMetrics.of(bySourceClass.confusion(mapping));
                String label = "FaceParse4J " + model.variant() + " (" + file.getFileName()
                        + (model.mirrorAveraging() ? ", mirror-averaged" : "") + ")";
                comparison.addResult(label, metrics);
                labels.add(label);
                perClass.add(metrics.perClassTable());
                if (leaveOut.length > 0) {
                    // Scored first: confusion() rejects ids outside the dataset's scheme before they are named.
                    ParsingMetrics without = ParsingMetrics.of(bySourceClass.confusion(mapping, leaveOut));
                    comparison.addResult(label + ", without " + classNames(dataset.scheme(), leaveOut), without);
                }
                if (bySource) {
                    labels.add(label + ", by source class");
                    perClass.add(bySourceClass.table());
                }
                out.printf(Locale.ROOT, "%s: %s %.4f on %d faces of %s (%.1f faces/s)%n", label,
                        ParsingEvaluation.selectionName(scheme), ParsingEvaluation.selectionF(metrics), dataset.size(),
                        dataset.listFile(), dataset.size() / seconds);
            }
        }
        MetricTable table = comparison.addNote("FaceParse4J rows: " + dataset.listFile() + ", " + dataset.size()
                + " faces at 128 x 128 (labels nearest-resized).").build();
        out.println(markdown ? table.toMarkdown() : table.toPlainText());
        for (int i = 0; i < perClass.size(); i++) {
            out.println((markdown ? "#### " : "== ") + labels.get(i));
            out.println(markdown ? perClass.get(i).toMarkdown() : perClass.get(i).toPlainText());
        }
        return table;
    }

    private static PaperComparison.Builder comparisonFor(LabelScheme scheme) {
        if (scheme.equals(LabelScheme.SKIN_HAIR_BG_3)) {
            return PaperComparison.lfwPl();
        }
        if (scheme.equals(LabelScheme.HELEN_11)) {
            return PaperComparison.helen();
        }
        throw new IllegalArgumentException("No paper table for scheme " + scheme + "; expected one of "
                + Arrays.asList(LabelScheme.SKIN_HAIR_BG_3, LabelScheme.HELEN_11));
    }

    private static String classNames(LabelScheme scheme, int[] ids) {
        return String.join(", ", Arrays.stream(ids).mapToObj(scheme::className).toList());
    }

    private static int[] ids(String name, String value) {
        try {
            int[] ids = Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(ids).anyMatch(id -> id < 0)) {
                throw new IllegalArgumentException(name + " needs class ids of 0 or more, got '" + value + "'");
            }
            return ids;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs comma-separated class ids, got '" + value + "'", e);
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + value + "'", e);
        }
    }
}
