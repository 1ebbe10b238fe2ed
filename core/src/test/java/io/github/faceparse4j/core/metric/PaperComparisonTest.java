package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelScheme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printed tables are compared with golden files in {@code src/test/resources}; on a mismatch the actual text is
 * written to {@code target/golden-actual/} for review.
 */
class PaperComparisonTest {

    private static MetricTable helenTable() {
        ConfusionMatrix matrix = new ConfusionMatrix(LabelScheme.HELEN_11);
        matrix.add(ParsingMetricsTest.HELEN_TRUTH, ParsingMetricsTest.HELEN_PREDICTION);
        return PaperComparison.helen()
                .addResult("FaceParse4J, 16-pixel test map", ParsingMetrics.of(matrix))
                .addNote("Measured on a hand-made 4x4 map.")
                .build();
    }

    private static MetricTable lfwPlTable() {
        return PaperComparison.lfwPl()
                .addResult("FaceParse4J, 12-pixel test map", ParsingMetrics.of(
                        ConfusionMatrix.of(LabelScheme.SKIN_HAIR_BG_3, ConfusionMatrixTest.EXPECTED)))
                .build();
    }

    @Test
    void helenTableMatchesGoldenText() throws IOException {
        assertGolden("helen-comparison.txt", helenTable().toPlainText());
    }

    @Test
    void helenTableMatchesGoldenMarkdown() throws IOException {
        assertGolden("helen-comparison.md", helenTable().toMarkdown());
    }

    @Test
    void lfwPlTableMatchesGoldenText() throws IOException {
        assertGolden("lfw-pl-comparison.txt", lfwPlTable().toPlainText());
    }

    @Test
    void lfwPlTableMatchesGoldenMarkdown() throws IOException {
        assertGolden("lfw-pl-comparison.md", lfwPlTable().toMarkdown());
    }

    @Test
    void ourRowHoldsTheHandComputedScoresInPercent() {
        MetricTable.Row ours = helenTable().rows().get(3);
        // eyes 1, brows 6/7, nose 2/3, in mouth 2/3, U-lip 2/3, L-lip 0, mouth 6/7, skin 2/3, overall 16/25
        double[] expected = {100, 600.0 / 7, 200.0 / 3, 200.0 / 3, 200.0 / 3, 0, 600.0 / 7, 200.0 / 3, 64};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ours.values().get(i), 1e-9, helenTable().columns().get(i));
        }
    }

    @Test
    void paperFiguresAreThePublishedOnes() {
        MetricTable lfw = lfwPlTable();
        assertEquals("RNN-G (RNN-G paper)", lfw.rows().get(2).label());
        assertEquals(97.55, lfw.rows().get(2).values().get(0));
        assertEquals(95.46, lfw.rows().get(2).values().get(3));
        MetricTable helen = helenTable();
        assertEquals(88.6, helen.rows().get(1).values().get(8));
        assertTrue(Double.isNaN(helen.rows().get(2).values().get(7)), "iCNN reports no skin F");
    }

    @Test
    void resultsInTheWrongSchemeAreRejected() {
        ParsingMetrics helen = ParsingMetrics.of(new ConfusionMatrix(LabelScheme.HELEN_11));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaperComparison.lfwPl().addResult("x", helen));
        assertTrue(e.getMessage().contains("skin-hair-bg-3"), e.getMessage());
        ParsingMetrics celeba = ParsingMetrics.of(new ConfusionMatrix(LabelScheme.CELEBAMASK_19));
        assertThrows(IllegalArgumentException.class, () -> PaperComparison.helen().addResult("x", celeba));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        String expected = null;
        try (InputStream in = PaperComparisonTest.class.getResourceAsStream(name)) {
            if (in != null) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (!actual.equals(expected)) {
            Path out = Paths.get("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual, StandardCharsets.UTF_8);
        }
        assertNotNull(expected, "golden file " + name + " is missing; actual written to target/golden-actual");
        assertEquals(expected, actual,
                "printed table differs from golden " + name + "; actual written to target/golden-actual");
    }
}
