package io.github.faceparse4j.core.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A DL4J network together with its {@link ModelMetadata}, and the file format that stores them.
 *
 * <p>Format (version {@value #FORMAT_VERSION}): one zip archive holding two entries, in this order:
 * <ol>
 *   <li>{@value #HEADER_ENTRY}: UTF-8 JSON with {@code "format": "faceparse4j-model"}, {@code formatVersion},
 *       {@code networkType} ({@link NetworkType} name), {@code networkSha256} (lower-case hex SHA-256 of the bytes of
 *       the next entry), and the metadata fields {@code kind}, {@code labelScheme} (a {@code LabelScheme} name),
 *       {@code inputHeight}, {@code inputWidth}, {@code channels}, {@code normalization} and
 *       {@code trainingInfo} (object of strings);</li>
 *   <li>{@value #NETWORK_ENTRY}: the network exactly as DL4J's {@link ModelSerializer} writes it (itself a zip with
 *       configuration and parameters, and the updater state if saved with one), stored uncompressed.</li>
 * </ol>
 * Keeping DL4J's own archive intact means any DL4J tool can still read the network after unzipping it, and the
 * checksum covers configuration and weights alike. Loading reads the header, rejects other format versions, checks
 * the SHA-256, checks the caller's {@link ModelExpectations}, and only then deserialises the network. The whole
 * network entry is held in memory while loading, which suits the library's models (a few MB).
 *
 * <p>Files are written to a temporary file beside the target and then moved into place, so a crash never leaves a
 * half-written model under the target name.
 *
 * <p>The static methods are thread-safe. A {@code ModelFile} instance is immutable, but the network it holds is a
 * mutable DL4J object that is not safe for concurrent {@code output} calls.
 */
public final class ModelFile {

    /** The only format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Name of the JSON header entry. */
    public static final String HEADER_ENTRY = "faceparse4j-model.json";
    /** Name of the entry holding DL4J's ModelSerializer zip. */
    public static final String NETWORK_ENTRY = "network.zip";
    /** An entry every ModelSerializer zip has; used to recognise a plain DL4J file passed by mistake. */
    private static final String DL4J_CONFIGURATION_ENTRY = ModelSerializer.CONFIGURATION_JSON;

    /** File name or resource the model was loaded from, for messages. */
    private final String source;
    private final ModelMetadata metadata;
    private final NetworkType networkType;
    /** Lower-case hex SHA-256 of the network entry, as recorded and verified. */
    private final String networkSha256;
    /** A {@link ComputationGraph} or {@link MultiLayerNetwork}, as {@link #networkType} says. */
    private final Model network;

    private ModelFile(String source, ModelFileHeader header, Model network) {
        this.source = source;
        this.metadata = header.metadata();
        this.networkType = header.networkType();
        this.networkSha256 = header.networkSha256();
        this.network = network;
    }

    /** Saves a graph without its updater state (enough for inference). */
    public static void save(ComputationGraph network, ModelMetadata metadata, Path file) throws IOException {
        save(network, metadata, file, false);
    }

    /** Saves a multi-layer network without its updater state (enough for inference). */
    public static void save(MultiLayerNetwork network, ModelMetadata metadata, Path file) throws IOException {
        save(network, metadata, file, false);
    }

    /**
     * Saves a {@link ComputationGraph} or {@link MultiLayerNetwork} with its metadata, creating parent directories
     * and replacing an existing file.
     *
     * @param saveUpdater whether to include the updater state (needed to resume training, not for inference)
     * @throws IllegalArgumentException if {@code network} is neither a ComputationGraph nor a MultiLayerNetwork
     */
    public static void save(Model network, ModelMetadata metadata, Path file, boolean saveUpdater)
            throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file owner-only (0600), and the model should get the usual
        // permissions.
        Path tmp = dir.resolve(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                save(network, metadata, out, saveUpdater);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes the model file format to {@code out}, which is left open.
     *
     * @throws IllegalArgumentException if {@code network} is neither a ComputationGraph nor a MultiLayerNetwork
     */
    public static void save(Model network, ModelMetadata metadata, OutputStream out, boolean saveUpdater)
            throws IOException {
        Objects.requireNonNull(metadata, "metadata");
        NetworkType type = NetworkType.of(network);
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, saveUpdater);
        byte[] networkBytes = dl4j.toByteArray();
        byte[] header = new ModelFileHeader(FORMAT_VERSION, type, sha256(networkBytes), metadata).toJson();

        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
        zip.write(header);
        zip.closeEntry();
        // DL4J's archive is compressed already; STORED keeps it byte-identical and cheap to read.
        ZipEntry entry = new ZipEntry(NETWORK_ENTRY);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(networkBytes.length);
        CRC32 crc = new CRC32();
        crc.update(networkBytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(networkBytes);
        zip.closeEntry();
        zip.finish(); // not close(): the caller owns the stream
        zip.flush();
    }

    /** Loads a model file, accepting any metadata. */
    public static ModelFile load(Path file) throws IOException {
        return load(file, ModelExpectations.none());
    }

    /**
     * Loads a model file after checking it against {@code expectations}.
     *
     * @throws NoSuchFileException      if the file does not exist
     * @throws ModelFileException       if it is not a valid model file (not a zip, missing entries, bad metadata,
     *                                  other format version, SHA-256 mismatch, network DL4J cannot restore)
     * @throws IllegalArgumentException if the metadata does not meet {@code expectations}
     */
    public static ModelFile load(Path file, ModelExpectations expectations) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), expectations);
        }
    }

    /**
     * Loads a model from a classpath resource, e.g. weights shipped inside a module's jar.
     *
     * @param anchor   class whose {@link Class#getResourceAsStream} resolves {@code resource} (relative to its
     *                 package unless it starts with {@code /})
     * @throws FileNotFoundException if there is no such resource
     * @see #load(Path, ModelExpectations) for the other exceptions
     */
    public static ModelFile loadResource(Class<?> anchor, String resource, ModelExpectations expectations)
            throws IOException {
        String source = "resource " + resource + " (relative to " + anchor.getName() + ")";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FileNotFoundException("Model " + source + " not found on the classpath");
            }
            return load(in, source, expectations);
        }
    }

    /**
     * Loads a model from a stream, which is read to the end of the archive and left open.
     *
     * @param source name of the stream's origin, used in messages
     * @see #load(Path, ModelExpectations) for the exceptions
     */
    public static ModelFile load(InputStream in, String source, ModelExpectations expectations) throws IOException {
        Entries entries = readEntries(in, source, false);
        ModelFileHeader header = ModelFileHeader.fromJson(entries.header, FORMAT_VERSION, source);
        if (entries.network == null) {
            throw new ModelFileException("Model " + source + " lacks the entry " + NETWORK_ENTRY);
        }
        String actual = sha256(entries.network);
        if (!actual.equals(header.networkSha256())) {
            throw new ModelFileException("Model " + source + " is corrupt or was modified: SHA-256 of "
                    + NETWORK_ENTRY + " is " + actual + ", the header records " + header.networkSha256());
        }
        expectations.check(header.metadata(), header.networkType(), source);
        return new ModelFile(source, header, restore(entries.network, header.networkType(), source));
    }

    /**
     * Reads only the metadata of a model file, without checking the SHA-256 or deserialising the network; for
     * listing and choosing models.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws ModelFileException  if it is not a model file or its header is invalid
     */
    public static ModelMetadata readMetadata(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModelFileHeader.fromJson(readEntries(in, file.toString(), true).header, FORMAT_VERSION,
                    file.toString()).metadata();
        }
    }

    /** File name or resource this model was loaded from. */
    public String source() {
        return source;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public NetworkType networkType() {
        return networkType;
    }

    /** Lower-case hex SHA-256 of the network entry, verified on load. */
    public String networkSha256() {
        return networkSha256;
    }

    /**
     * The network as a {@link ComputationGraph}.
     *
     * @throws IllegalStateException if the file holds a MultiLayerNetwork
     */
    public ComputationGraph computationGraph() {
        if (!(network instanceof ComputationGraph graph)) {
            throw new IllegalStateException("Model " + source + " holds a " + networkType
                    + ", not a COMPUTATION_GRAPH");
        }
        return graph;
    }

    /**
     * The network as a {@link MultiLayerNetwork}.
     *
     * @throws IllegalStateException if the file holds a ComputationGraph
     */
    public MultiLayerNetwork multiLayerNetwork() {
        if (!(network instanceof MultiLayerNetwork mln)) {
            throw new IllegalStateException("Model " + source + " holds a " + networkType
                    + ", not a MULTI_LAYER_NETWORK");
        }
        return mln;
    }

    @Override
    public String toString() {
        return "ModelFile[" + source + ", " + metadata.kind() + ", " + networkType + "]";
    }

    /** The raw bytes of the two entries; {@code network} is null if absent or not read. */
    private record Entries(byte[] header, byte[] network) {
    }

    private static Entries readEntries(InputStream in, String source, boolean headerOnly) throws IOException {
        byte[] header = null;
        byte[] network = null;
        boolean sawDl4jConfiguration = false;
        int count = 0;
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                count++;
                switch (entry.getName()) {
                    case HEADER_ENTRY -> header = zip.readAllBytes();
                    case NETWORK_ENTRY -> network = zip.readAllBytes();
                    case DL4J_CONFIGURATION_ENTRY -> sawDl4jConfiguration = true;
                    default -> {
                        // Unknown entries are skipped: later minor additions must not break old readers.
                    }
                }
                if (headerOnly && header != null) {
                    break;
                }
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFileException("Model " + source + " is not a readable zip archive (truncated or corrupt): "
                    + e.getMessage(), e);
        }
        if (count == 0) {
            throw new ModelFileException("Model " + source + " is not a FaceParse4J model file: no zip entries found "
                    + "(not a zip archive, or empty)");
        }
        if (header == null) {
            throw new ModelFileException("Model " + source + " lacks the entry " + HEADER_ENTRY
                    + (sawDl4jConfiguration ? "; it looks like a plain DL4J ModelSerializer zip, save it with "
                    + "ModelFile.save to add the metadata" : ""));
        }
        return new Entries(header, network);
    }

    private static Model restore(byte[] networkBytes, NetworkType type, String source) throws ModelFileException {
        try (InputStream in = new ByteArrayInputStream(networkBytes)) {
            return switch (type) {
                case COMPUTATION_GRAPH -> ModelSerializer.restoreComputationGraph(in, true);
                case MULTI_LAYER_NETWORK -> ModelSerializer.restoreMultiLayerNetwork(in, true);
            };
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException("Model " + source + ": DL4J could not restore the " + type + ": "
                    + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
