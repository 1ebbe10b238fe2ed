package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;

import java.util.Objects;

/**
 * Pixel counts of (true class, predicted class) pairs for one {@link LabelScheme}: {@code counts()[t][p]} is the
 * number of pixels whose true id is {@code t} and whose predicted id is {@code p}. Rows are truth, columns
 * prediction, both indexed by class id ({@code K = scheme.numClasses()}).
 *
 * <p>Thread-safety: every method is safe to call concurrently. {@link #add(LabelMap, LabelMap)} counts a pair of
 * maps into a private array and only merges it under the matrix's lock, so evaluation threads may share one matrix
 * without serialising the per-pixel work. Equally, each worker may fill its own matrix and the results be merged
 * with {@link #add(ConfusionMatrix)}.
 */
public final class ConfusionMatrix {

    /** Scheme of both truth and prediction ids. */
    private final LabelScheme scheme;
    /** Number of classes, {@code K}. */
    private final int numClasses;
    /** Row-major {@code K x K} counts, truth-major; guarded by {@code this}. */
    private final long[] counts;

    /** An empty matrix for {@code scheme}. */
    public ConfusionMatrix(LabelScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.numClasses = scheme.numClasses();
        this.counts = new long[numClasses * numClasses];
    }

    /**
     * A matrix holding the given counts, truth-major ({@code counts[t][p]}); for results computed elsewhere and for
     * tests.
     *
     * @throws IllegalArgumentException if {@code counts} is not {@code K x K} for the scheme or holds a negative count
     */
    public static ConfusionMatrix of(LabelScheme scheme, long[][] counts) {
        ConfusionMatrix matrix = new ConfusionMatrix(scheme);
        int k = matrix.numClasses;
        if (counts.length != k) {
            throw new IllegalArgumentException("Scheme " + scheme + " needs a " + k + "x" + k + " matrix, got "
                    + counts.length + " rows");
        }
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("Scheme " + scheme + " needs " + k + " columns, row " + t
                        + " has " + counts[t].length);
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("Negative count " + counts[t][p] + " at truth " + t
                            + ", prediction " + p);
                }
                matrix.counts[t * k + p] = counts[t][p];
            }
        }
        return matrix;
    }

    public LabelScheme scheme() {
        return scheme;
    }

    /**
     * Counts every pixel of a (truth, prediction) pair.
     *
     * @throws IllegalArgumentException if either map is not in this matrix's scheme or the two sizes differ
     */
    public void add(LabelMap truth, LabelMap prediction) {
        checkScheme(truth.scheme(), "truth");
        checkScheme(prediction.scheme(), "prediction");
        if (truth.width() != prediction.width() || truth.height() != prediction.height()) {
            throw new IllegalArgumentException("Truth map is " + truth.width() + "x" + truth.height()
                    + " but prediction is " + prediction.width() + "x" + prediction.height());
        }
        int n = truth.width() * truth.height();
        byte[] t = new byte[n];
        byte[] p = new byte[n];
        truth.copyIdsTo(t, 0);
        prediction.copyIdsTo(p, 0);
        long[] local = new long[counts.length];
        for (int i = 0; i < n; i++) {
            local[(t[i] & 0xFF) * numClasses + (p[i] & 0xFF)]++;
        }
        merge(local);
    }

    /**
     * Adds another matrix's counts to this one, e.g. to combine the results of parallel workers.
     *
     * @throws IllegalArgumentException if {@code other} is for a different scheme
     */
    public void add(ConfusionMatrix other) {
        checkScheme(other.scheme, "other matrix");
        // Snapshot first so that the two locks are never held together (no lock-order deadlock).
        merge(other.snapshot());
    }

    /** A copy of the counts, {@code [truth][prediction]}. */
    public long[][] counts() {
        long[] flat = snapshot();
        long[][] out = new long[numClasses][numClasses];
        for (int t = 0; t < numClasses; t++) {
            System.arraycopy(flat, t * numClasses, out[t], 0, numClasses);
        }
        return out;
    }

    /** Number of pixels of true class {@code truthId} predicted as {@code predictedId}. */
    public synchronized long count(int truthId, int predictedId) {
        scheme.checkId(truthId);
        scheme.checkId(predictedId);
        return counts[truthId * numClasses + predictedId];
    }

    /** Total number of pixels counted. */
    public synchronized long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    private synchronized long[] snapshot() {
        return counts.clone();
    }

    private synchronized void merge(long[] delta) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += delta[i];
        }
    }

    private void checkScheme(LabelScheme other, String what) {
        if (!scheme.equals(other)) {
            throw new IllegalArgumentException("Confusion matrix is for " + scheme + " but the " + what + " is in "
                    + other);
        }
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[" + scheme + ", " + total() + " pixels]";
    }
}
