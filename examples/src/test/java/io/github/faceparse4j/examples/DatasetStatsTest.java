package io.github.faceparse4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.testing.TestFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DatasetStatsTest {

    @Test
    void printsElevenHelenClassesSummingToAHundredPercent() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DatasetStats.print(TestFixtures.celebaMask24(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("train.txt: not present, skipped"), report);
        assertTrue(report.contains("val.txt: 24 images, 1572864 pixels"), report);
        Matcher row = Pattern.compile("(?m)^  (\\d+)\\s+(\\w+)\\s+([\\d.]+)$").matcher(report);
        double sum = 0;
        int rows = 0;
        while (row.find()) {
            sum += Double.parseDouble(row.group(3));
            rows++;
        }
        assertEquals(11, rows, report);
        assertEquals(100.0, sum, 0.01, report);
        assertTrue(report.contains("left_eye") && report.contains("inner_mouth"), report);
    }
}
