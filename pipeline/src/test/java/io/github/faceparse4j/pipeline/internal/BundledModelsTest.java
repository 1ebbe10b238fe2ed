package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelFileException;
import io.github.faceparse4j.pipeline.ParserModel;
import io.github.faceparse4j.pipeline.testing.StandInModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading weights from the class path, with the committed stand-in bundle in
 * {@code src/test/resources/.../standin-models/} (an untrained RNN-G of the right shape and its SHA256SUMS).
 */
class BundledModelsTest {

    static final String STAND_IN_ROOT = "/io/github/faceparse4j/pipeline/standin-models/";
    private static final String BAD_CHECKSUM_ROOT = "/io/github/faceparse4j/pipeline/standin-models-bad-checksum/";

    @Test
    void loadsAStandInAfterCheckingItsChecksum() throws IOException {
        BundledModels bundled = new BundledModels(STAND_IN_ROOT);
        assertTrue(bundled.contains(ParserModel.RNNG_HELEN));
        ModelFile model = bundled.load(ParserModel.RNNG_HELEN);
        assertEquals(ParserModel.RNNG_HELEN.kind(), model.metadata().kind());
        assertTrue(model.source().contains(STAND_IN_ROOT + ParserModel.RNNG_HELEN.fileName()), model.source());
    }

    @Test
    void refusesAFileWhoseChecksumDiffersFromTheManifest() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new BundledModels(BAD_CHECKSUM_ROOT).load(ParserModel.RNNG_HELEN));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(ParserModel.RNNG_HELEN.fileName()),
                e.getMessage());
    }

    @Test
    void refusesAFileMissingFromTheManifest() {
        // The bad-checksum folder lists only the RNN-G file; its localiser file is there but unlisted.
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new BundledModels(BAD_CHECKSUM_ROOT).load(ParserModel.ICNN_LOCALIZER));
        assertTrue(e.getMessage().contains("has no line in"), e.getMessage());
    }

    @Test
    void reportsAMissingModel() {
        BundledModels bundled = new BundledModels(STAND_IN_ROOT);
        assertFalse(bundled.contains(ParserModel.ICNN_MOUTH));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> bundled.load(ParserModel.ICNN_MOUTH));
        assertTrue(e.getMessage().contains(ParserModel.ICNN_MOUTH.fileName()), e.getMessage());
    }

    @Test
    void rejectsARelativeFolder() {
        assertThrows(IllegalArgumentException.class, () -> new BundledModels("models/"));
        assertThrows(IllegalArgumentException.class, () -> new BundledModels("/models"));
    }

    /**
     * Rewrites the committed stand-in bundles: {@code mvn -pl pipeline test -Dtest=BundledModelsTest
     * -Dfaceparse4j.writeStandIns=pipeline/src/test/resources/io/github/faceparse4j/pipeline} from the project root.
     */
    @Test
    @EnabledIfSystemProperty(named = "faceparse4j.writeStandIns", matches = ".+")
    void writeStandInBundles() throws IOException {
        Path root = Paths.get(System.getProperty("faceparse4j.writeStandIns")).toAbsolutePath();
        Path good = Files.createDirectories(root.resolve("standin-models"));
        Path file = StandInModels.save(StandInModels.random(ParserModel.RNNG_HELEN, 7), ParserModel.RNNG_HELEN, good);
        String sum = BundledModels.sha256(Files.readAllBytes(file));
        Files.writeString(good.resolve(BundledModels.MANIFEST), sum + "  " + file.getFileName() + "\n",
                StandardCharsets.UTF_8);

        Path bad = Files.createDirectories(root.resolve("standin-models-bad-checksum"));
        Files.copy(file, bad.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StandInModels.save(StandInModels.random(ParserModel.ICNN_LOCALIZER, 8), ParserModel.ICNN_LOCALIZER, bad);
        Files.writeString(bad.resolve(BundledModels.MANIFEST), "0".repeat(64) + "  " + file.getFileName() + "\n",
                StandardCharsets.UTF_8);
    }
}
