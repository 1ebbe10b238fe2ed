package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelScheme;

import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Scores derived from a {@link ConfusionMatrix}: per-class precision, recall, F1 and IoU, grouped and "overall"
 * F-measures as the papers report them, pixel accuracy and mean IoU. All scores are fractions in {@code [0, 1]}.
 *
 * <p>Definitions, with {@code TP}, {@code FP}, {@code FN} counted in pixels for a class {@code c}
 * ({@code TP = C[c][c]}, {@code FP} = pixels predicted {@code c} whose truth is another class, {@code FN} = pixels
 * of true class {@code c} predicted as another class):
 * <ul>
 *   <li>precision {@code TP/(TP+FP)}, recall {@code TP/(TP+FN)}, F1 {@code 2TP/(2TP+FP+FN)} and IoU
 *       {@code TP/(TP+FP+FN)}; a ratio whose denominator is zero is {@code NaN}. In particular a class absent from
 *       both truth and prediction has F1 and IoU {@code NaN}, and such classes are left out of
 *       {@link #meanF1()} and {@link #meanIoU()}. A class that is only in the prediction (or only in the truth) has
 *       F1 0 and counts in the means.</li>
 *   <li>{@link #unionF1(ClassGroup)}: F1 of the group's classes merged into one class, so confusing a left eye
 *       with a right eye costs nothing; the papers' "eyes", "brows" and "mouth" columns.</li>
 *   <li>{@link #microF1(ClassGroup)}: F1 from {@code TP}, {@code FP}, {@code FN} summed over the group's classes
 *       (each class kept separate, so a left-brow pixel predicted right-brow is a FP of the right brow and a FN of
 *       the left brow); {@link #overallF()} is this over {@link ClassGroup#FACIAL_COMPONENTS}, the papers'
 *       "overall".</li>
 * </ul>
 *
 * <p>An instance is an immutable snapshot of the matrix at {@link #of} time, and thread-safe.
 */
public final class ParsingMetrics {

    /** Scheme of the matrix. */
    private final LabelScheme scheme;
    /** Snapshot of the counts, {@code [truth][prediction]}. */
    private final long[][] counts;
    /** Pixels per true class (row sums). */
    private final long[] truthTotals;
    /** Pixels per predicted class (column sums). */
    private final long[] predictedTotals;
    /** All pixels. */
    private final long total;

    private ParsingMetrics(LabelScheme scheme, long[][] counts) {
        this.scheme = scheme;
        this.counts = counts;
        int k = counts.length;
        this.truthTotals = new long[k];
        this.predictedTotals = new long[k];
        long sum = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                truthTotals[t] += counts[t][p];
                predictedTotals[p] += counts[t][p];
                sum += counts[t][p];
            }
        }
        this.total = sum;
    }

    /** Scores of the matrix's current counts; later additions to the matrix do not change them. */
    public static ParsingMetrics of(ConfusionMatrix matrix) {
        return new ParsingMetrics(matrix.scheme(), matrix.counts());
    }

    public LabelScheme scheme() {
        return scheme;
    }

    /** Number of pixels evaluated. */
    public long totalPixels() {
        return total;
    }

    /** {@code TP/(TP+FP)} of one class; {@code NaN} if nothing was predicted as it. */
    public double precision(int classId) {
        return classCounts(classId).precision();
    }

    /** {@code TP/(TP+FN)} of one class; {@code NaN} if the truth has none of it. */
    public double recall(int classId) {
        return classCounts(classId).recall();
    }

    /** F1 of one class; {@code NaN} if the class is absent from both truth and prediction. */
    public double f1(int classId) {
        return classCounts(classId).f1();
    }

    /** F1 of the class with this name, e.g. {@code "skin"}. */
    public double f1(String className) {
        return f1(scheme.idOf(className));
    }

    /** Intersection over union of one class; {@code NaN} if absent from both truth and prediction. */
    public double iou(int classId) {
        return classCounts(classId).iou();
    }

    /** Fraction of pixels whose predicted class is the true class; {@code NaN} for an empty matrix. */
    public double pixelAccuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Mean of {@link #iou(int)} over all classes of the scheme whose IoU is defined (background included). */
    public double meanIoU() {
        return meanOfDefined(this::iou);
    }

    /** Macro-average of {@link #f1(int)} over all classes whose F1 is defined (background included). */
    public double meanF1() {
        return meanOfDefined(this::f1);
    }

    /**
     * F1 of the group's classes merged into one: {@code TP} = pixels with truth and prediction both in the group.
     *
     * @throws IllegalArgumentException if the scheme lacks a class of the group
     */
    public double unionF1(ClassGroup group) {
        int[] ids = group.ids(scheme);
        boolean[] member = new boolean[counts.length];
        for (int id : ids) {
            member[id] = true;
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (member[t] && member[p]) {
                    tp += counts[t][p];
                } else if (member[p]) {
                    fp += counts[t][p];
                } else if (member[t]) {
                    fn += counts[t][p];
                }
            }
        }
        return new ErrorCounts(tp, fp, fn).f1();
    }

    /**
     * F1 from {@code TP}, {@code FP} and {@code FN} summed over the group's classes, each scored as its own class.
     *
     * @throws IllegalArgumentException if the scheme lacks a class of the group
     */
    public double microF1(ClassGroup group) {
        ErrorCounts sum = new ErrorCounts(0, 0, 0);
        for (int id : group.ids(scheme)) {
            sum = sum.plus(classCounts(id));
        }
        return sum.f1();
    }

    /**
     * The papers' "overall" F-measure: {@link #microF1} over {@link ClassGroup#FACIAL_COMPONENTS} (brows, eyes,
     * nose, upper lip, inner mouth, lower lip).
     *
     * @throws IllegalArgumentException if the scheme has no facial components (e.g. skin/hair/background-3)
     */
    public double overallF() {
        return microF1(ClassGroup.FACIAL_COMPONENTS);
    }

    /**
     * Per-class precision, recall, F1 and IoU plus the pixel counts, in percent, followed by a row of means; for
     * logs.
     */
    public MetricTable perClassTable() {
        MetricTable.Builder table = MetricTable.builder()
                .setTitle("Per-class scores (%), " + scheme + ", " + total + " pixels")
                .setColumns("Class", List.of("precision", "recall", "F1", "IoU", "truth px %", "predicted px %"));
        for (int c = 0; c < counts.length; c++) {
            table.addRow(scheme.className(c), 100 * precision(c), 100 * recall(c), 100 * f1(c), 100 * iou(c),
                    share(truthTotals[c]), share(predictedTotals[c]));
        }
        table.addRow("mean (defined classes)", Double.NaN, Double.NaN, 100 * meanF1(), 100 * meanIoU(), Double.NaN,
                Double.NaN);
        return table.addNote("pixel accuracy " + String.format(Locale.ROOT, "%.2f", 100 * pixelAccuracy())
                + " %").optDecimals(2).build();
    }

    private double meanOfDefined(IntToDoubleFunction score) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            double v = score.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private double share(long pixels) {
        return total == 0 ? Double.NaN : 100.0 * pixels / total;
    }

    private ErrorCounts classCounts(int classId) {
        scheme.checkId(classId);
        long tp = counts[classId][classId];
        return new ErrorCounts(tp, predictedTotals[classId] - tp, truthTotals[classId] - tp);
    }

    @Override
    public String toString() {
        return "ParsingMetrics[" + scheme + ", " + total + " pixels, accuracy " + pixelAccuracy() + ", mIoU "
                + meanIoU() + "]";
    }
}
