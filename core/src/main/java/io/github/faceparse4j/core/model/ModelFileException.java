package io.github.faceparse4j.core.model;

import java.io.IOException;

/**
 * A file or stream that cannot be read as a {@link ModelFile}: not a zip, missing entries, unreadable metadata, an
 * unknown format version, or network bytes whose SHA-256 differs from the recorded one. The message names the source.
 */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
