package io.github.faceparse4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code stats [DIR]}: the HELEN-11 class pixel frequencies of a dataset's splits ({@link DatasetStats}). */
final class StatsCommand implements Command {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String summary() {
        return "HELEN-11 class pixel frequency of each split of a dataset";
    }

    @Override
    public String usage() {
        return """
            Usage: faceparse4j stats [DIR]
            Prints, for train.txt and val.txt of DIR (images/, labels/ with CelebAMask-19 ids), the number of images
            and the share of pixels of each HELEN-11 class. DIR defaults to %s.
            """.formatted(EvaluateCommand.DEFAULT_DATA);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandException {
        Arguments a = Arguments.parse(args, Set.of(), Set.of());
        if (a.helpRequested()) {
            out.print(usage());
            return OK;
        }
        if (a.operands().size() > 1) {
            throw new UsageException("One dataset folder at most, got " + a.operands().size());
        }
        Path root = a.operands().isEmpty() ? EvaluateCommand.DEFAULT_DATA : Path.of(a.operands().get(0));
        if (!Files.isDirectory(root)) {
            throw new CommandException("Dataset folder not found: " + root.toAbsolutePath().normalize());
        }
        try {
            DatasetStats.print(root, out);
        } catch (IOException e) {
            throw new CommandException(e.getMessage(), e);
        }
        return OK;
    }
}
