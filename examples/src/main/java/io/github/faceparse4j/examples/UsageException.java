package io.github.faceparse4j.examples;

/**
 * A wrong command line: an unknown option, a missing or malformed value, contradicting options. {@link FaceParse4jCli}
 * prints the message and the command's usage and exits with {@link Command#USAGE}.
 */
final class UsageException extends CommandException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, Command.USAGE, null);
    }
}
