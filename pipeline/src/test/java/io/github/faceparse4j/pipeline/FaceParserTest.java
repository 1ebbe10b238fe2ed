package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelMetadata;
import io.github.faceparse4j.pipeline.testing.StandInModels;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser end to end with untrained stand-in networks ({@link StandInModels}): plumbing, geometry, batching,
 * modes and errors, not accuracy.
 */
class FaceParserTest {

    private static final int SKIN = 1;
    private static final String GRACE_HOPPER = "grace_hopper_512x512.jpg";

    @TempDir
    static Path shared;

    /** Seeded random stand-ins for every model. */
    private static Path randomModels;
    /** RNN-G that calls every pixel skin. */
    private static Path skinModels;
    /** The default configuration on {@link #randomModels}, with small batches. */
    private static FaceParser twoStage;

    @BeforeAll
    static void setUp() throws IOException {
        randomModels = StandInModels.writeRandom(Files.createDirectories(shared.resolve("random")), 11);
        skinModels = Files.createDirectories(shared.resolve("skin"));
        StandInModels.save(StandInModels.constant(ParserModel.RNNG_HELEN, SKIN), ParserModel.RNNG_HELEN, skinModels);
        twoStage = FaceParser.builder().optModelDirectory(randomModels).optBatchSize(3).build();
    }

    @AfterAll
    static void tearDown() {
        twoStage.close();
    }

    private static FaceParser skinParser(int maxImageSide) throws IOException {
        return FaceParser.builder().optConfiguration(ParserConfiguration.RNNG_ONE_STAGE)
                .optModelDirectory(skinModels).optMaxImageSide(maxImageSide).build();
    }

    /** Two fixture faces 600 px apart on a grey canvas. */
    private static BufferedImage twoFaces() {
        List<String> names = TestImages.celebaNames();
        BufferedImage canvas = TestImages.filled(1000, 400, 0x808080);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(TestImages.celebaFace(names.get(0)), 50, 70, null);
        g.drawImage(TestImages.celebaFace(names.get(1)), 650, 70, null);
        g.dispose();
        return canvas;
    }

