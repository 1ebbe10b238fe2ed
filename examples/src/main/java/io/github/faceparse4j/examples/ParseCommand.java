package io.github.faceparse4j.examples;

import io.github.faceparse4j.pipeline.FaceParser;
import io.github.faceparse4j.pipeline.FaceParsing;
import io.github.faceparse4j.pipeline.ParserConfiguration;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code parse IMAGE_OR_DIR... --out DIR}: parses photos into HELEN-11 label maps, writing {@code NAME.png} and
 * {@code NAME.overlay.png} for each (see {@link ParsingWriter}), with a progress bar when a folder is given.
 *
 * <p>Bad input does not stop the run: files in a folder that are not images are skipped with a message, an image
 * without a face gives an all-background map and a message, and an unreadable file gives a one-line error and makes
 * the exit code {@link #FAILURE} once the other images are done. Images go through
 * {@link FaceParser#parseAll} a few at a time, so the faces of several images share each network batch.
 */
final class ParseCommand implements Command {

    /** Where the no-argument run writes. */
    static final Path DEFAULT_OUT = Path.of("faceparse4j-out");
    /** The bundled sample photo (Grace Hopper, U.S. Navy photo, public domain). */
    static final String SAMPLE = "/io/github/faceparse4j/examples/grace_hopper_512x512.jpg";

    private static final String OUT = "--out";
    private static final String BATCH = "--batch";
    private static final String ALIGNED = "--aligned";
    private static final String WHOLE_IMAGE = "--whole-image";
    private static final String JSON = "--json";
    /** Images held at once stop growing at this many pixels, so that a folder of huge photos stays in memory. */
    private static final long CHUNK_PIXELS = 32L << 20;

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String summary() {
        return "parse photos into HELEN-11 label maps (NAME.png) and overlays (NAME.overlay.png)";
    }

    @Override
    public String usage() {
        return """
            Usage: faceparse4j parse IMAGE_OR_DIR... --out DIR [options]
            Parses the faces in each image (the images directly inside each folder) and writes, for input NAME.ext:
              DIR/NAME.png          8-bit grey map of HELEN-11 ids, the input's width and height: 0 background,
                                    1 skin, 2 left brow, 3 right brow, 4 left eye, 5 right eye, 6 nose, 7 upper lip,
                                    8 inner mouth, 9 lower lip, 10 hair ("left" is the person's left)
              DIR/NAME.overlay.png  the labels painted over the photo
              DIR/NAME.json         faces and pixels per class (with --json)
            Options:
              --out DIR          output folder, made if missing (required)
            """ + ParserOptions.HELP + """
              --aligned          each image is one face already framed like the training crops (CelebA-HQ):
                                 no face detection
              --whole-image      run RNN-G once over the whole image: many small faces at once, no detection
              --json             also write NAME.json
              --batch N          images parsed together; default %d
            Files in a folder that are not images are skipped; an image without a face gives an all-background map;
            an unreadable file is reported and the exit code is 1 once the others are done.
            """.formatted(FaceParser.DEFAULT_BATCH_SIZE);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandException {
        Arguments a = Arguments.parse(args, ParserOptions.valueOptionsAnd(OUT, BATCH),
                ParserOptions.flagsAnd(ALIGNED, WHOLE_IMAGE, JSON));
        if (a.helpRequested()) {
            out.print(usage());
            return OK;
        }
        if (a.operands().isEmpty()) {
            throw new UsageException("No image or folder given");
        }
        Path outDir = a.requiredPath(OUT, "DIR");
        int batch = a.intValue(BATCH, FaceParser.DEFAULT_BATCH_SIZE, 1);
        FaceParser.Builder builder = ParserOptions.builder(a).optWholeImage(a.flag(WHOLE_IMAGE));
        if (a.flag(ALIGNED)) {
            builder.optDetectFaces(false);
        }
        Job job = new Job(InputScan.of(a.operands()), outDir, a.flag(JSON), batch, a.flag(WHOLE_IMAGE), out, err);
        return job.run(builder, ParserOptions.configuration(a));
    }

    /**
     * The no-argument run: parses the bundled sample photo with the bundled weights of the default configuration into
     * {@code outDir}.
     */
    int runOnSample(Path outDir, PrintStream out, PrintStream err) throws CommandException {
        out.println("Parsing the bundled sample photo with the bundled weights into " + outDir.toAbsolutePath()
                .normalize() + " (run with --help for the commands)");
        Job job = new Job(InputScan.ofResource(SAMPLE), outDir, false, 1, false, out, err);
        return job.run(FaceParser.builder(), ParserConfiguration.TWO_STAGE);
    }

    /** One run over a list of images. */
    private static final class Job {
        private final InputScan scan;
        private final List<ImageInput> images;
        private final Path outDir;
        private final boolean json;
        private final int batch;
        /** In whole-image mode no faces are reported, so "no face found" would be wrong. */
        private final boolean wholeImage;
        private final PrintStream out;
        private final PrintStream err;
        private ProgressBar bar;
        private int parsed;
        private int faces;
        private int failures;

        Job(InputScan scan, Path outDir, boolean json, int batch, boolean wholeImage, PrintStream out,
                PrintStream err) {
            this.scan = scan;
            this.images = scan.images();
            this.outDir = outDir;
            this.json = json;
            this.batch = batch;
            this.wholeImage = wholeImage;
            this.out = out;
            this.err = err;
        }

        int run(FaceParser.Builder builder, ParserConfiguration configuration) throws CommandException {
            scan.skipped().forEach(err::println);
            scan.errors().forEach(e -> err.println("error: " + e));
            failures = scan.errors().size();
            if (images.isEmpty()) {
                err.println("No images to parse");
                return FAILURE;
            }
            try (FaceParser parser = ParserOptions.open(builder, configuration)) {
                try {
                    Files.createDirectories(outDir);
                } catch (IOException e) {
                    throw new CommandException("Cannot make the output folder " + outDir + ": " + e.getMessage(), e);
                }
                ParsingWriter writer = new ParsingWriter(outDir, json, images);
                bar = scan.anyFolder() ? ProgressBar.shown(err, images.size()) : ProgressBar.hidden(err);
                int next = 0;
                while (next < images.size()) {
                    next = parseChunk(parser, writer, next);
                }
                bar.finish();
            }
            double seconds = bar.elapsedSeconds();
            out.printf(Locale.ROOT, "Parsed %d of %d images (%s) in %.1f s, %.2f images/s, into %s%s%s%n",
                    parsed, images.size(), faceCount(faces), seconds, parsed / seconds, outDir,
                    scan.skipped().isEmpty() ? "" : "; skipped " + scan.skipped().size() + " (not images)",
                    failures == 0 ? "" : "; " + failures + " failed");
            return failures == 0 ? OK : FAILURE;
        }

        /** Reads, parses and writes the images from {@code from} on, up to a batch; returns the next index. */
        private int parseChunk(FaceParser parser, ParsingWriter writer, int from) {
            List<ImageInput> inputs = new ArrayList<>();
            List<BufferedImage> decoded = new ArrayList<>();
            long pixels = 0;
            int next = from;
            while (next < images.size() && decoded.size() < batch && pixels < CHUNK_PIXELS) {
                ImageInput input = images.get(next++);
                try {
                    BufferedImage image = input.read();
                    inputs.add(input);
                    decoded.add(image);
                    pixels += (long) image.getWidth() * image.getHeight();
                } catch (IOException e) {
                    fail(input, e.getMessage());
                }
            }
            List<FaceParsing> results = parseAllOrEach(parser, inputs, decoded);
            int chunkFaces = 0;
            for (int i = 0; i < inputs.size(); i++) {
                if (results.get(i) != null) {
                    chunkFaces += write(writer, inputs.get(i), results.get(i));
                }
            }
            bar.advance(next - from, chunkFaces);
            return next;
        }

        /** Writes the files of one input and reports it; returns its number of faces. */
        private int write(ParsingWriter writer, ImageInput input, FaceParsing parsing) {
            try {
                List<Path> written = writer.write(input, parsing);
                parsed++;
                faces += parsing.faces().size();
                if (parsing.faces().isEmpty() && !wholeImage) {
                    bar.message(input.label() + ": no face found; wrote an all-background map to "
                            + written.get(0));
                } else if (!scan.anyFolder()) {
                    out.println(input.label() + ": " + describeFaces(parsing) + " -> " + written.stream()
                            .map(Path::toString).collect(Collectors.joining(", ")));
                }
            } catch (IOException e) {
                fail(input, e.getMessage());
            }
            return parsing.faces().size();
        }

        /**
         * Parses the chunk in one call; if that throws, parses image by image so that only the image at fault
         * fails (null in the result).
         */
        private List<FaceParsing> parseAllOrEach(FaceParser parser, List<ImageInput> inputs,
                List<BufferedImage> decoded) {
            try {
                return parser.parseAll(decoded);
            } catch (RuntimeException chunkFailure) {
                List<FaceParsing> results = new ArrayList<>(decoded.size());
                for (int i = 0; i < decoded.size(); i++) {
                    try {
                        results.add(parser.parse(decoded.get(i)));
                    } catch (RuntimeException e) {
                        fail(inputs.get(i), "cannot parse: " + e);
                        results.add(null);
                    }
                }
                return results;
            }
        }

        private String describeFaces(FaceParsing parsing) {
            return wholeImage ? "whole image" : faceCount(parsing.faces().size());
        }

        private static String faceCount(int n) {
            return n == 1 ? "1 face" : n + " faces";
        }

        /** Counts a failure and prints it as one line that names the input. */
        private void fail(ImageInput input, String message) {
            failures++;
            String text = message == null ? "unknown error" : message;
            bar.message("error: " + (text.startsWith(input.label()) ? text : input.label() + ": " + text));
        }
    }
}
