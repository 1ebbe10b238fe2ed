package io.github.faceparse4j.examples;

import io.github.faceparse4j.core.image.ImageFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/** One image to parse: a file, or an image resource on the class path (the bundled sample photo). Immutable. */
final class ImageInput {

    /** How messages name the image: the path as given, or {@code classpath:/...}. */
    private final String label;
    /** The file name without its extension: the stem of the output files' names. */
    private final String baseName;
    /** Null for a resource. */
    private final Path file;
    /** Class-path name of a resource; null for a file. */
    private final String resource;

    private ImageInput(String label, String baseName, Path file, String resource) {
        this.label = label;
        this.baseName = baseName;
        this.file = file;
        this.resource = resource;
    }

    static ImageInput ofFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new ImageInput(file.toString(), dot > 0 ? name.substring(0, dot) : name, file, null);
    }

    /** An image resource, by its absolute class-path name such as {@code /io/github/.../photo.jpg}. */
    static ImageInput ofResource(String classPathName) {
        String name = classPathName.substring(classPathName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return new ImageInput("classpath:" + classPathName, dot > 0 ? name.substring(0, dot) : name, null,
                Objects.requireNonNull(classPathName));
    }

    String label() {
        return label;
    }

    String baseName() {
        return baseName;
    }

    /** The file's name with its extension; for a resource, its last path element. */
    String fileName() {
        return file != null ? file.getFileName().toString() : resource.substring(resource.lastIndexOf('/') + 1);
    }

    /** The file, or null for a resource. */
    Path file() {
        return file;
    }

    /**
     * Decodes the image as stored (CMYK, grey and 16-bit images stay so; the parser converts what it needs).
     *
     * @throws IOException naming the file or resource if it is missing, not an image, or damaged
     */
    BufferedImage read() throws IOException {
        if (file != null) {
            return ImageFiles.read(file);
        }
        try (InputStream in = ImageInput.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(label + ": not on the class path");
            }
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IOException(label + ": not an image ImageIO can read");
            }
            return image;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