    @Test
    void parsesAPhotoIntoAMapOfItsSizeWithBackgroundOutsideTheFace() {
        FaceParsing result = twoStage.parse(TestImages.photo(GRACE_HOPPER));
        assertEquals(512, result.width());
        assertEquals(512, result.height());
        assertEquals(1, result.faces().size());
        assertEquals(ParserConfiguration.TWO_STAGE, result.configuration());
        FaceBox box = result.faces().get(0);
        double side = 2.27 * box.width();
        double left = box.centreX() - side / 2;
        double top = box.centreY() - 0.229 * box.width() - side / 2;
        LabelMap labels = result.labelMap();
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                boolean outside = x + 0.5 < left - 1 || x + 0.5 > left + side + 1 || y + 0.5 < top - 1
                        || y + 0.5 > top + side + 1;
                if (outside) {
                    assertEquals(0, labels.get(x, y), "(" + x + "," + y + ") lies outside the face crop");
                }
            }
        }
        assertTrue(result.toJson().contains("\"mode\":\"detected\""));
    }

    @Test
    void twoFacesGiveTwoBoxesAndTwoPastedRegions() throws IOException {
        try (FaceParser parser = skinParser(1024)) {
            FaceParsing result = parser.parse(twoFaces());
            List<FaceBox> faces = result.faces();
            assertEquals(2, faces.size(), faces.toString());
            assertTrue(faces.get(0).centreX() < 500 && faces.get(1).centreX() > 500, faces.toString());
            LabelMap labels = result.labelMap();
            for (FaceBox face : faces) {
                assertEquals(SKIN, labels.get((int) face.centreX(), (int) face.centreY()));
            }
            assertEquals(0, labels.get(500, 200), "between the faces");
            assertEquals(0, labels.get(5, 395), "far corner");
            long skin = labels.classCounts()[SKIN];
            double expected = 0;
            for (FaceBox face : faces) {
                double side = 2.27 * face.width();
                expected += side * side; // both frames lie inside the image but for a little at the top
            }
            assertEquals(expected, skin, 0.15 * expected);
        }
    }

    @Test
    void anImageWithoutFacesGivesAnEmptyResult() {
        FaceParsing result = twoStage.parse(TestImages.filled(300, 200, 0x202020));
        assertEquals(List.of(), result.faces());
        assertEquals(LabelMap.filled(LabelScheme.HELEN_11, 300, 200, 0), result.labelMap());
        assertTrue(result.toJson().contains("\"faces\":[]"), result.toJson());
    }

    @Test
    void parseAllEqualsParseOneByOne() {
        List<BufferedImage> images = List.of(TestImages.photo(GRACE_HOPPER), twoFaces(),
                TestImages.filled(64, 64, 0), TestImages.photo("astronaut_face_320.jpg"));
        List<FaceParsing> batched = twoStage.parseAll(images);
        assertEquals(images.size(), batched.size());
        for (int i = 0; i < images.size(); i++) {
            FaceParsing single = twoStage.parse(images.get(i));
            assertEquals(single.faces(), batched.get(i).faces(), "image " + i);
            assertEquals(single.labelMap(), batched.get(i).labelMap(), "image " + i);
        }
        assertNotEquals(LabelMap.filled(LabelScheme.HELEN_11, 512, 512, 0), batched.get(0).labelMap());
    }

    @Test
    void parseIsSafeFromSeveralThreads() throws Exception {
        List<BufferedImage> images = List.of(TestImages.photo(GRACE_HOPPER), twoFaces(),
                TestImages.photo("astronaut_face_320.jpg"));
        List<LabelMap> serial = twoStage.parseAll(images).stream().map(FaceParsing::labelMap).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LabelMap>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (BufferedImage image : images) {
                    futures.add(pool.submit(() -> twoStage.parse(image).labelMap()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(serial.get(i % images.size()), futures.get(i).get(), "call " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void parsesGreyCmykAndSixteenBitImages() {
        BufferedImage rgb = TestImages.photo(GRACE_HOPPER);
        FaceParsing expected = twoStage.parse(rgb);
        // CMYK without black ink and 16-bit RGB hold the same colours: the same parsing.
        for (BufferedImage same : List.of(TestImages.cmyk(rgb), TestImages.rgb16(rgb))) {
            FaceParsing result = twoStage.parse(same);
            assertEquals(expected.faces(), result.faces(), "type " + same.getType());
            assertEquals(expected.labelMap(), result.labelMap(), "type " + same.getType());
        }
        for (BufferedImage grey : List.of(TestImages.grey(rgb), TestImages.grey16(rgb))) {
            FaceParsing result = twoStage.parse(grey);
            assertEquals(1, result.faces().size(), "type " + grey.getType());
            assertEquals(512, result.labelMap().width());
        }
    }

    @Test
    void parsesAHugeImageThroughAShrunkCopy() throws IOException {
        BufferedImage huge = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = huge.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(TestImages.photo(GRACE_HOPPER), 500, 300, 1536, 1536, null);
        g.dispose();
        try (FaceParser parser = skinParser(1024)) {
            FaceParsing result = parser.parse(huge);
            assertEquals(4000, result.width());
            assertEquals(3000, result.height());
            assertEquals(1, result.faces().size(), result.faces().toString());
            FaceBox face = result.faces().get(0);
            assertTrue(face.width() > 300, face.toString());
            assertEquals(SKIN, result.labelMap().get((int) face.centreX(), (int) face.centreY()));
            assertEquals(0, result.labelMap().get(3990, 2990));
        }
    }

    @Test
    void alignedModeTakesTheImageAsOneFace() throws IOException {
        try (FaceParser parser = FaceParser.builder().optModelDirectory(randomModels).optDetectFaces(false).build()) {
            BufferedImage face = TestImages.celebaFace(TestImages.celebaNames().get(0));
            FaceParsing result = parser.parse(face);
            assertEquals(List.of(new FaceBox(0, 0, 256, 256)), result.faces());
            assertEquals(256, result.labelMap().width());
            FaceParsing wide = parser.parse(TestImages.filled(300, 100, 0x405060));
            assertEquals(List.of(new FaceBox(0, 0, 300, 100)), wide.faces());
            assertTrue(wide.toJson().contains("\"mode\":\"aligned\""));
        }
    }

    @Test
    void wholeImageModeRunsRnnGOnTheShrunkImage() throws IOException {
        try (FaceParser parser = FaceParser.builder().optModelDirectory(skinModels).optWholeImage(true)
                .optMaxImageSide(64).build()) {
            FaceParsing result = parser.parse(TestImages.filled(300, 200, 0x405060));
            assertEquals(List.of(), result.faces());
            assertEquals(LabelMap.filled(LabelScheme.HELEN_11, 300, 200, SKIN), result.labelMap());
            assertTrue(result.toJson().contains("\"mode\":\"whole-image\""));
        }
        assertThrows(IllegalStateException.class, () -> FaceParser.builder().optModelDirectory(randomModels)
                .optConfiguration(ParserConfiguration.ICNN_TWO_STAGE).optWholeImage(true).build());
        assertThrows(IllegalStateException.class, () -> FaceParser.builder().optModelDirectory(randomModels)
                .optWholeImage(true).optDetectFaces(false).build());
    }

    @Test
    void everyConfigurationParses() throws IOException {
        for (ParserConfiguration configuration : ParserConfiguration.values()) {
            try (FaceParser parser = FaceParser.builder().optModelDirectory(randomModels)
                    .optConfiguration(configuration).build()) {
                FaceParsing result = parser.parse(TestImages.photo(GRACE_HOPPER));
                assertEquals(1, result.faces().size(), configuration.name());
                assertEquals(configuration, result.configuration());
            }
        }
    }

    @Test
    void refusesNullImagesAndCallsAfterClose() throws IOException {
        assertThrows(NullPointerException.class, () -> twoStage.parse(null));
        List<BufferedImage> withNull = new ArrayList<>();
        withNull.add(TestImages.filled(8, 8, 0));
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> twoStage.parseAll(withNull));
        assertTrue(e.getMessage().contains("images[1]"), e.getMessage());
        assertEquals(List.of(), twoStage.parseAll(List.of()));

        FaceParser parser = skinParser(256);
        parser.close();
        parser.close();
        assertThrows(IllegalStateException.class, () -> parser.parse(TestImages.filled(8, 8, 0)));
    }

    @Test
    void namesTheFileOfAModelThatDoesNotFit(@TempDir Path dir) throws IOException {
        ParserModel role = ParserModel.RNNG_HELEN;
        ModelMetadata right = StandInModels.metadata(role);
        assertRejected(dir, "kind", ModelMetadata.builder().setKind("icnn-localizer")
                .setLabelScheme(LabelScheme.HELEN_11).setInputSize(128, 128).setNormalization(right.normalization())
                .build(), role.numClasses());
        assertRejected(dir, "input size", ModelMetadata.builder().setKind(role.kind())
                .setLabelScheme(LabelScheme.HELEN_11).setInputSize(64, 64).setNormalization(right.normalization())
                .build(), role.numClasses());
        assertRejected(dir, "label scheme", ModelMetadata.builder().setKind(role.kind())
                .setLabelScheme(LabelScheme.SKIN_HAIR_BG_3).setInputSize(128, 128)
                .setNormalization(right.normalization()).build(), role.numClasses());
        assertRejected(dir, "[1, 11, 128, 128]", right, 3);
    }

    private static void assertRejected(Path dir, String problem, ModelMetadata metadata, int numClasses)
            throws IOException {
        Path file = dir.resolve(problem.replaceAll("\\W", "") + ".model.zip");
        ModelFile.save(StandInModels.graph(numClasses, 1), metadata, file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceParser.builder()
                .optConfiguration(ParserConfiguration.RNNG_ONE_STAGE).optModel(ParserModel.RNNG_HELEN, file).build());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void namesTheMissingFileOfAModelDirectory(@TempDir Path empty) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> FaceParser.builder().optModelDirectory(empty).build());
        assertTrue(e.getMessage().contains(empty.resolve(ParserModel.RNNG_HELEN.fileName()).toString()),
                e.getMessage());
    }

    @Test
    void loadsBundledWeightsOrSaysHowToGetThem() throws IOException {
        // A bundle without the configuration's files says how to supply weights.
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> FaceParser.builder().optConfiguration(ParserConfiguration.ICNN_TWO_STAGE)
                        .optBundledModels("/io/github/faceparse4j/pipeline/standin-models/").build());
        assertTrue(e.getMessage().contains("No bundled weights for configuration ICNN_TWO_STAGE")
                && e.getMessage().contains("optModelDirectory"), e.getMessage());
        // Every configuration runs on the shipped weights, checksums checked, and finds the parts of a real face.
        for (ParserConfiguration configuration : ParserConfiguration.values()) {
            try (FaceParser parser = FaceParser.builder().optConfiguration(configuration).build()) {
                FaceParsing parsing = parser.parse(TestImages.photo(GRACE_HOPPER));
                assertEquals(1, parsing.faces().size(), configuration.toString());
                long[] counts = parsing.labelMap().classCounts();
                // The one-stage RNN-G works at 128² and can lose a brow behind glasses; the part networks do not.
                String[] parts = configuration == ParserConfiguration.RNNG_ONE_STAGE
                        ? new String[] {"nose", "upper_lip", "lower_lip"}
                        : new String[] {"nose", "upper_lip", "lower_lip", "left_brow", "right_brow"};
                for (String part : parts) {
                    assertTrue(counts[LabelScheme.HELEN_11.idOf(part)] > 0, configuration + ": " + part);
                }
                if (configuration != ParserConfiguration.ICNN_TWO_STAGE) {
                    assertTrue(counts[LabelScheme.HELEN_11.idOf("skin")] > 0, configuration + ": skin");
                    assertTrue(counts[LabelScheme.HELEN_11.idOf("hair")] > 0, configuration + ": hair");
                }
            }
        }
        try (FaceParser parser = FaceParser.builder().optConfiguration(ParserConfiguration.RNNG_ONE_STAGE)
                .optBundledModels("/io/github/faceparse4j/pipeline/standin-models/").build()) {
            assertEquals(1, parser.parse(TestImages.photo(GRACE_HOPPER)).faces().size());
        }
    }

    @Test
    void rejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> FaceParser.builder().optBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> FaceParser.builder().optMaxImageSide(63));
        assertThrows(NullPointerException.class, () -> FaceParser.builder().optConfiguration(null));
        assertThrows(NullPointerException.class, () -> FaceParser.builder().optModel(ParserModel.ICNN_EYE, null));
    }
}
