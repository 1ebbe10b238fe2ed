package io.github.faceparse4j.examples;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The images named on a command line. A file operand is taken as an image whatever its name (if it is not one, reading
 * it fails with a clear error later). A folder operand contributes the images directly inside it, in name order:
 * files with an image extension ImageIO knows, or whose first bytes an ImageIO reader recognises; other files and
 * sub-folders are skipped with a message. Immutable.
 */
final class InputScan {

    /** Lower-case file name extensions ImageIO has a reader for (jpg, png, bmp, gif, tif, ...). */
    private static final Set<String> IMAGE_EXTENSIONS = Arrays.stream(ImageIO.getReaderFileSuffixes())
            .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private final List<ImageInput> images;
    private final List<String> skipped;
    private final List<String> errors;
    private final boolean anyFolder;

    private InputScan(List<ImageInput> images, List<String> skipped, List<String> errors, boolean anyFolder) {
        this.images = List.copyOf(images);
        this.skipped = List.copyOf(skipped);
        this.errors = List.copyOf(errors);
        this.anyFolder = anyFolder;
    }

    /** Scans the operands; a missing path or an unlistable folder becomes an error message, not an exception. */
    static InputScan of(List<String> operands) {
        List<ImageInput> images = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean anyFolder = false;
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                anyFolder = true;
                scanFolder(path, images, skipped, errors);
            } else if (Files.exists(path)) {
                images.add(ImageInput.ofFile(path));
            } else {
                errors.add(operand + ": no such file or folder");
            }
        }
        return new InputScan(images, skipped, errors, anyFolder);
    }

    /** A single class-path image, such as the bundled sample photo. */
    static InputScan ofResource(String classPathName) {
        return new InputScan(List.of(ImageInput.ofResource(classPathName)), List.of(), List.of(), false);
    }

    private static void scanFolder(Path folder, List<ImageInput> images, List<String> skipped, List<String> errors) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            errors.add(folder + ": cannot list the folder: " + e.getMessage());
            return;
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                skipped.add("Skipping " + entry + ": a folder (folders are not searched recursively)");
            } else if (isHidden(entry)) {
                continue;
            } else if (looksLikeImage(entry)) {
                images.add(ImageInput.ofFile(entry));
            } else {
                skipped.add("Skipping " + entry + ": not an image");
            }
        }
    }

    /**
     * Whether a file in a folder is meant as an image: its extension is one ImageIO reads, or an ImageIO reader
     * recognises its first bytes (an image saved without extension).
     */
    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return true;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    /** The images to parse, operands first to last; unmodifiable. */
    List<ImageInput> images() {
        return images;
    }

    /** One message per file skipped in a folder because it is not an image; unmodifiable. */
    List<String> skipped() {
        return skipped;
    }

    /** One message per operand that does not exist or could not be listed; unmodifiable. */
    List<String> errors() {
        return errors;
    }

    /** Whether any operand was a folder (which shows a progress bar). */
    boolean anyFolder() {
        return anyFolder;
    }
}
