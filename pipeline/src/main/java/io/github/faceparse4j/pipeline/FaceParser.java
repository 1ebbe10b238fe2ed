package io.github.faceparse4j.pipeline;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.pipeline.internal.BundledModels;
import io.github.faceparse4j.pipeline.internal.CropParser;
import io.github.faceparse4j.pipeline.internal.FaceCrop;
import io.github.faceparse4j.pipeline.internal.FaceDetector;
import io.github.faceparse4j.pipeline.internal.LabelCanvas;
import io.github.faceparse4j.pipeline.internal.NetworkLoader;
import io.github.faceparse4j.pipeline.internal.StageNetwork;
import io.github.faceparse4j.pipeline.internal.WorkingCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Parses faces in photos into HELEN-11 label maps at the photo's resolution.
 *
 * <pre>{@code
 * try (FaceParser parser = FaceParser.builder().build()) {
 *     FaceParsing result = parser.parse(ImageIO.read(file));
 *     LabelMap labels = result.labelMap();          // one byte per pixel, HELEN-11 ids
 *     BufferedImage hair = result.mask("hair");
 *     ImageIO.write(result.overlay(), "png", out);
 * }
 * }</pre>
 *
 * <p><b>Steps.</b> Faces are found with OpenCV's LBP frontal-face cascade on a copy of the image shrunk to at most
 * {@link Builder#optMaxImageSide} pixels on its longer side. Each face is cut out of the full-resolution image into a
 * 256² crop in the framing of the CelebA-HQ training faces, parsed by the networks of the
 * {@link ParserConfiguration}, and its labels are pasted back (nearest neighbour) into one map of the whole image;
 * pixels outside every face are background. Where faces' crops overlap, each pixel goes to the face it lies most
 * centrally in. An image with no face gives an all-background map, not an error.
 *
 * <p><b>Modes.</b> With {@link Builder#optDetectFaces optDetectFaces(false)} the whole image is taken as one face
 * already in the training framing (a CelebA-HQ-like crop) and resized to 256². With
 * {@link Builder#optWholeImage optWholeImage(true)} RNN-G runs once over the whole (shrunk) image, with no detection
 * and no crops, which labels any number of faces at once; faces then parse best at about the training scale, a face
 * box of roughly 55 pixels in the working copy.
 *
 * <p><b>Input.</b> Any {@link BufferedImage}: grey, 16-bit, indexed, with alpha (composited over black) and CMYK are
 * converted as {@link io.github.faceparse4j.core.image.RgbImages} describes. Only the shrunk copy and the face crops
 * are converted, so a huge image costs, beyond itself, about two bytes per pixel at the end (the label map and its
 * copy into an immutable {@link LabelMap}) plus a bounded working set.
 *
 * <p><b>Thread-safety.</b> A parser is thread-safe: {@link #parse} and {@link #parseAll} may be called from several
 * threads at once. Each network and the detector run one call at a time (DL4J graphs and OpenCV classifiers are not
 * re-entrant), so concurrent calls overlap only in image handling; for throughput, pass many images to
 * {@link #parseAll}, which runs the faces of all of them through each network in batches. {@link #close()} waits for
 * running calls to finish; calls after it throw {@link IllegalStateException}.
 */
public final class FaceParser implements AutoCloseable {

    /** Default of {@link Builder#optMaxImageSide}. */
    public static final int DEFAULT_MAX_IMAGE_SIDE = 1024;
    /** Default of {@link Builder#optBatchSize}. */
    public static final int DEFAULT_BATCH_SIZE = 8;
    /** Whole-image inputs are padded to a multiple of this, which RNN-G's two 2x poolings need. */
    private static final int WHOLE_IMAGE_MULTIPLE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(FaceParser.class);

    private final ParserConfiguration configuration;
    private final boolean detectFaces;
    private final boolean wholeImage;
    private final int maxImageSide;
    /** Every loaded network, closed with the parser. */
    private final Map<ParserModel, StageNetwork> networks;
    /** Parses crops; unused in whole-image mode. */
    private final CropParser cropParser;
    /** Null unless faces are detected. */
    private final FaceDetector detector;
    /** Parses hold the read lock, {@link #close()} the write lock. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Guarded by {@link #lifecycle}. */
    private boolean closed;

    private FaceParser(Builder b, Map<ParserModel, StageNetwork> networks, FaceDetector detector) {
        this.configuration = b.configuration;
        this.detectFaces = b.detectFaces;
        this.wholeImage = b.wholeImage;
        this.maxImageSide = b.maxImageSide;
        this.networks = networks;
        this.cropParser = wholeImage ? null : new CropParser(configuration, networks, b.batchSize);
        this.detector = detector;
    }

    /** A builder with the defaults: {@link ParserConfiguration#TWO_STAGE}, bundled weights, face detection on. */
    public static Builder builder() {
        return new Builder();
    }

    public ParserConfiguration configuration() {
        return configuration;
    }

    /**
     * Parses one image.
     *
     * @throws NullPointerException  if the image is null
     * @throws IllegalStateException if the parser is closed
     */
    public FaceParsing parse(BufferedImage image) {
        return parseAll(List.of(Objects.requireNonNull(image, "image"))).get(0);
    }

    /**
     * Parses several images; the faces of all of them go through each network in batches, so this is faster than
     * one {@link #parse} per image, with the same results. All face crops of the list are held at once (256 KB each),
     * so pass very long lists in parts.
     *
     * @return one result per image, in order
     * @throws NullPointerException  naming the index if an image is null
     * @throws IllegalStateException if the parser is closed
     */
    public List<FaceParsing> parseAll(List<BufferedImage> images) {
        Objects.requireNonNull(images, "images");
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) == null) {
                throw new NullPointerException("images[" + i + "] is null");
            }
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("This FaceParser is closed");
            }
            return wholeImage ? images.stream().map(this::parseWholeImage).toList() : parseFaces(images);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<FaceParsing> parseFaces(List<BufferedImage> images) {
        List<List<FaceBox>> faces = new ArrayList<>(images.size());
        List<List<FaceCrop>> crops = new ArrayList<>(images.size());
        List<BufferedImage> cropImages = new ArrayList<>();
        for (BufferedImage image : images) {
            int w = image.getWidth();
            int h = image.getHeight();
            List<FaceBox> found = detectFaces ? detector.detect(WorkingCopy.of(image, maxImageSide))
                    : List.of(new FaceBox(0, 0, w, h));
            List<FaceCrop> imageCrops = detectFaces ? found.stream().map(b -> FaceCrop.around(b, w, h)).toList()
                    : List.of(FaceCrop.wholeImage(w, h));
            faces.add(found);
            crops.add(imageCrops);
            for (FaceCrop crop : imageCrops) {
                cropImages.add(crop.cut(image));
            }
        }
        List<LabelMap> cropLabels = cropParser.parse(cropImages);
        List<FaceParsing> results = new ArrayList<>(images.size());
        int next = 0;
        String mode = detectFaces ? "detected" : "aligned";
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            List<FaceCrop> imageCrops = crops.get(i);
            LabelMap labels;
            if (imageCrops.isEmpty()) {
                labels = LabelMap.filled(LabelScheme.HELEN_11, image.getWidth(), image.getHeight(), 0);
            } else {
                LabelCanvas canvas = new LabelCanvas(LabelScheme.HELEN_11, image.getWidth(), image.getHeight());
                for (int f = 0; f < imageCrops.size(); f++) {
                    canvas.paste(cropLabels.get(next++), f, imageCrops);
                }
                labels = canvas.toLabelMap();
            }
            results.add(new FaceParsing(image, labels, faces.get(i), configuration, mode));
        }
        return results;
    }

    private FaceParsing parseWholeImage(BufferedImage image) {
        WorkingCopy copy = WorkingCopy.of(image, maxImageSide);
        BufferedImage padded = copy.paddedTo(WHOLE_IMAGE_MULTIPLE);
        byte[] classes = networks.get(ParserModel.RNNG_HELEN).classifyAtOwnSize(padded);
        LabelMap small = LabelMap.of(LabelScheme.HELEN_11, padded.getWidth(), padded.getHeight(), classes)
                .crop(0, 0, copy.rgb().getWidth(), copy.rgb().getHeight(), 0);
        LabelCanvas canvas = new LabelCanvas(LabelScheme.HELEN_11, image.getWidth(), image.getHeight());
        canvas.fillFromShrunk(small, copy.factor());
        return new FaceParsing(image, canvas.toLabelMap(), List.of(), configuration, "whole-image");
    }

    /** Frees the networks and the detector, after waiting for running parses. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                networks.values().forEach(StageNetwork::close);
                if (detector != null) {
                    detector.close();
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        String mode = wholeImage ? "whole image" : detectFaces ? "detect faces" : "aligned faces";
        return "FaceParser[" + configuration + ", " + mode + ", " + networks.values() + "]";
    }

    /**
     * Configures a {@link FaceParser}. Every option is optional; {@link #build()} loads the networks and checks that
     * they fit.
     */
    public static final class Builder {
        private ParserConfiguration configuration = ParserConfiguration.TWO_STAGE;
        private Path modelDirectory;
        private final Map<ParserModel, Path> modelFiles = new EnumMap<>(ParserModel.class);
        private boolean detectFaces = true;
        private boolean detectFacesSet;
        private boolean wholeImage;
        private int maxImageSide = DEFAULT_MAX_IMAGE_SIDE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean mirrorAveraging;
        private BundledModels bundled = BundledModels.standard();

        private Builder() {
        }

        /** Which networks run; {@link ParserConfiguration#TWO_STAGE} by default. */
        public Builder optConfiguration(ParserConfiguration configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * A folder holding the model files, named as {@link ParserModel#fileName()} says, instead of the bundled
         * weights. Every model the configuration needs must then be in it, unless given by {@link #optModel}.
         */
        public Builder optModelDirectory(Path directory) {
            this.modelDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** One model file for one role; it takes precedence over the model directory and the bundled weights. */
        public Builder optModel(ParserModel model, Path file) {
            modelFiles.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Whether to detect faces ({@code true}, the default), or to take each whole image as one face already in
         * the training framing (a CelebA-HQ-like square crop; other aspect ratios are stretched).
         */
        public Builder optDetectFaces(boolean detectFaces) {
            this.detectFaces = detectFaces;
            this.detectFacesSet = true;
            return this;
        }

        /**
         * Whether to run RNN-G once over the whole image instead of detecting and cropping faces: many faces at
         * once, at RNN-G's resolution, with {@link FaceParsing#faces()} empty. Needs a configuration with RNN-G;
         * off by default.
         */
        public Builder optWholeImage(boolean wholeImage) {
            this.wholeImage = wholeImage;
            return this;
        }

        /**
         * Longest side, in pixels, of the shrunk copy that detection and whole-image parsing run on;
         * {@value FaceParser#DEFAULT_MAX_IMAGE_SIDE} by default. Larger images are shrunk by an integer factor
         * (area averaging) for those steps, which bounds their time and memory; face crops are still cut from the
         * full-resolution image, and the label map always has the input's size.
         *
         * @throws IllegalArgumentException if below 64
         */
        public Builder optMaxImageSide(int maxImageSide) {
            if (maxImageSide < 64) {
                throw new IllegalArgumentException("Maximum image side must be at least 64, got " + maxImageSide);
            }
            this.maxImageSide = maxImageSide;
            return this;
        }

        /**
         * Largest number of faces (or part patches) one network sees at once; {@value FaceParser#DEFAULT_BATCH_SIZE}
         * by default. Larger batches are faster per face on many cores and take more memory.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("Batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether RNN-G scores each face twice, as it is and mirrored left to right, and averages the two (left/right
         * classes swapped back); off by default. It doubles RNN-G's share of the parse time; on the validation faces
         * it raised {@link ParserConfiguration#RNNG_ONE_STAGE}'s overall F from 80.3 to 81.2 and TWO_STAGE's skin F
         * from 90.9 to 91.3 (README). The iCNN networks run once either way.
         */
        public Builder optMirrorAveraging(boolean mirrorAveraging) {
            this.mirrorAveraging = mirrorAveraging;
            return this;
        }

        /** Another class-path folder of bundled weights, for tests; see {@link BundledModels}. */
        Builder optBundledModels(String classPathFolder) {
            this.bundled = new BundledModels(classPathFolder);
            return this;
        }

        /**
         * Loads the networks (and the face detector) and checks each against its role.
         *
         * @throws IOException              naming the file if a model file is missing, unreadable, fails its
         *                                  checksum, or is not bundled and no file was given
         * @throws IllegalArgumentException naming the file if a model's kind, label scheme, input size or output
         *                                  shape does not fit its role
         * @throws IllegalStateException    if the options contradict each other (whole-image mode with a
         *                                  configuration without RNN-G, or with face detection switched off)
         */
        public FaceParser build() throws IOException {
            if (wholeImage && !configuration.usesRnnG()) {
                throw new IllegalStateException("Whole-image mode runs RNN-G, which configuration " + configuration
                        + " does not use; choose " + ParserConfiguration.TWO_STAGE + " or "
                        + ParserConfiguration.RNNG_ONE_STAGE);
            }
            if (wholeImage && detectFacesSet && !detectFaces) {
                throw new IllegalStateException("optWholeImage(true) parses many faces in a photo, "
                        + "optDetectFaces(false) says the image is one aligned face; choose one");
            }
            List<ParserModel> needed = wholeImage ? List.of(ParserModel.RNNG_HELEN) : configuration.models();
            for (ParserModel given : modelFiles.keySet()) {
                if (!needed.contains(given)) {
                    LOG.warn("Model file for {} is not used: {} does not run it", given, wholeImage
                            ? "whole-image mode" : "configuration " + configuration);
                }
            }
            FastPath.ensure();
            String purpose = "configuration " + configuration + (wholeImage ? " (whole-image mode)" : "");
            Map<ParserModel, StageNetwork> networks =
                    new NetworkLoader(modelFiles, modelDirectory, bundled, purpose, mirrorAveraging).load(needed);
            FaceDetector detector = null;
            try {
                if (detectFaces && !wholeImage) {
                    detector = FaceDetector.load();
                }
                return new FaceParser(this, networks, detector);
            } catch (IOException | RuntimeException e) {
                networks.values().forEach(StageNetwork::close);
                if (detector != null) {
                    detector.close();
                }
                throw e;
            }
        }
    }
}
