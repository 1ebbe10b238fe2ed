package io.github.faceparse4j.rnngate.train;

import java.io.IOException;

/** How the mains of this package end on bad arguments: the message on standard error and exit status 2. */
final class CommandLine {

    /** The work of a main; may fail with an I/O error (which propagates) or bad arguments. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    private CommandLine() {
    }

    /** Runs {@code body}; an {@link IllegalArgumentException} prints its message and exits with status 2. */
    static void run(Body body) throws IOException {
        try {
            body.run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
