package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelScheme;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Tables that put the figures published by the two papers beside scores measured with FaceParse4J:
 * <ul>
 *   <li>{@link #lfwPl()}: skin/hair/background parsing, RNN-G paper Table 1 (LFW-PL): F-skin, F-hair, F-bg and
 *       pixel accuracy, in percent with two decimals as printed;</li>
 *   <li>{@link #helen()}: 11-class parsing, RNN-G paper Table 3 (HELEN) and iCNN paper Table 1 (HELEN, printed there
 *       as fractions; shown here in percent), in percent with one decimal.</li>
 * </ul>
 * Papers: S. Liu, J. Shi, J. Liang, M.-H. Yang, "Face Parsing via Recurrent Propagation" (RNN-G); Y. Zhou, X. Hu,
 * B. Zhang, "Interlinked Convolutional Neural Networks for Face Parsing" (iCNN).
 *
 * <p>Usage: {@code PaperComparison.helen().addResult("FaceParse4J 2-stage, CelebAMask val", metrics).build()
 * .toMarkdown()}. Stateless; each builder is for one thread.
 */
public final class PaperComparison {

    /** Columns of RNN-G Table 1. */
    private static final List<String> LFW_PL_COLUMNS = List.of("F-skin", "F-hair", "F-bg", "AC");
    /** Columns of RNN-G Table 3; the iCNN figures are placed by their own column names. */
    private static final List<String> HELEN_COLUMNS =
            List.of("eyes", "brows", "nose", "in mouth", "U-lip", "L-lip", "mouth", "skin", "overall");
    private static final double NA = Double.NaN;

    private static final String NOT_COMPARABLE = "Paper rows are measured on the papers' test sets; rows added by "
            + "FaceParse4J are measured on the data their label names, so the two are not directly comparable.";

    private PaperComparison() {
    }

    /**
     * The LFW-PL comparison (RNN-G paper, Table 1: CNN-S, RNN and RNN-G). Added results must be in
     * {@link LabelScheme#SKIN_HAIR_BG_3}.
     */
    public static Builder lfwPl() {
        MetricTable.Builder table = MetricTable.builder()
                .setTitle("Skin / hair / background parsing (%), LFW-PL figures from the RNN-G paper")
                .setColumns("Method", LFW_PL_COLUMNS)
                .optDecimals(2)
                // RNN-G paper, Table 1, columns F-skin, F-hair, F-bg, AC.
                .addRow("CNN-S (RNN-G paper)", 90.47, 76.09, 95.42, 92.44)
                .addRow("RNN (RNN-G paper)", 93.72, 81.21, 97.15, 94.85)
                .addRow("RNN-G (RNN-G paper)", 97.55, 83.43, 94.37, 95.46)
                .addNote("Paper rows: RNN-G paper, Table 1 (LFW-PL). CNN-S is the shallow CNN alone; RNN is the same "
                        + "CNN with a spatial RNN without the learned gate.")
                .addNote("F-x is the F1 of class x; AC is pixel accuracy.")
                .addNote(NOT_COMPARABLE);
        return new Builder(table, LabelScheme.SKIN_HAIR_BG_3, m -> new double[] {
                m.f1("skin"), m.f1("hair"), m.f1("background"), m.pixelAccuracy()});
    }

    /**
     * The HELEN comparison (RNN-G paper, Table 3: one- and two-stage; iCNN paper, Table 1: iCNNs). Added results
     * must be in {@link LabelScheme#HELEN_11}.
     */
    public static Builder helen() {
        MetricTable.Builder table = MetricTable.builder()
                .setTitle("11-class face parsing, F-measure (%), HELEN figures from the RNN-G and iCNN papers")
                .setColumns("Method", HELEN_COLUMNS)
                .optDecimals(1)
                // RNN-G paper, Table 3, columns eyes, brows, nose, in mouth, U-lip, L-lip, mouth, skin, overall.
                .addRow("RNN-G 1-stage (RNN-G paper)", 63.3, 53.7, 87.5, 65.7, 54.0, 72.6, 80.6, 91.1, 78.8)
                .addRow("RNN-G 2-stage (RNN-G paper)", 86.8, 77.0, 93.0, 79.2, 74.3, 81.7, 89.1, 92.1, 88.6)
                // iCNN paper, Table 1, row "iCNNs": Eyebrow 0.813, Eye 0.874, Nose 0.950, Upper lip 0.754,
                // In mouth 0.836, Lower lip 0.809, Mouth (all) 0.926, Face Skin n/a, Overall 0.873.
                .addRow("iCNN (iCNN paper)", 87.4, 81.3, 95.0, 83.6, 75.4, 80.9, 92.6, NA, 87.3)
                .addNote("Paper rows: RNN-G paper, Table 3; iCNN paper, Table 1 (fractions there, percent here; "
                        + "iCNN does not label face skin).")
                .addNote("eyes, brows and mouth are the F1 of the merged classes (mouth = upper lip + inner mouth + "
                        + "lower lip); overall is the F-measure from TP/FP/FN summed over brows, eyes, nose, upper "
                        + "lip, inner mouth and lower lip, each kept separate.")
                .addNote("The two papers disagree on column order: for Smith et al. the iCNN paper prints eyebrow "
                        + "0.785 / eye 0.722 and upper lip 0.713 / in mouth 0.651, where the RNN-G paper prints "
                        + "eyes 78.5 / brows 72.2 and in mouth 71.3 / U-lip 65.1. The iCNN row is placed by the "
                        + "iCNN paper's own column names.")
                .addNote(NOT_COMPARABLE);
        return new Builder(table, LabelScheme.HELEN_11, m -> new double[] {
                m.unionF1(ClassGroup.EYES), m.unionF1(ClassGroup.BROWS), m.f1("nose"), m.f1("inner_mouth"),
                m.f1("upper_lip"), m.f1("lower_lip"), m.unionF1(ClassGroup.MOUTH), m.f1("skin"), m.overallF()});
    }

    /** Adds measured rows below the paper rows; not thread-safe. */
    public static final class Builder {
        private final MetricTable.Builder table;
        private final LabelScheme requiredScheme;
        private final Function<ParsingMetrics, double[]> columnsOf;

        private Builder(MetricTable.Builder table, LabelScheme requiredScheme,
                Function<ParsingMetrics, double[]> columnsOf) {
            this.table = table;
            this.requiredScheme = requiredScheme;
            this.columnsOf = columnsOf;
        }

        /**
         * Appends a row of our scores, shown in percent.
         *
         * @param label   what was measured, e.g. {@code "FaceParse4J RNN-G, CelebAMask val (500)"}
         * @param metrics scores in the table's scheme
         * @throws IllegalArgumentException if {@code metrics} is in another scheme
         */
        public Builder addResult(String label, ParsingMetrics metrics) {
            Objects.requireNonNull(label, "label");
            if (!metrics.scheme().equals(requiredScheme)) {
                throw new IllegalArgumentException("This comparison needs scores in " + requiredScheme + ", got "
                        + metrics.scheme() + "; map truth and prediction with LabelMapping.between(..., "
                        + requiredScheme + ") before counting");
            }
            double[] values = columnsOf.apply(metrics);
            for (int i = 0; i < values.length; i++) {
                values[i] *= 100;
            }
            table.addRow(label, values);
            return this;
        }

        /** Appends a note, e.g. the evaluation set and resolution of the added rows. */
        public Builder addNote(String note) {
            table.addNote(note);
            return this;
        }

        public MetricTable build() {
            return table.build();
        }
    }
}
