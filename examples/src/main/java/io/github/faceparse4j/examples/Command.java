package io.github.faceparse4j.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@link FaceParse4jCli}, such as {@code parse}. A command writes results to {@code out} and
 * messages (progress, skipped files, errors) to {@code err}, and returns the process exit code.
 */
interface Command {

    /** Exit code: everything worked. */
    int OK = 0;
    /** Exit code: the command ran, but something failed (an unreadable file, missing weights, ...). */
    int FAILURE = 1;
    /** Exit code: the command line is wrong; nothing was done. */
    int USAGE = 2;

    /** The word that selects the command, e.g. {@code "parse"}. */
    String name();

    /** One line for the overview of all commands. */
    String summary();

    /** The full help text, ending with a newline. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return {@link #OK} or {@link #FAILURE}
     * @throws CommandException if the command cannot go on (a {@link UsageException} for a wrong command line)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws CommandException;
}
