package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 4 x 3 parsing with two faces: background, skin, hair and a left eye. */
    private static FaceParsing sample() {
        LabelMap labels = LabelMap.of(LabelScheme.HELEN_11, 4, 3, new byte[] {
            0, 0, 1, 1,
            1, 4, 1, 10,
            10, 10, 10, 0});
        return new FaceParsing(TestImages.filled(4, 3, 0x808080), labels,
                List.of(new FaceBox(0, 0, 2, 2), new FaceBox(2, 1, 2, 2)), ParserConfiguration.TWO_STAGE, "detected");
    }

    @Test
    void writesTheGoldenJson() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("parsing-golden.json")) {
            golden = JSON.readTree(in);
        }
        String json = sample().toJson(true);
        assertFalse(json.contains("\n"), "one line");
        assertEquals(golden, JSON.readTree(json));
        JsonNode summary = JSON.readTree(sample().toJson());
        assertFalse(summary.has("labelMap"));
        assertEquals(golden.get("classes"), summary.get("classes"));
    }

    @Test
    void runLengthsDecodeToTheMap() throws IOException {
        FaceParsing parsing = sample();
        JsonNode runs = JSON.readTree(parsing.toJson(true)).get("labelMap").get("runs");
        byte[] decoded = new byte[parsing.width() * parsing.height()];
        int at = 0;
        for (int i = 0; i < runs.size(); i += 2) {
            for (int k = 0; k < runs.get(i + 1).asInt(); k++) {
                decoded[at++] = (byte) runs.get(i).asInt();
            }
        }
        assertEquals(decoded.length, at);
        assertEquals(parsing.labelMap(), LabelMap.of(LabelScheme.HELEN_11, 4, 3, decoded));
    }

    @Test
    void masksAreOneBitImagesOfOneClass() {
        FaceParsing parsing = sample();
        BufferedImage hair = parsing.mask("hair");
        assertEquals(BufferedImage.TYPE_BYTE_BINARY, hair.getType());
        assertEquals(4, hair.getWidth());
        assertEquals(3, hair.getHeight());
        int set = 0;
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int sample = hair.getRaster().getSample(x, y, 0);
                assertEquals(parsing.labelMap().get(x, y) == 10 ? 1 : 0, sample, "(" + x + "," + y + ")");
                set += sample;
            }
        }
        assertEquals(4, set);
        assertEquals(1, parsing.mask(4).getRaster().getSample(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> parsing.mask(11));
        assertThrows(IllegalArgumentException.class, () -> parsing.mask("ears"));
    }

    @Test
    void overlaysLabelsOnTheImage() {
        BufferedImage overlay = sample().overlay();
        assertEquals(BufferedImage.TYPE_INT_RGB, overlay.getType());
        assertEquals(0x808080, overlay.getRGB(0, 0) & 0xFFFFFF, "background is left untouched");
        assertTrue((overlay.getRGB(0, 2) & 0xFF) > 0x80, "hair is painted blue");
    }

    @Test
    void rejectsAMapOfAnotherSizeOrScheme() {
        BufferedImage image = TestImages.filled(4, 3, 0);
        assertThrows(IllegalArgumentException.class, () -> new FaceParsing(image,
                LabelMap.filled(LabelScheme.HELEN_11, 3, 3, 0), List.of(), ParserConfiguration.TWO_STAGE, "detected"));
        assertThrows(IllegalArgumentException.class, () -> new FaceParsing(image,
                LabelMap.filled(LabelScheme.SKIN_HAIR_BG_3, 4, 3, 0), List.of(), ParserConfiguration.TWO_STAGE,
                "detected"));
    }
}
