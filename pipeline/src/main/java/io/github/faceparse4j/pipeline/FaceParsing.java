package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.render.Overlay;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.Objects;

/**
 * The result of parsing one image: a HELEN-11 label map at the image's resolution, the faces it was assembled from,
 * and views of it (per-class masks, an overlay, JSON).
 *
 * <p>HELEN-11 ids ({@link LabelScheme#HELEN_11}): 0 background, 1 skin, 2 left brow, 3 right brow, 4 left eye,
 * 5 right eye, 6 nose, 7 upper lip, 8 inner mouth, 9 lower lip, 10 hair; "left" is the person's left. Pixels outside
 * every face are background; an image without faces gives an all-background map and no faces.
 *
 * <p>Immutable and thread-safe. It keeps a reference to the parsed image (not a copy) for {@link #overlay()}; changing
 * that image afterwards changes later overlays.
 */
public final class FaceParsing {

    /** Value of the JSON "format" field. */
    public static final String JSON_FORMAT = "faceparse4j-parsing";
    /** Version of the JSON layout described at {@link #toJson(boolean)}. */
    public static final int JSON_VERSION = 1;
    /** Thread-safe once configured; never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed image, as given. */
    private final BufferedImage image;
    /** HELEN-11 ids at the image's size. */
    private final LabelMap labels;
    /** Faces in detection order (left to right); empty in whole-image mode and when no face was found. */
    private final List<FaceBox> faces;
    private final ParserConfiguration configuration;
    /** How faces were found: "detected", "aligned" or "whole-image". */
    private final String mode;

    FaceParsing(BufferedImage image, LabelMap labels, List<FaceBox> faces, ParserConfiguration configuration,
            String mode) {
        this.image = Objects.requireNonNull(image, "image");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (labels.width() != image.getWidth() || labels.height() != image.getHeight()
                || !labels.scheme().equals(LabelScheme.HELEN_11)) {
            throw new IllegalArgumentException("Expected a " + LabelScheme.HELEN_11 + " map of " + image.getWidth()
                    + "x" + image.getHeight() + ", got " + labels);
        }
        this.faces = List.copyOf(faces);
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The HELEN-11 label map, the size of the input image. */
    public LabelMap labelMap() {
        return labels;
    }

    public int width() {
        return labels.width();
    }

    public int height() {
        return labels.height();
    }

    /**
     * The faces the map was assembled from, left to right. With detection off it is one box covering the image; in
     * whole-image mode it is empty (nothing was detected). Unmodifiable.
     */
    public List<FaceBox> faces() {
        return faces;
    }

    /** The configuration that produced this parsing. */
    public ParserConfiguration configuration() {
        return configuration;
    }

    /**
     * The pixels of one class as a {@link BufferedImage#TYPE_BYTE_BINARY} image of the input's size: sample 1
     * (white) where the pixel has {@code classId}, 0 (black) elsewhere. One bit per pixel.
     *
     * @throws IllegalArgumentException if the id is not a HELEN-11 class
     */
    public BufferedImage mask(int classId) {
        labels.scheme().checkId(classId);
        int w = labels.width();
        int h = labels.height();
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        byte[] bits = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        int stride = (w + 7) / 8;
        byte[] ids = labels.ids();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((ids[y * w + x] & 0xFF) == classId) {
                    bits[y * stride + (x >> 3)] |= (byte) (0x80 >>> (x & 7)); // first pixel in the high bit
                }
            }
        }
        return mask;
    }

    /**
     * The mask of a class given by its HELEN-11 name, e.g. {@code "hair"} or {@code "left_eye"}.
     *
     * @throws IllegalArgumentException naming the known classes if there is no such class
     */
    public BufferedImage mask(String className) {
        if (!labels.scheme().classNames().contains(className)) {
            throw new IllegalArgumentException("No class '" + className + "' in " + labels.scheme() + "; known: "
                    + labels.scheme().classNames());
        }
        return mask(labels.scheme().idOf(className));
    }

    /** The labels painted over the image with {@link Overlay}'s defaults (half-transparent, background untouched). */
    public BufferedImage overlay() {
        return overlay(Overlay.builder().build());
    }

    /** The labels painted over the image in the given style; a new {@code TYPE_INT_RGB} image. */
    public BufferedImage overlay(Overlay style) {
        return style.render(RgbImages.toRgb(image), labels);
    }

    /** The JSON summary without the label map; see {@link #toJson(boolean)}. */
    public String toJson() {
        return toJson(false);
    }

    /**
     * The parsing as one line of JSON (format version {@value #JSON_VERSION}):
     * <pre>
     * {"format": "faceparse4j-parsing", "formatVersion": 1,
     *  "width": W, "height": H, "labelScheme": "helen-11", "configuration": "TWO_STAGE",
     *  "mode": "detected" | "aligned" | "whole-image",
     *  "faces": [{"x": .., "y": .., "width": .., "height": ..}, ...],
     *  "classes": [{"id": 0, "name": "background", "pixels": N0}, ... one entry per class, in id order],
     *  "labelMap": {"encoding": "rle", "order": "row-major", "runs": [id, length, id, length, ...]}}
     * </pre>
     * {@code labelMap} is present only when asked for. Its runs cover the pixels row after row (runs continue across
     * rows); the lengths add up to {@code W * H}.
     */
    public String toJson(boolean includeLabelMap) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", JSON_FORMAT);
        root.put("formatVersion", JSON_VERSION);
        root.put("width", width());
        root.put("height", height());
        root.put("labelScheme", labels.scheme().name());
        root.put("configuration", configuration.name());
        root.put("mode", mode);
        ArrayNode faceArray = root.putArray("faces");
        for (FaceBox f : faces) {
            faceArray.addObject().put("x", f.x()).put("y", f.y()).put("width", f.width()).put("height", f.height());
        }
        ArrayNode classes = root.putArray("classes");
        long[] counts = labels.classCounts();
        for (int id = 0; id < counts.length; id++) {
            classes.addObject().put("id", id).put("name", labels.scheme().className(id)).put("pixels", counts[id]);
        }
        if (includeLabelMap) {
            ObjectNode map = root.putObject("labelMap");
            map.put("encoding", "rle");
            map.put("order", "row-major");
            ArrayNode runs = map.putArray("runs");
            byte[] ids = labels.ids();
            int start = 0;
            for (int i = 1; i <= ids.length; i++) {
                if (i == ids.length || ids[i] != ids[start]) {
                    runs.add(ids[start] & 0xFF).add(i - start);
                    start = i;
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a parsing as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "FaceParsing[" + width() + "x" + height() + ", " + faces.size() + " face(s), " + configuration + ", "
                + mode + "]";
    }
}
