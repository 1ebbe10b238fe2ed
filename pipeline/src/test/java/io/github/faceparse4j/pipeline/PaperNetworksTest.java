package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.icnn.net.InterlinkedCnn;
import io.github.faceparse4j.pipeline.testing.StandInModels;
import io.github.faceparse4j.pipeline.testing.TestImages;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parser on untrained networks of the papers' architectures, saved and loaded as model files: RNN-G as in the
 * paper (with its gated recurrence layer), and interlinked CNNs with the paper's layer types but fewer scales and
 * maps, to keep the test fast on a shared CPU. It checks that the custom layers deserialise, that the shapes fit the
 * roles, and that RNN-G runs at other sizes in whole-image mode.
 */
class PaperNetworksTest {

    @TempDir
    static Path models;

    @BeforeAll
    static void writeModels() throws IOException {
        RnnGNetwork rnnG = RnnGNetwork.builder().setNumClasses(LabelScheme.HELEN_11.numClasses())
                .optVariant(Variant.RNN_G).optSeed(3).build();
        ModelFile.save(rnnG.init(), rnnG.metadata(LabelScheme.HELEN_11, StandInModels.NORMALIZATION).build(),
                models.resolve(ParserModel.RNNG_HELEN.fileName()));
        for (ParserModel role : ParserModel.values()) {
            if (role != ParserModel.RNNG_HELEN) {
                InterlinkedCnn icnn = InterlinkedCnn.builder().setNumLabels(role.numClasses()).optChannels(4, 8)
                        .optInterlinks(1).optSeed(5).build();
                ModelFile.save(icnn.createGraph(), StandInModels.metadata(role), models.resolve(role.fileName()));
            }
        }
    }

    @Test
    void everyConfigurationRunsOnThePapersArchitectures() throws IOException {
        for (ParserConfiguration configuration : ParserConfiguration.values()) {
            try (FaceParser parser = FaceParser.builder().optModelDirectory(models).optConfiguration(configuration)
                    .build()) {
                FaceParsing result = parser.parse(TestImages.photo("grace_hopper_512x512.jpg"));
                assertEquals(1, result.faces().size(), configuration.name());
                assertEquals(512, result.labelMap().width());
            }
        }
    }

    @Test
    void rnnGRunsOnAWholeImageOfAnotherSize() throws IOException {
        try (FaceParser parser = FaceParser.builder().optModelDirectory(models).optWholeImage(true).build()) {
            FaceParsing result = parser.parse(TestImages.filled(203, 150, 0x8899AA));
            assertEquals(203, result.labelMap().width());
            assertEquals(150, result.labelMap().height());
        }
    }
}
