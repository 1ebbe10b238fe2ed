package io.github.faceparse4j.icnn.eval;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.metric.MetricTable;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.parse.PartLocalizer;
import io.github.faceparse4j.icnn.parse.PartParser;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.PartType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Scores trained iCNN models on a labelled list and prints the iCNN paper's Table 1 beside our rows
 * ({@link IcnnTable1}):
 * <ul>
 *   <li>stage 1 alone, at 64 x 64 (if {@code icnn-stage1.model.zip} is present);</li>
 *   <li>stage 2 on crops around the true part centres (if the four part models are present);</li>
 *   <li>both stages: stage 2 on crops around stage 1's centres, what a real parse sees (if all five are).</li>
 * </ul>
 * Command line:
 * <pre>
 *   IcnnEvaluator --data DIR --models DIR [--list val.txt] [--limit N] [--centres centroid|median] [--out FILE.md]
 * </pre>
 */
public final class IcnnEvaluator {

    private IcnnEvaluator() {
    }

    /** Runs the evaluation; see the class comment. */
    public static void main(String[] args) throws IOException {
        Path data = null;
        Path models = null;
        Path out = null;
        String list = "val.txt";
        int limit = 0;
        CentreMethod method = CentreMethod.CENTROID;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Paths.get(args[i + 1]);
                case "--models" -> models = Paths.get(args[i + 1]);
                case "--list" -> list = args[i + 1];
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--centres" -> method = CentreMethod.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--out" -> out = Paths.get(args[i + 1]);
                default -> usage("Unknown argument " + args[i]);
            }
        }
        if (data == null || models == null || args.length % 2 != 0) {
            usage("--data and --models are required");
        }
        FastPath.ensure();
        FaceDataset dataset = FaceDataset.open(data, list);
        if (limit > 0 && limit < dataset.size()) {
            dataset = dataset.subset(0, limit);
        }
        String what = data.getFileName() + " " + list + " (" + dataset.size() + " faces)";
        MetricTable table = evaluate(dataset, models, method, what);
        String markdown = table.toMarkdown();
        System.out.println(markdown);
        if (out != null) {
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
        }
    }

    /** The Table 1 comparison for whatever models {@code models} holds. */
    public static MetricTable evaluate(FaceDataset dataset, Path models, CentreMethod method, String what)
            throws IOException {
        IcnnTable1 table = IcnnTable1.titled("iCNN face parsing, F-measure, " + what);
        Path stage1File = models.resolve(IcnnModel.STAGE1.fileName());
        PartLocalizer localizer = Files.exists(stage1File)
                ? PartLocalizer.load(stage1File).withCentreMethod(method) : null;
        boolean haveParts = true;
        for (PartType type : PartType.values()) {
            haveParts &= Files.exists(models.resolve(IcnnModel.of(type).fileName()));
        }
        PartParser parser = haveParts ? PartParser.load(models) : null;
        if (localizer != null) {
            table.addResult("stage 1 alone, 64x64", ParsingMetrics.of(IcnnEvaluation.stage1(localizer, dataset)));
        }
        if (parser != null) {
            StringBuilder note = new StringBuilder("Background modulation (paper 4.2) of the part networks:");
            for (PartType type : PartType.values()) {
                note.append(' ').append(type.id()).append(' ').append(parser.network(type).modulation()).append(';');
            }
            table.addNote(note.substring(0, note.length() - 1) + ".");
            table.addResult("stage 2, true centres",
                    ParsingMetrics.of(IcnnEvaluation.twoStage(parser, null, dataset)));
        }
        if (localizer != null && parser != null) {
            table.addResult("stages 1+2 (stage-1 centres, " + method.name().toLowerCase(Locale.ROOT) + ")",
                    ParsingMetrics.of(IcnnEvaluation.twoStage(parser, localizer, dataset)));
        }
        return table.addNote("Our rows: skin and hair count as background; stage 1 is scored at 64x64 against the "
                + "truth resized with nearest neighbour, stage 2 at full size.").build();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: IcnnEvaluator --data DIR --models DIR [--list val.txt] [--limit N] "
                + "[--centres centroid|median] [--out FILE.md]");
        System.exit(2);
    }
}
