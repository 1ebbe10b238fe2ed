package io.github.faceparse4j.core.model;

import io.github.faceparse4j.core.label.LabelScheme;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON entry of a {@link ModelFile}: format marker and version, network type, SHA-256 of the network entry, and
 * the {@link ModelMetadata}. Written and read with ND4J's shaded Jackson, which DL4J already brings, so no JSON
 * library is added to the classpath.
 *
 * @param formatVersion  version of the file layout
 * @param networkType    DL4J class of the network entry
 * @param networkSha256  lower-case hex SHA-256 of the network entry's bytes
 * @param metadata       what the caller needs to use the network
 */
record ModelFileHeader(int formatVersion, NetworkType networkType, String networkSha256, ModelMetadata metadata) {

    /** Value of the "format" field, so that other JSON files are not mistaken for a header. */
    static final String FORMAT_MARKER = "faceparse4j-model";

    /** Thread-safe once configured; never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_MARKER);
        root.put("formatVersion", formatVersion);
        root.put("networkType", networkType.name());
        root.put("networkSha256", networkSha256);
        root.put("kind", metadata.kind());
        root.put("labelScheme", metadata.labelScheme().name());
        root.put("inputHeight", metadata.inputHeight());
        root.put("inputWidth", metadata.inputWidth());
        root.put("channels", metadata.channels());
        root.put("normalization", metadata.normalization());
        ObjectNode info = root.putObject("trainingInfo");
        metadata.trainingInfo().forEach(info::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write model metadata as JSON", e);
        }
    }

    /**
     * Parses a header; the version is checked before any other field, since another version may lay them out
     * differently.
     *
     * @param supportedVersion the only format version this code reads
     * @param source           file or resource name for messages
     * @throws ModelFileException if the JSON is malformed, a field is missing or invalid, or the version differs
     */
    static ModelFileHeader fromJson(byte[] json, int supportedVersion, String source) throws ModelFileException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelFileException("Model " + source + ": metadata entry is not valid JSON: " + e.getMessage(),
                    e);
        }
        if (root == null || !root.isObject() || !FORMAT_MARKER.equals(root.path("format").asText())) {
            throw new ModelFileException("Model " + source + ": metadata entry is not a " + FORMAT_MARKER
                    + " header ('format' field missing or different)");
        }
        int version = intField(root, "formatVersion", source);
        if (version != supportedVersion) {
            throw new ModelFileException("Model " + source + " has format version " + version
                    + "; this FaceParse4J reads format version " + supportedVersion + " only");
        }
        NetworkType type;
        String typeName = textField(root, "networkType", source);
        try {
            type = NetworkType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Model " + source + ": unknown network type '" + typeName + "'", e);
        }
        try {
            LabelScheme scheme = LabelScheme.byName(textField(root, "labelScheme", source));
            ModelMetadata metadata = new ModelMetadata(textField(root, "kind", source), scheme,
                    intField(root, "inputHeight", source), intField(root, "inputWidth", source),
                    intField(root, "channels", source), textField(root, "normalization", source),
                    trainingInfo(root, source));
            return new ModelFileHeader(version, type, textField(root, "networkSha256", source), metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Model " + source + ": invalid metadata: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> trainingInfo(JsonNode root, String source) throws ModelFileException {
        JsonNode node = root.path("trainingInfo");
        Map<String, String> info = new TreeMap<>();
        if (node.isMissingNode()) {
            return info;
        }
        if (!node.isObject()) {
            throw new ModelFileException("Model " + source + ": 'trainingInfo' must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            info.put(entry.getKey(), entry.getValue().asText());
        }
        return info;
    }

    private static String textField(JsonNode root, String name, String source) throws ModelFileException {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual()) {
            throw new ModelFileException("Model " + source + ": metadata lacks text field '" + name + "'");
        }
        return node.asText();
    }

    private static int intField(JsonNode root, String name, String source) throws ModelFileException {
        JsonNode node = root.get(name);
        if (node == null || !node.isInt()) {
            throw new ModelFileException("Model " + source + ": metadata lacks integer field '" + name + "'");
        }
        return node.asInt();
    }

    @Override
    public String toString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
