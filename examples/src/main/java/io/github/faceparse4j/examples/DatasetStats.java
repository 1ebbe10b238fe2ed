package io.github.faceparse4j.examples;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Prints, for each split of a dataset in the celebamask-5k layout ({@code train.txt}, {@code val.txt}), the number
 * of images and the share of pixels of each HELEN-11 class after mapping the CelebAMask-19 labels.
 *
 * <p>Usage: {@code DatasetStats [DATASET_DIR]}, default {@code ../shared/data/celebamask-5k}; also the CLI's
 * {@code stats} command. Run with
 * {@code mvn -q -pl examples -am compile exec:java -Dexec.args="stats [DATASET_DIR]"}.
 * Only label PNGs are read (no JPEG decoding), in parallel.
 */
public final class DatasetStats {

    private static final Path DEFAULT_DATASET = Path.of("../shared/data/celebamask-5k");
    private static final List<String> SPLITS = List.of("train.txt", "val.txt");

    private DatasetStats() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : DEFAULT_DATASET;
        if (!Files.isDirectory(root)) {
            System.err.println("Dataset directory not found: " + root.toAbsolutePath()
                    + "\nUsage: DatasetStats [DATASET_DIR]  (a folder with images/, labels/, train.txt, val.txt)");
            System.exit(2);
        }
        long start = System.nanoTime();
        print(root, System.out);
        System.out.printf(Locale.ROOT, "%nRead in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Prints the statistics of every split present in {@code root}. */
    static void print(Path root, PrintStream out) throws IOException {
        LabelScheme helen = LabelScheme.HELEN_11;
        out.println("Dataset " + root.toAbsolutePath().normalize()
                + ": class pixel frequency (% of all pixels) under the CelebAMask-19 -> HELEN-11 mapping");
        for (String split : SPLITS) {
            if (!Files.isRegularFile(root.resolve(split))) {
                out.println("\n" + split + ": not present, skipped");
                continue;
            }
            FaceDataset dataset = FaceDataset.open(root, split);
            long[] counts = helenPixelCounts(dataset);
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            out.printf(Locale.ROOT, "%n%s: %d images, %d pixels%n", split, dataset.size(), total);
            out.printf(Locale.ROOT, "  %-3s %-12s %8s%n", "id", "class", "pixels %");
            for (int id = 0; id < helen.numClasses(); id++) {
                out.printf(Locale.ROOT, "  %-3d %-12s %8.3f%n", id, helen.className(id), 100.0 * counts[id] / total);
            }
        }
    }

    /** Pixel count per HELEN-11 class over every label map of the dataset. */
    private static long[] helenPixelCounts(FaceDataset dataset) {
        LabelMapping mapping = LabelMapping.between(dataset.scheme(), LabelScheme.HELEN_11);
        return IntStream.range(0, dataset.size()).parallel()
                .mapToObj(i -> mapping.apply(loadLabels(dataset, i)).classCounts())
                .reduce(new long[LabelScheme.HELEN_11.numClasses()], DatasetStats::sum);
    }

    private static LabelMap loadLabels(FaceDataset dataset, int index) {
        try {
            return dataset.loadLabels(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] sum(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
