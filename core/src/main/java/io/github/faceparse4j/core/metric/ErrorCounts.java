package io.github.faceparse4j.core.metric;

/**
 * True positives, false positives and false negatives of one binary decision ("is this pixel in the class or
 * group?"), and the scores derived from them. Every score is {@code NaN} when its denominator is zero.
 */
record ErrorCounts(long truePositives, long falsePositives, long falseNegatives) {

    double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** {@code 2TP / (2TP + FP + FN)}: the harmonic mean of precision and recall, and 0 when either is 0. */
    double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** {@code TP / (TP + FP + FN)}. */
    double iou() {
        return ratio(truePositives, truePositives + falsePositives + falseNegatives);
    }

    ErrorCounts plus(ErrorCounts other) {
        return new ErrorCounts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
