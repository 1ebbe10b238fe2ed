package io.github.faceparse4j.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.testing.TestFixtures;
import io.github.faceparse4j.pipeline.ParserModel;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, with an untrained RNN-G of the paper's architecture as the RNNG_HELEN model (the
 * bundled weights are not needed): it tests the plumbing (files, sizes, messages, exit codes), not accuracy.
 */
class FaceParse4jCliTest {

    private static final Path PHOTO = TestFixtures.root().resolve("photos").resolve("grace_hopper_512x512.jpg");

    @TempDir
    static Path models;

    @BeforeAll
    static void writeStandInRnnG() throws IOException {
        RnnGNetwork rnnG = RnnGNetwork.builder().setNumClasses(LabelScheme.HELEN_11.numClasses()).optSeed(7).build();
        ModelFile.save(rnnG.init(), rnnG.metadata(LabelScheme.HELEN_11, Normalization.IMAGENET).build(),
                models.resolve(ParserModel.RNNG_HELEN.fileName()));
    }

    @Test
    void parseWritesAMapAndAnOverlayPerImageOfAFolderAndSkipsOtherFiles(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(PHOTO, in.resolve("hopper.jpg"));
        ImageIO.write(new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB), "png", in.resolve("blank.png").toFile());
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path out = tmp.resolve("out");

        Run run = run("parse", in.toString(), "--out", out.toString(), "--config", "rnng", "--models",
                models.toString(), "--json");

        assertEquals(0, run.code, run.toString());
        assertAll(
                () -> assertTrue(run.err.contains("Skipping " + in.resolve("notes.txt") + ": not an image"), run.err),
                () -> assertTrue(run.err.contains(in.resolve("blank.png") + ": no face found"), run.err),
                () -> assertTrue(run.err.contains("] 2/2 images"), run.err),
                () -> assertTrue(run.out.contains("Parsed 2 of 2 images (1 face)"), run.out),
                () -> assertMap(out.resolve("hopper.png"), 512, 512),
                () -> assertMap(out.resolve("blank.png"), 120, 90),
                () -> assertSize(out.resolve("hopper.overlay.png"), 512, 512),
                () -> assertSize(out.resolve("blank.overlay.png"), 120, 90),
                () -> assertTrue(Files.readString(out.resolve("hopper.json")).contains("\"faces\":[{"), "one face"),
                () -> assertTrue(Files.readString(out.resolve("blank.json")).contains("\"faces\":[]"), "no face"),
                () -> assertFalse(Files.exists(out.resolve("notes.png")), "no output for the text file"));
    }

    @Test
    void anUnreadableImageIsReportedAndTheOthersAreStillParsed(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("broken.jpg"), "not a JPEG");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), "png", in.resolve("face.png").toFile());
        Path out = tmp.resolve("out");

        Run run = run("parse", in.toString(), "--out", out.toString(), "--aligned", "--config", "rnng", "--models",
                models.toString());

        assertEquals(1, run.code, run.toString());
        assertTrue(run.err.lines().anyMatch(l -> l.startsWith("error: " + in.resolve("broken.jpg"))), run.err);
        assertMap(out.resolve("face.png"), 64, 48);
        assertTrue(run.out.contains("Parsed 1 of 2 images") && run.out.contains("1 failed"), run.out);
    }

    @Test
    void evaluatePrintsThePerPartTableBesideThePapersAndTheSpeed() {
        Run run = run("evaluate", "--data", TestFixtures.celebaMask24().toString(), "--list", "val.txt", "--limit",
                "2", "--config", "rnng", "--models", models.toString());

        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("Evaluated 2 images"), run.out);
        assertTrue(run.out.contains("RNN-G 2-stage (RNN-G paper)"), run.out);
        assertTrue(run.out.contains("FaceParse4J RNNG_ONE_STAGE, val.txt (2)"), run.out);
        assertTrue(run.out.contains("left_eye"), run.out);
        assertTrue(run.out.matches("(?s).*Speed: [\\d.]+ images/s.*"), run.out);

        Run mirrored = run("evaluate", "--data", TestFixtures.celebaMask24().toString(), "--list", "val.txt",
                "--limit", "2", "--config", "rnng", "--models", models.toString(), "--mirror");
        assertEquals(0, mirrored.code, mirrored.toString());
        assertTrue(mirrored.out.contains("FaceParse4J RNNG_ONE_STAGE mirror-averaged, val.txt (2)"), mirrored.out);
    }

    @Test
    void aWrongCommandLinePrintsTheUsageAndExitsWith2() {
        List<String[]> commandLines = List.of(
                new String[] {"frobnicate"},
                new String[] {"parse"},
                new String[] {"parse", "photo.jpg"},
                new String[] {"parse", "photo.jpg", "--out"},
                new String[] {"parse", "photo.jpg", "--out", "o", "--frobnicate"},
                new String[] {"parse", "photo.jpg", "--out", "o", "--config", "bogus"},
                new String[] {"parse", "photo.jpg", "--out", "o", "--json=yes"},
                new String[] {"evaluate", "--limit", "zero"},
                new String[] {"train"},
                new String[] {"train", "gpt"},
                new String[] {"stats", "a", "b"});
        for (String[] args : commandLines) {
            Run run = run(args);
            assertEquals(2, run.code, run.toString());
            assertTrue(run.err.contains("Usage: faceparse4j"), run.toString());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("parse", "evaluate", "train", "bench", "stats")) {
            Run run = run(command, "--help");
            assertEquals(0, run.code, run.toString());
            assertTrue(run.out.startsWith("Usage: faceparse4j " + command), run.out);
        }
        assertTrue(run("--help").out.contains("evaluate"));
    }

    @Test
    void withoutBundledWeightsTheDefaultRunSaysHowToGetThem() {
        assumeTrue(FaceParse4jCli.class.getResource("/io/github/faceparse4j/pipeline/models/"
                + ParserModel.RNNG_HELEN.fileName()) == null, "weights are bundled");

        Path sampleMap = ParseCommand.DEFAULT_OUT.resolve("grace_hopper_512x512.png");
        boolean leftOver = Files.exists(sampleMap);

        Run run = run();

        assertEquals(1, run.code, run.toString());
        assertTrue(run.err.contains("No bundled weights") && run.err.contains("--models DIR"), run.err);
        assertTrue(leftOver || !Files.exists(sampleMap), "nothing written");
    }

    private static void assertMap(Path file, int width, int height) throws IOException {
        BufferedImage map = ImageIO.read(file.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, map.getType(), file.toString());
        assertEquals(List.of(width, height), List.of(map.getWidth(), map.getHeight()), file.toString());
        Raster raster = map.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int id = raster.getSample(x, y, 0);
                if (id > 10) {
                    throw new AssertionError(file + ": id " + id + " at (" + x + ", " + y + ") is not HELEN-11");
                }
            }
        }
    }

    private static void assertSize(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(List.of(width, height), List.of(image.getWidth(), image.getHeight()), file.toString());
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FaceParse4jCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
