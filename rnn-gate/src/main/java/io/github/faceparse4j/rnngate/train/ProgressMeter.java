package io.github.faceparse4j.rnngate.train;

import java.util.Locale;

/**
 * Training throughput and time left. Counts the images trained and the time spent training them (validation is
 * timed separately), so images per second is the training speed alone and the estimate adds the expected
 * validation time. Not thread-safe: one trainer thread.
 */
final class ProgressMeter {

    /** Images still to train in the whole run at the start. */
    private final long plannedImages;
    private long trainedImages;
    private long trainingNanos;
    private long validationNanos;
    private int validations;

    ProgressMeter(long plannedImages) {
        this.plannedImages = plannedImages;
    }

    /** Records one trained batch. */
    void trained(int images, long nanos) {
        trainedImages += images;
        trainingNanos += nanos;
    }

    /** Records one validation pass. */
    void validated(long nanos) {
        validationNanos += nanos;
        validations++;
    }

    /** Training speed so far, images per second; 0 before the first batch. */
    double imagesPerSecond() {
        return trainingNanos == 0 ? 0 : trainedImages / (trainingNanos / 1e9);
    }

    /** Seconds spent training (not validating). */
    double trainingSeconds() {
        return trainingNanos / 1e9;
    }

    /** Estimated seconds left, with {@code validationsLeft} more validation passes. */
    double secondsLeft(int validationsLeft) {
        double speed = imagesPerSecond();
        double training = speed == 0 ? 0 : Math.max(0, plannedImages - trainedImages) / speed;
        double perValidation = validations == 0 ? 0 : validationNanos / 1e9 / validations;
        return training + perValidation * validationsLeft;
    }

    /** {@code 1h02m}, {@code 4m05s} or {@code 12s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
