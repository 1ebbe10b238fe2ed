package io.github.faceparse4j.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A titled table of scores, one labelled row per method or class and one column per score, printable as aligned
 * plain text (for logs and terminals) and as GitHub Markdown (for the README). Missing values ({@code NaN}) print as
 * {@code n/a}. Numbers are printed as given, with a fixed number of decimals, in {@link Locale#ROOT}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetricTable {

    /** What a missing value prints as. */
    private static final String MISSING = "n/a";

    /** Printed above the table. */
    private final String title;
    /** Header of the first, text column (e.g. "Method" or "Class"). */
    private final String labelHeader;
    /** Headers of the numeric columns. */
    private final List<String> columns;
    /** Rows in display order. */
    private final List<Row> rows;
    /** Printed below the table, one bullet each. */
    private final List<String> notes;
    /** Digits after the decimal point. */
    private final int decimals;

    /**
     * One row of the table.
     *
     * @param label  text in the first column
     * @param values one value per numeric column; {@code NaN} where not available
     */
    public record Row(String label, List<Double> values) {
        public Row {
            Objects.requireNonNull(label, "label");
            values = List.copyOf(values);
        }
    }

    private MetricTable(Builder builder) {
        this.title = builder.title;
        this.labelHeader = builder.labelHeader;
        this.columns = List.copyOf(builder.columns);
        this.rows = List.copyOf(builder.rows);
        this.notes = List.copyOf(builder.notes);
        this.decimals = builder.decimals;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> notes() {
        return notes;
    }

    /** The table as aligned plain text: title, header, rule, rows, then the notes. Ends with a newline. */
    public String toPlainText() {
        List<String[]> cells = cells();
        int[] widths = new int[columns.size() + 1];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder(title).append("\n\n");
        for (int r = 0; r < cells.size(); r++) {
            appendAligned(out, cells.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int c = 0; c < widths.length; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                appendAligned(out, rule, widths);
            }
        }
        appendNotes(out);
        return out.toString();
    }

    /** The table as GitHub Markdown: bold title, a pipe table with right-aligned numbers, then the notes. */
    public String toMarkdown() {
        List<String[]> cells = cells();
        StringBuilder out = new StringBuilder("**").append(title).append("**\n\n");
        for (int r = 0; r < cells.size(); r++) {
            out.append('|');
            for (String cell : cells.get(r)) {
                out.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append("| :--- |").append(" ---: |".repeat(columns.size())).append('\n');
            }
        }
        appendNotes(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return toPlainText();
    }

    /** Header line then one line per row, all as text. */
    private List<String[]> cells() {
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns.size() + 1];
        header[0] = labelHeader;
        for (int c = 0; c < columns.size(); c++) {
            header[c + 1] = columns.get(c);
        }
        lines.add(header);
        for (Row row : rows) {
            String[] line = new String[columns.size() + 1];
            line[0] = row.label();
            for (int c = 0; c < columns.size(); c++) {
                double v = row.values().get(c);
                line[c + 1] = Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%." + decimals + "f", v);
            }
            lines.add(line);
        }
        return lines;
    }

    /** First column left-aligned, numbers right-aligned, two spaces apart, no trailing blanks. */
    private static void appendAligned(StringBuilder out, String[] line, int[] widths) {
        StringBuilder text = new StringBuilder();
        text.append(line[0]).append(" ".repeat(widths[0] - line[0].length()));
        for (int c = 1; c < line.length; c++) {
            text.append("  ").append(" ".repeat(widths[c] - line[c].length())).append(line[c]);
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }

    private void appendNotes(StringBuilder out) {
        if (notes.isEmpty()) {
            return;
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
    }

    /** Collects the title, columns, rows and notes; {@code setTitle} and {@code setColumns} are required. */
    public static final class Builder {
        private String title;
        private String labelHeader;
        private List<String> columns;
        private final List<Row> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int decimals = 1;

        private Builder() {
        }

        public Builder setTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Sets the header of the label column and of the numeric columns. */
        public Builder setColumns(String labelHeader, List<String> columns) {
            this.labelHeader = Objects.requireNonNull(labelHeader, "labelHeader");
            this.columns = List.copyOf(columns);
            return this;
        }

        /**
         * Appends a row; call after {@link #setColumns}.
         *
         * @throws IllegalArgumentException if the number of values differs from the number of columns
         */
        public Builder addRow(String label, double... values) {
            if (columns == null) {
                throw new IllegalStateException("setColumns must come before addRow");
            }
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("Row '" + label + "' has " + values.length + " values for "
                        + columns.size() + " columns " + columns);
            }
            rows.add(new Row(label, Arrays.stream(values).boxed().toList()));
            return this;
        }

        /** Appends a note printed under the table. */
        public Builder addNote(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /** Digits after the decimal point, 1 by default. */
        public Builder optDecimals(int decimals) {
            if (decimals < 0 || decimals > 6) {
                throw new IllegalArgumentException("decimals must be 0..6, got " + decimals);
            }
            this.decimals = decimals;
            return this;
        }

        /** @throws IllegalStateException if the title or the columns are not set */
        public MetricTable build() {
            if (title == null || columns == null) {
                throw new IllegalStateException("MetricTable needs setTitle and setColumns");
            }
            return new MetricTable(this);
        }
    }
}
