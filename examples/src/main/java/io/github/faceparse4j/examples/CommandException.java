package io.github.faceparse4j.examples;

/**
 * Stops a {@link Command}: {@link FaceParse4jCli} prints the message (one line, naming the file or value at fault)
 * and exits with {@link #exitCode()}.
 */
class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with exit code {@link Command#FAILURE}. */
    CommandException(String message) {
        this(message, Command.FAILURE, null);
    }

    /** A failure with exit code {@link Command#FAILURE}, caused by {@code cause}. */
    CommandException(String message, Throwable cause) {
        this(message, Command.FAILURE, cause);
    }

    CommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure ends with. */
    int exitCode() {
        return exitCode;
    }
}
