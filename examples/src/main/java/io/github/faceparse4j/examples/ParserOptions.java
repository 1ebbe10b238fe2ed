package io.github.faceparse4j.examples;

import io.github.faceparse4j.pipeline.FaceParser;
import io.github.faceparse4j.pipeline.ParserConfiguration;
import io.github.faceparse4j.pipeline.ParserModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options that choose a {@link FaceParser}'s networks, shared by {@code parse} and {@code evaluate}:
 * {@code --config two-stage|rnng|icnn} and {@code --models DIR}.
 */
final class ParserOptions {

    static final String CONFIG = "--config";
    static final String MODELS = "--models";
    static final String MIRROR = "--mirror";

    /** The help lines of the shared options, to paste into a command's usage. */
    static final String HELP = """
              --config C         two-stage (RNN-G stage 1 + iCNN parts, the default), rnng (RNN-G alone, the
                                 fastest) or icnn (the iCNN paper's pipeline: parts only, no skin or hair)
              --models DIR       a folder with the model files (rnn-g-helen11.model.zip, icnn-*.model.zip) to use
                                 instead of the bundled weights
              --mirror           RNN-G scores each face and its mirror image and averages them (about one point
                                 more overall F for rnng, twice RNN-G's time)
            """;

    /** Command-line names of the configurations. */
    private static final Map<String, ParserConfiguration> CONFIGURATIONS = Map.of(
            "two-stage", ParserConfiguration.TWO_STAGE,
            "rnng", ParserConfiguration.RNNG_ONE_STAGE,
            "icnn", ParserConfiguration.ICNN_TWO_STAGE);

    private ParserOptions() {
    }

    /** {@code --mirror} and a command's own flags, for {@link Arguments}. */
    static Set<String> flagsAnd(String... commandFlags) {
        Set<String> flags = new HashSet<>(Set.of(MIRROR));
        flags.addAll(List.of(commandFlags));
        return flags;
    }

    /** {@code --config}, {@code --models} and a command's own options that take a value, for {@link Arguments}. */
    static Set<String> valueOptionsAnd(String... commandOptions) {
        Set<String> options = new HashSet<>(Set.of(CONFIG, MODELS));
        options.addAll(List.of(commandOptions));
        return options;
    }

    /**
     * A builder with the configuration and model folder of {@code args}; the caller adds the mode.
     *
     * @throws UsageException if the configuration is unknown or the model folder does not exist
     */
    static FaceParser.Builder builder(Arguments args) throws UsageException {
        FaceParser.Builder builder = FaceParser.builder().optConfiguration(configuration(args))
                .optMirrorAveraging(args.flag(MIRROR));
        Path models = args.path(MODELS, null);
        if (models != null) {
            if (!Files.isDirectory(models)) {
                throw new UsageException(MODELS + " " + models + ": no such folder");
            }
            builder.optModelDirectory(models);
        }
        return builder;
    }

    /** The configuration {@code --config} names; {@link ParserConfiguration#TWO_STAGE} if absent. */
    static ParserConfiguration configuration(Arguments args) throws UsageException {
        String name = args.value(CONFIG).orElse("two-stage").toLowerCase(Locale.ROOT);
        ParserConfiguration configuration = CONFIGURATIONS.get(name);
        if (configuration == null) {
            try {
                configuration = ParserConfiguration.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new UsageException(CONFIG + " must be two-stage, rnng or icnn, got '" + name + "'");
            }
        }
        return configuration;
    }

    /**
     * Builds the parser: loads and checks its networks.
     *
     * @throws UsageException   if the options contradict each other (e.g. whole-image mode with the iCNN pipeline)
     * @throws CommandException with the pipeline's message, which says how to get the weights, if a model is
     *                          missing, unreadable or does not fit its role
     */
    static FaceParser open(FaceParser.Builder builder, ParserConfiguration configuration) throws CommandException {
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            String files = configuration.models().stream().map(ParserModel::fileName)
                    .collect(Collectors.joining(", "));
            throw new CommandException("Cannot load the networks: " + e.getMessage()
                    + "\nOn this command line: give a folder holding " + files + " with " + MODELS
                    + " DIR (train them with the 'train' command).", e);
        }
    }
}
