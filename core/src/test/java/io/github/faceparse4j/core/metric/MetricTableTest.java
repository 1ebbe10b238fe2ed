package io.github.faceparse4j.core.metric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricTableTest {

    @Test
    void alignsColumnsAndPrintsMissingValues() {
        MetricTable table = MetricTable.builder()
                .setTitle("T")
                .setColumns("Name", List.of("a", "long column"))
                .addRow("x", 1.5, Double.NaN)
                .addRow("longer name", 100, 2)
                .optDecimals(1)
                .build();
        // label column 11 wide ("longer name"), "a" 5 wide ("100.0"), the other 11 wide; two spaces between
        assertEquals("T\n\n"
                + "Name             a  long column\n"
                + "-----------  -----  -----------\n"
                + "x              1.5          n/a\n"
                + "longer name  100.0          2.0\n", table.toPlainText());
    }

    @Test
    void escapesPipesInMarkdown() {
        MetricTable table = MetricTable.builder().setTitle("T").setColumns("M", List.of("v"))
                .addRow("a|b", 1).build();
        assertEquals("**T**\n\n| M | v |\n| :--- | ---: |\n| a\\|b | 1.0 |\n", table.toMarkdown());
    }

    @Test
    void rowsMustFitTheColumns() {
        MetricTable.Builder builder = MetricTable.builder().setTitle("T").setColumns("M", List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> builder.addRow("x", 1));
        assertThrows(IllegalStateException.class, () -> MetricTable.builder().setTitle("T").build());
    }
}
