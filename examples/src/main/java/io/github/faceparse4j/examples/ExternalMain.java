package io.github.faceparse4j.examples;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;

/**
 * The {@code main} of a class in a module that may not be part of this build yet (the iCNN trainer, the network
 * benchmark), looked up by name when the command runs, so that the CLI compiles and works without it and says clearly
 * that it is missing. The main writes to {@code System.out} and {@code System.err} itself. Immutable.
 */
final class ExternalMain {

    private final String className;
    /** What the main does, for the message when it is missing, e.g. "the iCNN trainer". */
    private final String description;

    ExternalMain(String className, String description) {
        this.className = className;
        this.description = description;
    }

    /** Whether the class is on the class path with a {@code public static void main(String[])}. */
    boolean available() {
        return mainMethod() != null;
    }

    /** The message printed when the class is missing. */
    String unavailableMessage() {
        return description.substring(0, 1).toUpperCase(Locale.ROOT) + description.substring(1)
                + " is not available yet: " + className + " is not in this build";
    }

    /**
     * Runs the main with {@code args}.
     *
     * @throws CommandException if the class is missing, or its main throws an IOException (its message)
     */
    void run(List<String> args) throws CommandException {
        Method main = mainMethod();
        if (main == null) {
            throw new CommandException(unavailableMessage());
        }
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (IllegalAccessException e) {
            throw new CommandException(className + ".main cannot be called: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new CommandException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CommandException(className + ".main failed: " + cause, cause);
        }
    }

    private Method mainMethod() {
        try {
            Method main = Class.forName(className).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) ? main : null;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }
}
