package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.pipeline.ParserModel;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finds and loads the networks a parser needs, after {@link FastPath#ensure()}. For each {@link ParserModel} the
 * first of these wins: a file given for that model, {@link ParserModel#fileName()} in the model directory (when one
 * is given; the file must then be there), or the {@link BundledModels bundled weights}.
 *
 * <p>Not thread-safe; one loader per parser build.
 */
public final class NetworkLoader {

    private final Map<ParserModel, Path> files;
    /** Folder of model files, or null. */
    private final Path directory;
    private final BundledModels bundled;
    /** What the networks are for, e.g. "configuration TWO_STAGE", for messages. */
    private final String purpose;
    /** Passed to every {@link StageNetwork#of(ParserModel, ModelFile, boolean)}. */
    private final boolean mirrorAveraging;

    public NetworkLoader(Map<ParserModel, Path> files, Path directory, BundledModels bundled, String purpose) {
        this(files, directory, bundled, purpose, false);
    }

    public NetworkLoader(Map<ParserModel, Path> files, Path directory, BundledModels bundled, String purpose,
            boolean mirrorAveraging) {
        this.files = Map.copyOf(files);
        this.directory = directory;
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.purpose = purpose;
        this.mirrorAveraging = mirrorAveraging;
    }

    /**
     * Loads every model in {@code needed}; on failure, the networks loaded so far are closed.
     *
     * @throws IOException              naming the file if one cannot be read or is not a model file, or if a model
     *                                  has neither a file nor bundled weights
     * @throws IllegalArgumentException naming the file if a network does not fit its role
     */
    public Map<ParserModel, StageNetwork> load(Collection<ParserModel> needed) throws IOException {
        FastPath.ensure(); // before any network is deserialised, or its layers miss the fast helpers for good
        Map<ParserModel, StageNetwork> loaded = new EnumMap<>(ParserModel.class);
        try {
            for (ParserModel model : needed) {
                loaded.put(model, StageNetwork.of(model, open(model), mirrorAveraging));
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            loaded.values().forEach(StageNetwork::close);
            throw e;
        }
    }

    private ModelFile open(ParserModel model) throws IOException {
        Path file = files.get(model);
        if (file == null && directory != null) {
            file = directory.resolve(model.fileName());
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no " + model + " model in the model directory "
                        + directory + " (" + purpose + " needs " + model.fileName() + ")");
            }
        }
        if (file != null) {
            return ModelFile.load(file, model.expectations());
        }
        if (!bundled.contains(model)) {
            throw new FileNotFoundException("No bundled weights for " + purpose + ": " + bundled.resource(model)
                    + " is not in the jar. Train the " + model + " network (see pipeline/README.md) and pass its "
                    + "folder with optModelDirectory(dir), or the file with optModel(ParserModel." + model
                    + ", file)");
        }
        return bundled.load(model);
    }
}
