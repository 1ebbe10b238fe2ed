package io.github.faceparse4j.icnn.eval;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.icnn.net.ClassMaps;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.parse.BackgroundModulation;
import io.github.faceparse4j.icnn.parse.PartNetwork;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a part network's {@link BackgroundModulation} {@code beta * B + beta0} on labelled faces (the paper fits it
 * on the validation set, section 4.2): the values that maximise the F-measure of the part's classes inside crops
 * around the true centres, both sides for brows and eyes.
 *
 * <p>The F-measure is piecewise constant in {@code (beta, beta0)}, so instead of the paper's L-BFGS-B this runs a
 * pattern search: from {@code (1, 0)}, move to the best of the four neighbours at the current step sizes while
 * that improves the score, otherwise halve the steps, down to 0.01 in {@code beta} and 0.02 in {@code beta0}.
 *
 * <p>Command line: {@code BackgroundModulationFit --data DIR --models DIR [--list val.txt] [--limit N] [--write]}
 * fits the four part models in {@code DIR}; with {@code --write} it stores each fit in its model file's training
 * info, where {@link PartNetwork#load} picks it up. Stateless.
 */
public final class BackgroundModulationFit {

    private static final double MIN_BETA = 0.05;

    private BackgroundModulationFit() {
    }

    /**
     * The outcome of a fit.
     *
     * @param modulation the fitted modulation
     * @param before the F-measure without modulation
     * @param after the F-measure with it
     */
    public record Result(BackgroundModulation modulation, double before, double after) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: F %.4f -> %.4f", modulation, before, after);
        }
    }

    /** Fits the modulation of {@code network} on the crops of every face of {@code data}. */
    public static Result fit(PartNetwork network, FaceDataset data) throws IOException {
        PartType type = network.type();
        List<float[]> logits = new ArrayList<>();
        List<byte[]> truths = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            FaceSample sample = data.load(i);
            LabelMap helen = LabelMapping.between(sample.labels().scheme(), LabelScheme.HELEN_11)
                    .apply(sample.labels());
            PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
            List<BufferedImage> views = new ArrayList<>(2);
            for (FacePart part : type.parts()) {
                PartCrop crop = PartCrop.around(part, centres.x(part), centres.y(part), helen.width(),
                        helen.height());
                views.add(crop.cropImage(sample.image()));
                truths.add(crop.cropLabels(helen));
            }
            logits.addAll(network.logits(views));
        }
        return fit(logits, truths, type.numLabels());
    }

    /**
     * Fits on precomputed scores: {@code logits.get(i)} is crop {@code i}'s {@code [k, H, W]} scores, {@code
     * truths.get(i)} its true part labels.
     */
    public static Result fit(List<float[]> logits, List<byte[]> truths, int k) {
        double beta = 1;
        double beta0 = 0;
        double before = score(logits, truths, k, BackgroundModulation.NONE);
        double best = before;
        double betaStep = 0.2;
        double offsetStep = 0.5;
        while (betaStep >= 0.01 || offsetStep >= 0.02) {
            double[][] moves = {{betaStep, 0}, {-betaStep, 0}, {0, offsetStep}, {0, -offsetStep}};
            double[] bestMove = null;
            for (double[] move : moves) {
                double b = beta + move[0];
                if (b < MIN_BETA) {
                    continue;
                }
                double s = score(logits, truths, k, new BackgroundModulation(b, beta0 + move[1]));
                if (s > best) {
                    best = s;
                    bestMove = move;
                }
            }
            if (bestMove != null) {
                beta += bestMove[0];
                beta0 += bestMove[1];
            } else {
                betaStep /= 2;
                offsetStep /= 2;
            }
        }
        return new Result(new BackgroundModulation(beta, beta0), before, best);
    }

    /** The F-measure of classes 1..k-1 together (TP, FP and FN summed over them) under a modulation. */
    static double score(List<float[]> logits, List<byte[]> truths, int k, BackgroundModulation modulation) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < logits.size(); i++) {
            byte[] truth = truths.get(i);
            int plane = truth.length;
            float[] scores = logits.get(i).clone();
            modulation.apply(scores, 0, plane);
            byte[] predicted = ClassMaps.argmax(scores, 0, k, plane);
            for (int p = 0; p < plane; p++) {
                int t = truth[p];
                int q = predicted[p];
                if (t == q) {
                    tp += t != 0 ? 1 : 0;
                } else {
                    fp += q != 0 ? 1 : 0;
                    fn += t != 0 ? 1 : 0;
                }
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Fits the four part models of a directory; see the class comment. */
    public static void main(String[] args) throws IOException {
        Path data = null;
        Path models = null;
        String list = "val.txt";
        int limit = 0;
        boolean write = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Paths.get(args[++i]);
                case "--models" -> models = Paths.get(args[++i]);
                case "--list" -> list = args[++i];
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--write" -> write = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; usage: "
                        + "BackgroundModulationFit --data DIR --models DIR [--list val.txt] [--limit N] [--write]");
            }
        }
        if (data == null || models == null) {
            throw new IllegalArgumentException("--data and --models are required");
        }
        FastPath.ensure();
        FaceDataset dataset = FaceDataset.open(data, list);
        if (limit > 0 && limit < dataset.size()) {
            dataset = dataset.subset(0, limit);
        }
        for (PartType type : PartType.values()) {
            Path file = models.resolve(IcnnModel.of(type).fileName());
            PartNetwork network = PartNetwork.load(type, file).withModulation(BackgroundModulation.NONE);
            Result result = fit(network, dataset);
            System.out.println(type.id() + ": " + result + " on " + dataset.size() + " faces of " + list);
            if (write) {
                store(file, type, result, list, dataset.size());
            }
        }
    }

    /** Rewrites a part model file with the fitted modulation in its training info. */
    static void store(Path file, PartType type, Result result, String list, int faces) throws IOException {
        ModelFile model = ModelFile.load(file, IcnnModel.of(type).expectations());
        ModelMetadata old = model.metadata();
        ModelMetadata.Builder b = ModelMetadata.builder()
                .setKind(old.kind())
                .setLabelScheme(old.labelScheme())
                .setInputSize(old.inputHeight(), old.inputWidth())
                .setNormalization(old.normalization())
                .optChannels(old.channels());
        for (Map.Entry<String, String> e : old.trainingInfo().entrySet()) {
            b.optTrainingInfo(e.getKey(), e.getValue());
        }
        b.optTrainingInfo(BackgroundModulation.BETA_KEY, Double.toString(result.modulation().beta()))
                .optTrainingInfo(BackgroundModulation.BETA0_KEY, Double.toString(result.modulation().beta0()))
                .optTrainingInfo("backgroundFit", String.format(Locale.ROOT, "F %.4f -> %.4f on %d faces of %s",
                        result.before(), result.after(), faces, list));
        ModelFile.save(model.computationGraph(), b.build(), file);
    }
}
