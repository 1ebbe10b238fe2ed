package io.github.faceparse4j.core.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every built-in mapping, class by class, against tables transcribed from the shared dataset README. */
class LabelMappingTest {

    /** One row of a golden table: source id and name, target id and name. */
    private record Row(int sourceId, String sourceName, int targetId, String targetName) {
    }

    private static List<Row> golden(String resource) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = LabelMappingTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "missing golden file " + resource);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split(",");
                rows.add(new Row(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), f[3]));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "celebamask-to-helen.csv, celebamask-19, helen-11",
        "celebamask-to-skin-hair-bg.csv, celebamask-19, skin-hair-bg-3",
        "helen-to-skin-hair-bg.csv, helen-11, skin-hair-bg-3"})
    void mapsEveryClassAsTheReadmeSays(String table, String source, String target) throws IOException {
        LabelScheme from = LabelScheme.byName(source);
        LabelScheme to = LabelScheme.byName(target);
        LabelMapping mapping = LabelMapping.between(from, to);
        List<Row> rows = golden(table);
        assertEquals(from.numClasses(), rows.size(), "the table covers every source class");
        byte[] sourceIds = new byte[rows.size()];
        for (Row row : rows) {
            assertEquals(row.sourceName(), from.className(row.sourceId()), "source class " + row.sourceId());
            assertEquals(row.targetName(), to.className(row.targetId()), "target class " + row.targetId());
            assertEquals(row.targetId(), mapping.map(row.sourceId()),
                    row.sourceName() + " (" + row.sourceId() + ") should map to " + row.targetName());
            sourceIds[row.sourceId()] = (byte) row.sourceId();
        }
        // apply() on a map holding every source id agrees with map() pixel by pixel.
        LabelMap all = LabelMap.of(from, rows.size(), 1, sourceIds);
        LabelMap mapped = mapping.apply(all);
        assertSame(to, mapped.scheme());
        for (Row row : rows) {
            assertEquals(row.targetId(), mapped.get(row.sourceId(), 0));
        }
    }

    @Test
    void threeClassMappingIsTheCompositionThroughHelen() {
        for (int id = 0; id < LabelScheme.CELEBAMASK_19.numClasses(); id++) {
            int viaHelen = LabelMapping.HELEN_TO_SKIN_HAIR_BG.map(LabelMapping.CELEBAMASK_TO_HELEN.map(id));
            assertEquals(LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG.map(id), viaHelen,
                    LabelScheme.CELEBAMASK_19.className(id));
        }
    }

    @Test
    void mappingsKeepLeftAndRightApart() {
        // A mapping must commute with the mirror, or flipping before and after mapping would disagree.
        for (LabelMapping m : List.of(LabelMapping.CELEBAMASK_TO_HELEN, LabelMapping.CELEBAMASK_TO_SKIN_HAIR_BG,
                LabelMapping.HELEN_TO_SKIN_HAIR_BG)) {
            for (int id = 0; id < m.source().numClasses(); id++) {
                assertEquals(m.target().mirrorOf(m.map(id)), m.map(m.source().mirrorOf(id)),
                        m.source() + "->" + m.target() + " class " + m.source().className(id));
            }
        }
    }

    @Test
    void identityBetweenEqualSchemes() {
        LabelMapping identity = LabelMapping.between(LabelScheme.HELEN_11, LabelScheme.HELEN_11);
        for (int id = 0; id < LabelScheme.HELEN_11.numClasses(); id++) {
            assertEquals(id, identity.map(id));
        }
    }

    @Test
    void rejectsMissingMappingsWrongSchemesAndBadIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelMapping.between(LabelScheme.HELEN_11, LabelScheme.CELEBAMASK_19));
        assertTrue(e.getMessage().contains("helen-11") && e.getMessage().contains("celebamask-19"), e.getMessage());
        LabelMap helenMap = LabelMap.filled(LabelScheme.HELEN_11, 2, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> LabelMapping.CELEBAMASK_TO_HELEN.apply(helenMap));
        e = assertThrows(IllegalArgumentException.class, () -> LabelMapping.CELEBAMASK_TO_HELEN.map(19));
        assertTrue(e.getMessage().contains("19"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelMapping.CELEBAMASK_TO_HELEN.map(-1));
    }
}
