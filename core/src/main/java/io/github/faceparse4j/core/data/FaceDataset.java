package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.image.ImageFiles;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A directory of labelled faces, read lazily: {@code images/NAME.jpg}, {@code labels/NAME.png} (8-bit grey, one
 * class id per pixel) and a list file with one {@code NAME} per line, the layout of the shared
 * {@code celebamask-5k} set (lists {@code train.txt} and {@code val.txt}).
 *
 * <p>Opening a dataset reads the list and checks that every listed image and label file exists; the pixels are read
 * only by {@link #load(int)}, which checks the sample: a decodable image, a label map of the same size, ids inside
 * the label scheme. Every problem is an {@link IOException} whose message names the offending file.
 *
 * <p>Immutable and thread-safe: {@link #load(int)} may be called from several threads at once.
 */
public final class FaceDataset {

    /** Directory the relative paths are resolved against. */
    private final Path root;
    /** The list file the names came from. */
    private final Path listFile;
    private final Path imageDir;
    private final Path labelDir;
    /** Image file name suffix, with the dot. */
    private final String imageExtension;
    /** Label file name suffix, with the dot. */
    private final String labelExtension;
    /** Scheme of the ids in the label files. */
    private final LabelScheme scheme;
    /** Sample names in list order; unmodifiable. */
    private final List<String> names;

    /** Takes a builder's settings with every path resolved against its root. */
    private FaceDataset(Builder builder, List<String> names) {
        this.root = builder.root;
        this.listFile = builder.root.resolve(builder.listFile);
        this.imageDir = builder.root.resolve(builder.imageDir);
        this.labelDir = builder.root.resolve(builder.labelDir);
        this.imageExtension = builder.imageExtension;
        this.labelExtension = builder.labelExtension;
        this.scheme = builder.scheme;
        this.names = List.copyOf(names);
    }

    /** A dataset with {@code parent}'s already resolved paths and settings and the given names. */
    private FaceDataset(FaceDataset parent, List<String> names) {
        this.root = parent.root;
        this.listFile = parent.listFile;
        this.imageDir = parent.imageDir;
        this.labelDir = parent.labelDir;
        this.imageExtension = parent.imageExtension;
        this.labelExtension = parent.labelExtension;
        this.scheme = parent.scheme;
        this.names = List.copyOf(names);
    }

    /**
     * Opens a dataset in the {@code celebamask-5k} layout: {@code root/images/*.jpg}, {@code root/labels/*.png}
     * with CelebAMask-19 ids, and the list {@code root/listFileName}.
     *
     * @param listFileName the list file inside {@code root}, such as {@code "train.txt"} or {@code "val.txt"}
     * @throws IOException naming the file if the list is missing or empty or a listed file is missing
     */
    public static FaceDataset open(Path root, String listFileName) throws IOException {
        return builder().setRoot(root).setListFile(listFileName).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The dataset directory. */
    public Path root() {
        return root;
    }

    /** The list file the sample names came from. */
    public Path listFile() {
        return listFile;
    }

    /** Scheme of the ids in the label files. */
    public LabelScheme scheme() {
        return scheme;
    }

    /** Number of samples in the list. */
    public int size() {
        return names.size();
    }

    /** Sample names in list order (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /** The name of sample {@code index}. */
    public String name(int index) {
        return names.get(index);
    }

    /** The image file of sample {@code index}. */
    public Path imagePath(int index) {
        return imageDir.resolve(names.get(index) + imageExtension);
    }

    /** The label file of sample {@code index}. */
    public Path labelPath(int index) {
        return labelDir.resolve(names.get(index) + labelExtension);
    }

    /**
     * Reads and checks sample {@code index}.
     *
     * @throws IOException naming the file if the image cannot be decoded, the label map cannot be decoded, is not
     *     8-bit single-band, holds an id outside {@link #scheme()}, or differs in size from the image
     */
    public FaceSample load(int index) throws IOException {
        Path imageFile = imagePath(index);
        BufferedImage image = ImageFiles.readRgb(imageFile);
        LabelMap labels = loadLabels(index);
        if (labels.width() != image.getWidth() || labels.height() != image.getHeight()) {
            throw new IOException(labelPath(index) + ": label map is " + labels.width() + "x" + labels.height()
                    + " but its image " + imageFile.getFileName() + " is " + image.getWidth() + "x"
                    + image.getHeight());
        }
        return new FaceSample(names.get(index), image, labels);
    }

    /**
     * Reads and checks only the label map of sample {@code index} (no image decode, so no size check against it).
     *
     * @throws IOException naming the file if it cannot be decoded, is not 8-bit single-band or holds an id outside
     *     {@link #scheme()}
     */
    public LabelMap loadLabels(int index) throws IOException {
        Path labelFile = labelPath(index);
        BufferedImage image = ImageFiles.read(labelFile);
        try {
            return LabelMap.fromGrayImage(scheme, image);
        } catch (IllegalArgumentException e) {
            throw new IOException(labelFile + ": " + e.getMessage(), e);
        }
    }

    /** The samples {@code fromIndex} (inclusive) to {@code toIndex} (exclusive) as a dataset of their own. */
    public FaceDataset subset(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, names.size());
        if (fromIndex == toIndex) {
            throw new IllegalArgumentException("Subset [" + fromIndex + ", " + toIndex + ") of " + listFile
                    + " would be empty");
        }
        return new FaceDataset(this, names.subList(fromIndex, toIndex));
    }

    @Override
    public String toString() {
        return "FaceDataset[" + listFile + ", " + names.size() + " samples]";
    }

    /** Builds a {@link FaceDataset}; {@code setRoot} and {@code setListFile} are required. */
    public static final class Builder {

        private Path root;
        private Path listFile;
        private Path imageDir = Path.of("images");
        private Path labelDir = Path.of("labels");
        private String imageExtension = ".jpg";
        private String labelExtension = ".png";
        private LabelScheme scheme = LabelScheme.CELEBAMASK_19;

        private Builder() {
        }

        /** The dataset directory; relative paths given to the other setters are resolved against it. */
        public Builder setRoot(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The list file, relative to the root or absolute. */
        public Builder setListFile(Path listFile) {
            this.listFile = Objects.requireNonNull(listFile, "listFile");
            return this;
        }

        /** The list file's name inside the root, such as {@code "val.txt"}. */
        public Builder setListFile(String listFileName) {
            return setListFile(Path.of(listFileName));
        }

        /** Image directory, relative to the root or absolute; default {@code images}. */
        public Builder optImageDir(Path imageDir) {
            this.imageDir = Objects.requireNonNull(imageDir, "imageDir");
            return this;
        }

        /** Label directory, relative to the root or absolute; default {@code labels}. */
        public Builder optLabelDir(Path labelDir) {
            this.labelDir = Objects.requireNonNull(labelDir, "labelDir");
            return this;
        }

        /** Image file suffix including the dot; default {@code .jpg}. */
        public Builder optImageExtension(String imageExtension) {
            this.imageExtension = Objects.requireNonNull(imageExtension, "imageExtension");
            return this;
        }

        /** Label file suffix including the dot; default {@code .png}. */
        public Builder optLabelExtension(String labelExtension) {
            this.labelExtension = Objects.requireNonNull(labelExtension, "labelExtension");
            return this;
        }

        /** Scheme of the ids in the label files; default {@link LabelScheme#CELEBAMASK_19}. */
        public Builder optScheme(LabelScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Reads the list file and checks that every listed image and label file exists.
         *
         * @throws IOException naming the file if the list is missing, empty, or repeats a name, or if listed files
         *     are missing (the first few are named, with the total count)
         */
        public FaceDataset build() throws IOException {
            if (root == null || listFile == null) {
                throw new IllegalStateException("FaceDataset needs setRoot and setListFile");
            }
            Path list = root.resolve(listFile);
            if (!Files.isRegularFile(list)) {
                throw new NoSuchFileException(list.toString(), null, "dataset list file not found");
            }
            FaceDataset dataset = new FaceDataset(this, readNames(list));
            checkFilesExist(dataset);
            return dataset;
        }

        private static List<String> readNames(Path listFile) throws IOException {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String name = lines.get(i).strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new IOException(listFile + ": line " + (i + 1) + " repeats the name '" + name + "'");
                }
                names.add(name);
            }
            if (names.isEmpty()) {
                throw new IOException(listFile + ": the dataset list is empty (no sample names)");
            }
            return names;
        }

        private static void checkFilesExist(FaceDataset dataset) throws IOException {
            List<Path> missing = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < dataset.size(); i++) {
                for (Path file : List.of(dataset.imagePath(i), dataset.labelPath(i))) {
                    if (!Files.isRegularFile(file)) {
                        count++;
                        if (missing.size() < 5) {
                            missing.add(file);
                        }
                    }
                }
            }
            if (count > 0) {
                throw new NoSuchFileException(missing.get(0).toString(), null, count + " file(s) listed in "
                        + dataset.listFile + " are missing, e.g. " + missing);
            }
        }
    }
}
