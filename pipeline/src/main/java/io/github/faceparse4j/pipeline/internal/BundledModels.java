package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.core.model.ModelFileException;
import io.github.faceparse4j.pipeline.ParserModel;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The weights shipped inside the pipeline jar: one model file per {@link ParserModel} under a class-path folder
 * ({@value #DEFAULT_ROOT} for the real ones), named {@link ParserModel#fileName()}, and a manifest
 * {@value #MANIFEST} in that folder in {@code sha256sum} format ({@code <hex>  <file name>} per line).
 *
 * <p>Loading checks the SHA-256 of the whole file against the manifest before anything else, and then
 * {@link ModelFile} checks its own checksum of the network and the metadata; so a file swapped in the jar, or one
 * damaged in a repackaged jar, is refused. Immutable and thread-safe.
 */
public final class BundledModels {

    /** Class-path folder of the shipped weights. */
    public static final String DEFAULT_ROOT = "/io/github/faceparse4j/pipeline/models/";
    /** Name of the checksum manifest in the folder. */
    public static final String MANIFEST = "SHA256SUMS";

    /** Class-path folder, starting and ending with '/'. */
    private final String root;

    /**
     * @param root class-path folder, absolute ({@code /a/b/})
     * @throws IllegalArgumentException if the folder name does not start and end with '/'
     */
    public BundledModels(String root) {
        Objects.requireNonNull(root, "root");
        if (!root.startsWith("/") || !root.endsWith("/")) {
            throw new IllegalArgumentException("Bundled model folder must be absolute and end with '/', got " + root);
        }
        this.root = root;
    }

    /** The shipped weights of this library. */
    public static BundledModels standard() {
        return new BundledModels(DEFAULT_ROOT);
    }

    /** The class-path resource name of a model. */
    public String resource(ParserModel model) {
        return root + model.fileName();
    }

    /** Whether the model's file is on the class path. */
    public boolean contains(ParserModel model) {
        return BundledModels.class.getResource(resource(model)) != null;
    }

    /**
     * Loads a shipped model after checking its SHA-256 against the manifest and its metadata against
     * {@link ParserModel#expectations()}.
     *
     * @throws FileNotFoundException    if the model or the manifest is not on the class path
     * @throws ModelFileException       if the manifest lacks the file or the checksum differs, or the file is not a
     *                                  valid model file
     * @throws IllegalArgumentException if the metadata does not fit the model's role
     */
    public ModelFile load(ParserModel model) throws IOException {
        String resource = resource(model);
        byte[] bytes = read(resource);
        String expected = manifest().get(model.fileName());
        if (expected == null) {
            throw new ModelFileException("Bundled model " + resource + " has no line in " + root + MANIFEST);
        }
        String actual = sha256(bytes);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new ModelFileException("Bundled model " + resource + " has SHA-256 " + actual + " but " + root
                    + MANIFEST + " lists " + expected + "; the jar is damaged or was repackaged with other weights");
        }
        return ModelFile.load(new ByteArrayInputStream(bytes), "resource " + resource, model.expectations());
    }

    /** File name to lower-case hex SHA-256, from the manifest. */
    private Map<String, String> manifest() throws IOException {
        String text = new String(read(root + MANIFEST), StandardCharsets.UTF_8);
        Map<String, String> sums = new HashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+\\*?", 2);
            if (fields.length != 2) {
                throw new ModelFileException("Malformed line in " + root + MANIFEST + ": '" + line + "'");
            }
            sums.put(fields[1], fields[0]);
        }
        return sums;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = BundledModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FileNotFoundException("Resource " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BundledModels[" + root + "]";
    }
}
