package io.github.faceparse4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The FaceParse4J command line: {@code faceparse4j COMMAND [ARGS...]} with the commands {@code parse},
 * {@code evaluate}, {@code train}, {@code bench} and {@code stats}; {@code --help} lists them and
 * {@code COMMAND --help} explains one. With no arguments it parses the bundled sample photo with the bundled
 * weights into {@code ./faceparse4j-out}.
 *
 * <p>From Maven: {@code mvn -q -pl examples -am compile exec:java -Dexec.args="parse photo.jpg --out out"}.
 *
 * <p>Exit codes: 0 success, 1 failure (an unreadable image, missing weights, ...), 2 wrong command line.
 */
public final class FaceParse4jCli {

    /** How the usage texts name the program. */
    static final String PROGRAM = "faceparse4j";

    private static final List<Command> COMMANDS = List.of(new ParseCommand(), new EvaluateCommand(),
            new TrainCommand(), new BenchCommand(), new StatsCommand());

    private FaceParse4jCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command line.
     *
     * @param out where results go
     * @param err where progress, messages and errors go
     * @return the exit code: {@link Command#OK}, {@link Command#FAILURE} or {@link Command#USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return runCommand(() -> new ParseCommand().runOnSample(ParseCommand.DEFAULT_OUT, out, err), null, err);
        }
        String first = args[0];
        if (first.equals(Arguments.HELP) || first.equals("-h") || first.equals("help")) {
            Optional<Command> topic = args.length > 1 ? find(args[1]) : Optional.empty();
            out.print(topic.map(Command::usage).orElseGet(FaceParse4jCli::usage));
            return Command.OK;
        }
        Optional<Command> command = find(first);
        if (command.isEmpty()) {
            err.println(PROGRAM + ": unknown command '" + first + "'");
            err.print(usage());
            return Command.USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return runCommand(() -> command.get().run(rest, out, err), command.get(), err);
    }

    /** The overview of the commands. */
    static String usage() {
        StringBuilder text = new StringBuilder("Usage: " + PROGRAM + " COMMAND [ARGS...]\n")
                .append("With no arguments: parse the bundled sample photo with the bundled weights into ")
                .append(ParseCommand.DEFAULT_OUT).append("/.\nCommands:\n");
        for (Command c : COMMANDS) {
            text.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        return text.append("Run '").append(PROGRAM).append(" COMMAND --help' for a command's options.\n")
                .append("Exit codes: 0 success, 1 failure, 2 wrong command line.\n").toString();
    }

    private static Optional<Command> find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Runs a command body, printing a {@link CommandException}'s message (and the usage for a wrong command line). */
    private static int runCommand(CommandBody body, Command command, PrintStream err) {
        try {
            return body.run();
        } catch (UsageException e) {
            String name = command == null ? PROGRAM : PROGRAM + " " + command.name();
            err.println(name + ": " + e.getMessage());
            err.print(command == null ? usage() : command.usage());
            return e.exitCode();
        } catch (CommandException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        }
    }

    @FunctionalInterface
    private interface CommandBody {
        int run() throws CommandException;
    }
}
