package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.metric.ConfusionMatrix;
import io.github.faceparse4j.core.metric.MetricTable;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.rnngate.net.RnnGModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the {@link PriorCorrection} exponent of a model trained with class weights on a labelled list, and
 * optionally writes the corrected model.
 *
 * <pre>
 *   --model FILE       a model file written by RnnGTrainer with class weights (required)
 *   --data DIR         dataset directory; default ../shared/data/celebamask-5k
 *   --list FILE        list inside DIR to choose on; default train.txt (keep val.txt for the final score)
 *   --limit N          use the first N faces; default 500
 *   --batch N          faces per forward pass; default 16
 *   --exponents LIST   comma-separated exponents to try; default 0,0.25,0.5,0.75,1
 *   --out FILE         write the model corrected with the best exponent here
 * </pre>
 * Prints one row per exponent: the selection F ({@link ParsingEvaluation#selectionF}), pixel accuracy and the F1 of
 * every class, in percent.
 */
public final class RnnGPriorCalibrator {

    private RnnGPriorCalibrator() {
    }

    /** Command-line entry point; exits with status 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        CommandLine.run(() -> run(args, System.out));
    }

    /**
     * Runs as the command line says, printing to {@code out}.
     *
     * @return the best exponent
     * @throws IllegalArgumentException on bad arguments or a model trained without class weights
     * @throws IOException naming the file if the model or the dataset cannot be read or the output written
     */
    public static double run(String[] args, PrintStream out) throws IOException {
        Path modelFile = null;
        Path data = TrainingOptions.DEFAULT_DATA;
        String list = "train.txt";
        int limit = 500;
        int batch = 16;
        double[] exponents = {0, 0.25, 0.5, 0.75, 1};
        Path output = null;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Argument " + name + " needs a value");
            }
            String value = args[i + 1];
            try {
                switch (name) {
                    case "--model" -> modelFile = Path.of(value);
                    case "--data" -> data = Path.of(value);
                    case "--list" -> list = value;
                    case "--limit" -> limit = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--exponents" -> exponents = Arrays.stream(value.split(","))
                            .mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
                    case "--out" -> output = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown argument " + name + "; expected --model, "
                            + "--data, --list, --limit, --batch, --exponents, --out");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Argument " + name + " needs a number, got '" + value + "'", e);
            }
        }
        if (modelFile == null || limit < 1 || batch < 1 || exponents.length == 0) {
            throw new IllegalArgumentException("Give --model FILE, and positive --limit and --batch");
        }
        RnnGModel model = RnnGModel.load(modelFile);
        double[] weights = PriorCorrection.classWeights(model.metadata());
        if (weights == null) {
            throw new IllegalArgumentException("Model " + modelFile + " was trained without class weights: there is "
                    + "no prior to correct");
        }
        // Absolute: FaceDataset.subset resolves a relative root twice (core-data as of 8a05364).
        FaceDataset dataset = FaceDataset.open(data.toAbsolutePath().normalize(), list);
        if (limit < dataset.size()) {
            dataset = dataset.subset(0, limit);
        }
        List<double[]> shifts = new ArrayList<>();
        for (double exponent : exponents) {
            shifts.add(PriorCorrection.logitShifts(weights, exponent));
        }
        List<ConfusionMatrix> matrices = ParsingEvaluation.confusions(model, dataset, batch, shifts);

        List<String> columns = new ArrayList<>(List.of(ParsingEvaluation.selectionName(model.scheme()), "AC"));
        model.scheme().classNames().forEach(c -> columns.add("F " + c));
        MetricTable.Builder table = MetricTable.builder()
                .setTitle("Prior correction of " + modelFile.getFileName() + " on " + dataset.size() + " faces of "
                        + dataset.listFile() + " (%)")
                .setColumns("exponent", columns).optDecimals(1);
        int best = 0;
        double bestF = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < exponents.length; j++) {
            ParsingMetrics metrics = ParsingMetrics.of(matrices.get(j));
            double f = ParsingEvaluation.selectionF(metrics);
            double[] row = new double[columns.size()];
            row[0] = 100 * f;
            row[1] = 100 * metrics.pixelAccuracy();
            for (int c = 0; c < model.scheme().numClasses(); c++) {
                row[2 + c] = 100 * metrics.f1(c);
            }
            table.addRow(String.format(Locale.ROOT, "%.2f", exponents[j]), row);
            if (f > bestF) {
                bestF = f;
                best = j;
            }
        }
        out.println(table.addNote("Logits shifted by -exponent * ln(class weight); 0 = the model as trained.")
                .build().toPlainText());
        out.printf(Locale.ROOT, "Best exponent %.2f (%s %.4f)%n", exponents[best],
                ParsingEvaluation.selectionName(model.scheme()), bestF);
        if (output != null) {
            ModelFile.save(PriorCorrection.apply(model.graph(), shifts.get(best)),
                    PriorCorrection.metadata(model.metadata(), exponents[best]), output);
            out.println("Wrote " + output);
        }
        return exponents[best];
    }
}
