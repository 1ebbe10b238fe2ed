package io.github.faceparse4j.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns, such as
 * {@code [#####     ] 12/40 images  3.1 images/s  3.4 faces/s  ETA 0:09}. Messages printed through
 * {@link #message(String)} go on lines of their own above the bar. A hidden bar prints the messages only, for single
 * files. Not thread-safe.
 */
final class ProgressBar {

    private static final int WIDTH = 20;

    private final PrintStream err;
    private final int total;
    private final boolean visible;
    private final long startNanos = System.nanoTime();
    private int done;
    private long faces;
    /** Length of the bar last drawn, to blank it out before a message. */
    private int drawnLength;

    private ProgressBar(PrintStream err, int total, boolean visible) {
        this.err = err;
        this.total = total;
        this.visible = visible;
    }

    /** A bar over {@code total} images, drawn on {@code err}. */
    static ProgressBar shown(PrintStream err, int total) {
        ProgressBar bar = new ProgressBar(err, total, true);
        bar.draw();
        return bar;
    }

    /** No bar: {@link #message} prints the line, the rest does nothing. */
    static ProgressBar hidden(PrintStream err) {
        return new ProgressBar(err, 0, false);
    }

    /** Records {@code images} more images done, with {@code newFaces} faces among them, and redraws. */
    void advance(int images, int newFaces) {
        done += images;
        faces += newFaces;
        draw();
    }

    /** Prints {@code line} above the bar. */
    void message(String line) {
        if (visible && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
        }
        err.println(line);
        draw();
    }

    /** Ends the bar's line, leaving the final state on screen. */
    void finish() {
        if (visible && drawnLength > 0) {
            err.println();
            drawnLength = 0;
        }
    }

    /** Seconds since the bar was made. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void draw() {
        if (!visible) {
            return;
        }
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder line = new StringBuilder().append('[').append("#".repeat(filled))
                .append(" ".repeat(WIDTH - filled)).append("] ").append(done).append('/').append(total)
                .append(" images");
        double seconds = elapsedSeconds();
        if (done > 0 && seconds > 0) {
            double imagesPerSecond = done / seconds;
            line.append(String.format(Locale.ROOT, "  %.2f images/s  %.2f faces/s", imagesPerSecond,
                    faces / seconds));
            long left = Math.round((total - done) / imagesPerSecond);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        }
        err.print("\r" + line);
        // Pad over the end of a longer previous line.
        if (line.length() < drawnLength) {
            err.print(" ".repeat(drawnLength - line.length()));
        }
        drawnLength = Math.max(drawnLength, line.length());
        err.flush();
    }
}
