package io.github.faceparse4j.examples;

import io.github.faceparse4j.pipeline.FaceParsing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes each parsing into the output folder as {@code NAME.png} (8-bit grey, one HELEN-11 id per pixel, the input's
 * size), {@code NAME.overlay.png} and, if asked, {@code NAME.json}, where NAME is the input's file name without its
 * extension. Two inputs with the same NAME (say {@code a.jpg} and {@code a.png}), or an output that would overwrite
 * an input, get the full file name as NAME instead ({@code a.png.png}). Not thread-safe.
 */
final class ParsingWriter {

    /** The suffixes of the files of one input, whether or not JSON is written. */
    private static final List<String> SUFFIXES = List.of(".png", ".overlay.png", ".json");

    private final Path folder;
    private final boolean json;
    /** Output stems already used, and the inputs' own paths, which must never be overwritten. */
    private final Set<Path> taken = new HashSet<>();

    /**
     * @param folder where the files go; must exist
     * @param json   whether to write {@code NAME.json} ({@link FaceParsing#toJson()}) too
     * @param inputs every input of the run, so that no output replaces one of them
     */
    ParsingWriter(Path folder, boolean json, List<ImageInput> inputs) {
        this.folder = folder;
        this.json = json;
        for (ImageInput input : inputs) {
            if (input.file() != null) {
                taken.add(input.file().toAbsolutePath().normalize());
            }
        }
    }

    /**
     * Writes the files of one input.
     *
     * @return the files written, label map first
     * @throws IOException naming the file that could not be written
     */
    List<Path> write(ImageInput input, FaceParsing parsing) throws IOException {
        String stem = stemFor(input);
        List<Path> written = new ArrayList<>(3);
        written.add(writePng(parsing.labelMap().toGrayImage(), folder.resolve(stem + ".png")));
        written.add(writePng(parsing.overlay(), folder.resolve(stem + ".overlay.png")));
        if (json) {
            Path file = folder.resolve(stem + ".json");
            Files.writeString(file, parsing.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    private String stemFor(ImageInput input) {
        String stem = input.baseName();
        if (isTaken(stem)) {
            stem = input.fileName();
        }
        for (int n = 2; isTaken(stem); n++) {
            stem = input.fileName() + "-" + n;
        }
        for (String suffix : SUFFIXES) {
            taken.add(folder.resolve(stem + suffix).toAbsolutePath().normalize());
        }
        return stem;
    }

    private boolean isTaken(String stem) {
        for (String suffix : SUFFIXES) {
            if (taken.contains(folder.resolve(stem + suffix).toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }

    private static Path writePng(BufferedImage image, Path file) throws IOException {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException(file + ": no PNG writer for a " + image.getType() + " image");
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": cannot write: " + e.getMessage(), e);
        }
        return file;
    }
}
