package io.github.faceparse4j.core.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image files with ImageIO, strictly: a file that is missing, not an image, or damaged gives an
 * {@link IOException} whose message starts with the file's path, instead of ImageIO's {@code null} return or its
 * silently grey-filled decode of a truncated JPEG.
 *
 * <p>Every format ImageIO has a reader for is accepted (PNG, JPEG including CMYK/YCCK, BMP, GIF, WBMP, TIFF).
 * A reader warning that the data ended early (JPEG: "Premature end of JPEG file", "Truncated File") is treated as
 * damage, because ImageIO then keeps decoding and fills the missing part with grey; other warnings (such as
 * libjpeg's harmless "extraneous bytes before marker") are logged at debug level and the image is kept.
 *
 * <p>Stateless and thread-safe: each call uses its own {@link ImageReader}.
 */
public final class ImageFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);
    /** Reader warnings that mean the data stopped before the image was complete. */
    private static final Pattern TRUNCATION_WARNING =
            Pattern.compile("premature end|truncated|missing EOI", Pattern.CASE_INSENSITIVE);

    private ImageFiles() {
    }

    /**
     * Reads an image file and converts it to 8-bit RGB ({@link BufferedImage#TYPE_INT_RGB}) with
     * {@link RgbImages#toRgb(BufferedImage)}: alpha is composited over black, grey is replicated to R, G and B,
     * 16-bit samples keep their top 8 bits, palettes are looked up and CMYK is converted without colour management.
     *
     * @param file the image file
     * @return a new {@code TYPE_INT_RGB} image
     * @throws IOException naming the file if it is missing, not an image, truncated or otherwise undecodable
     */
    public static BufferedImage readRgb(Path file) throws IOException {
        return RgbImages.toRgb(read(file));
    }

    /**
     * Reads the first image of a file as ImageIO decodes it, with no conversion (a label PNG stays 8-bit grey).
     *
     * @param file the image file
     * @return the decoded image, in whatever type the reader produces
     * @throws IOException naming the file if it is missing, not an image, truncated or otherwise undecodable
     */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file not found");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new IOException(file + ": cannot open as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image in any format ImageIO can read ("
                        + Files.size(file) + " bytes)");
            }
            ImageReader reader = readers.next();
            String format = formatName(reader);
            List<String> warnings = new ArrayList<>();
            BufferedImage image;
            try {
                reader.setInput(input, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                // ImageIO reports truncation as EOFException or IIOException without the file name, and some
                // decoders fail on bad data with runtime exceptions (e.g. ArrayIndexOutOfBoundsException).
                throw new IOException(file + ": cannot decode " + format + " image: " + e, e);
            } finally {
                reader.dispose();
            }
            for (String warning : warnings) {
                if (TRUNCATION_WARNING.matcher(warning).find()) {
                    throw new IOException(file + ": damaged " + format + " image: " + String.join("; ", warnings));
                }
                LOG.debug("{}: {} reader warning: {}", file, format, warning);
            }
            return image;
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return "unknown-format";
        }
    }
}
