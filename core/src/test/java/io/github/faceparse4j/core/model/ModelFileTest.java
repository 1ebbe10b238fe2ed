package io.github.faceparse4j.core.model;

import io.github.faceparse4j.core.label.LabelScheme;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void computationGraphRoundTripGivesTheSameOutputs() throws IOException {
        ComputationGraph graph = TinyNetworks.graph();
        INDArray expected = graph.outputSingle(TinyNetworks.image());
        Path file = dir.resolve("sub/dir/tiny.model.zip");
        ModelFile.save(graph, TinyNetworks.metadata(), file);

        ModelFile loaded = ModelFile.load(file);
        assertEquals(TinyNetworks.metadata(), loaded.metadata());
        assertEquals(NetworkType.COMPUTATION_GRAPH, loaded.networkType());
        assertEquals(file.toString(), loaded.source());
        assertEquals(expected, loaded.computationGraph().outputSingle(TinyNetworks.image()));
        assertEquals(graph.params(), loaded.computationGraph().params());
        assertThrows(IllegalStateException.class, loaded::multiLayerNetwork);
    }

    @Test
    void multiLayerNetworkRoundTripGivesTheSameOutputs() throws IOException {
        MultiLayerNetwork net = TinyNetworks.multiLayer();
        INDArray input = Nd4j.linspace(-2, 2, 12, DataType.FLOAT).reshape(3, 4);
        Path file = dir.resolve("mln.model.zip");
        ModelFile.save(net, TinyNetworks.metadata(), file);
        ModelFile loaded = ModelFile.load(file, ModelExpectations.builder()
                .optNetworkType(NetworkType.MULTI_LAYER_NETWORK).build());
        assertEquals(net.output(input), loaded.multiLayerNetwork().output(input));
        assertThrows(IllegalStateException.class, loaded::computationGraph);
    }

    @Test
    void updaterStateIsKeptWhenAskedFor() throws IOException {
        ComputationGraph graph = TinyNetworks.graph();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 3, TinyNetworks.SIZE, TinyNetworks.SIZE);
        labels.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(1))
                .assign(1);
        graph.fit(new INDArray[] {TinyNetworks.image()}, new INDArray[] {labels});
        Path file = dir.resolve("checkpoint.model.zip");
        ModelFile.save(graph, TinyNetworks.metadata(), file, true);
        ComputationGraph loaded = ModelFile.load(file).computationGraph();
        assertEquals(graph.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
    }

    @Test
    void metadataCanBeReadWithoutTheNetwork() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        ModelMetadata metadata = ModelFile.readMetadata(file);
        assertEquals(LabelScheme.SKIN_HAIR_BG_3, metadata.labelScheme());
        assertEquals(Map.of("data", "none", "epochs", "0"), metadata.trainingInfo());
    }

    @Test
    void committedFileStillLoadsFromTheClasspath() throws IOException {
        // src/test/resources/.../tiny-graph.model.zip was written by format version 1; it must stay readable.
        ModelFile loaded = ModelFile.loadResource(ModelFileTest.class, "tiny-graph.model.zip",
                ModelExpectations.builder().optKind("tiny-test-graph").optLabelScheme(LabelScheme.SKIN_HAIR_BG_3)
                        .optInputSize(8, 8).optChannels(3).optNormalization("ZERO_TO_ONE").build());
        assertEquals(TinyNetworks.metadata(), loaded.metadata());
        ComputationGraph graph = loaded.computationGraph();
        INDArray known = TinyNetworks.knownParams(graph.numParams());
        assertEquals(known, graph.params().reshape(known.shape()));
        assertEquals(TinyNetworks.graph().outputSingle(TinyNetworks.image()), graph.outputSingle(TinyNetworks.image()));
    }

    @Test
    void missingResourceIsNamed() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> ModelFile.loadResource(ModelFileTest.class, "no-such.model.zip", ModelExpectations.none()));
        assertTrue(e.getMessage().contains("no-such.model.zip"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("absent.model.zip");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFile.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> ModelFile.readMetadata(missing));
    }

    @Test
    void networkReplacedInsideAValidZipFailsTheChecksum() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        Map<String, byte[]> entries = unzip(file);
        // A different network (other weights) under the original header: a well-formed zip, so only the
        // SHA-256 can tell.
        ComputationGraph other = TinyNetworks.graph();
        other.setParams(other.params().mul(2));
        ByteArrayOutputStream otherBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(other, otherBytes, false);
        entries.put(ModelFile.NETWORK_ENTRY, otherBytes.toByteArray());
        Path tampered = dir.resolve("tampered.model.zip");
        zip(tampered, entries);

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(tampered));
        assertTrue(e.getMessage().contains(tampered.toString()) && e.getMessage().contains("SHA-256"),
                e.getMessage());
    }

    @Test
    void flippedByteIsDetected() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        byte[] bytes = Files.readAllBytes(file);
        // Inside the stored network entry, which makes up most of the file: caught by the zip CRC or the SHA-256.
        bytes[bytes.length / 2] ^= 0x40;
        Path tampered = dir.resolve("flipped.model.zip");
        Files.write(tampered, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(tampered));
        assertTrue(e.getMessage().contains(tampered.toString()), e.getMessage());
    }

    @Test
    void wrongSchemeOrSizeIsRejectedNamingTheFile() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(file,
                ModelExpectations.builder().optLabelScheme(LabelScheme.HELEN_11).optInputSize(128, 128).build()));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("skin-hair-bg-3") && message.contains("helen-11"), message);
        assertTrue(message.contains("8x8") && message.contains("128x128"), message);
        assertThrows(IllegalArgumentException.class,
                () -> ModelFile.load(file, ModelExpectations.builder().optKind("icnn").build()));
        assertThrows(IllegalArgumentException.class,
                () -> ModelFile.load(file, ModelExpectations.builder().optChannels(1).build()));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.load(file,
                ModelExpectations.builder().optNetworkType(NetworkType.MULTI_LAYER_NETWORK).build()));
    }

    @Test
    void unknownFormatVersionIsRejected() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        Map<String, byte[]> entries = unzip(file);
        String header = new String(entries.get(ModelFile.HEADER_ENTRY), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"formatVersion\" : 1"), header);
        entries.put(ModelFile.HEADER_ENTRY,
                header.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2").getBytes(StandardCharsets.UTF_8));
        Path future = dir.resolve("future.model.zip");
        zip(future, entries);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(future));
        assertTrue(e.getMessage().contains(future.toString()) && e.getMessage().contains("format version 2"),
                e.getMessage());
    }

    @Test
    void badHeadersAreRejected() throws IOException {
        Path file = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), file);
        Map<String, byte[]> entries = unzip(file);
        String header = new String(entries.get(ModelFile.HEADER_ENTRY), StandardCharsets.UTF_8);
        String[][] edits = {
                {"\"labelScheme\" : \"skin-hair-bg-3\"", "\"labelScheme\" : \"pascal-21\""},
                {"\"inputHeight\" : 8,", ""},
                {"\"channels\" : 3", "\"channels\" : \"three\""},
                {"{", "["}};
        for (String[] edit : edits) {
            entries.put(ModelFile.HEADER_ENTRY, header.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8));
            Path bad = dir.resolve("bad.model.zip");
            zip(bad, entries);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(bad), edit[0]);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    void garbageEmptyTruncatedAndPlainDl4jFilesAreRejected() throws IOException {
        Path garbage = dir.resolve("garbage.model.zip");
        Files.writeString(garbage, "this is not a model, just text ".repeat(40));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(garbage));
        assertTrue(e.getMessage().contains(garbage.toString()) && e.getMessage().contains("not a"), e.getMessage());

        Path empty = dir.resolve("empty.model.zip");
        Files.write(empty, new byte[0]);
        assertThrows(ModelFileException.class, () -> ModelFile.load(empty));

        Path good = dir.resolve("tiny.model.zip");
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.model.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        Path plain = dir.resolve("plain-dl4j.zip");
        ModelSerializer.writeModel(TinyNetworks.graph(), plain.toFile(), false);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(plain));
        assertTrue(e.getMessage().contains("plain DL4J"), e.getMessage());
    }

    @Test
    void streamLoadingLeavesTheStreamToTheCaller() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.save(TinyNetworks.graph(), TinyNetworks.metadata(), out, false);
        try (InputStream in = new ByteArrayInputStream(out.toByteArray())) {
            ModelFile loaded = ModelFile.load(in, "in-memory", ModelExpectations.none());
            assertEquals("in-memory", loaded.source());
        }
    }

    @Test
    void invalidMetadataIsRejectedByTheBuilder() {
        assertThrows(IllegalArgumentException.class, () -> ModelMetadata.builder().setKind("x")
                .setLabelScheme(LabelScheme.HELEN_11).setNormalization("n").build()); // no input size
        assertThrows(IllegalArgumentException.class, () -> ModelMetadata.builder().setKind(" ")
                .setLabelScheme(LabelScheme.HELEN_11).setInputSize(8, 8).setNormalization("n").build());
        assertThrows(NullPointerException.class, () -> ModelMetadata.builder().setKind("x")
                .setInputSize(8, 8).setNormalization("n").build());
    }

    private static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }
}
