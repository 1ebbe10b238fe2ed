package io.github.faceparse4j.icnn.eval;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.metric.ClassGroup;
import io.github.faceparse4j.core.metric.MetricTable;
import io.github.faceparse4j.core.metric.ParsingMetrics;
import java.util.List;
import java.util.Objects;

/**
 * Scores in the columns of the iCNN paper's Table 1 (F-measure as fractions, HELEN test set), beside the paper's
 * own rows for Smith et al. [5] and iCNNs. The paper's "Face Skin" column is left out: iCNN does not label skin.
 *
 * <p>Eyebrow, Eye and Mouth (all) are the F-measures of the merged classes (left and right together; upper lip,
 * inner mouth and lower lip together); Overall is the F-measure from TP, FP and FN summed over the eight facial
 * component classes ({@link ParsingMetrics#overallF()}). Not thread-safe.
 */
public final class IcnnTable1 {

    /** The columns, in the paper's order. */
    public static final List<String> COLUMNS =
            List.of("Eyebrow", "Eye", "Nose", "Upper lip", "In mouth", "Lower lip", "Mouth (all)", "Overall");

    private final MetricTable.Builder table;

    private IcnnTable1(String title) {
        this.table = MetricTable.builder()
                .setTitle(title)
                .setColumns("Model", COLUMNS)
                .optDecimals(3)
                // iCNN paper, Table 1, rows [5] and iCNNs, without the Face Skin column.
                .addRow("Smith et al. [5] (paper, HELEN)", 0.785, 0.722, 0.922, 0.713, 0.651, 0.700, 0.857, 0.804)
                .addRow("iCNNs (paper, HELEN)", 0.813, 0.874, 0.950, 0.754, 0.836, 0.809, 0.926, 0.873)
                .addNote("Paper rows: iCNN paper (Zhou, Hu, Zhang), Table 1, measured on HELEN's 100 test faces; "
                        + "our rows are measured on the data named in their label, so the two are not directly "
                        + "comparable.");
    }

    /** A table with the paper's rows and the given title. */
    public static IcnnTable1 titled(String title) {
        return new IcnnTable1(Objects.requireNonNull(title, "title"));
    }

    /** The eight values of a row, fractions in the order of {@link #COLUMNS}. */
    public static double[] values(ParsingMetrics metrics) {
        if (!metrics.scheme().equals(LabelScheme.HELEN_11)) {
            throw new IllegalArgumentException("Table 1 needs HELEN-11 scores, got " + metrics.scheme());
        }
        return new double[] {metrics.unionF1(ClassGroup.BROWS), metrics.unionF1(ClassGroup.EYES),
            metrics.f1("nose"), metrics.f1("upper_lip"), metrics.f1("inner_mouth"), metrics.f1("lower_lip"),
            metrics.unionF1(ClassGroup.MOUTH), metrics.overallF()};
    }

    /** Appends a measured row. */
    public IcnnTable1 addResult(String label, ParsingMetrics metrics) {
        table.addRow(label, values(metrics));
        return this;
    }

    /** Appends a note under the table. */
    public IcnnTable1 addNote(String note) {
        table.addNote(note);
        return this;
    }

    public MetricTable build() {
        return table.build();
    }
}
