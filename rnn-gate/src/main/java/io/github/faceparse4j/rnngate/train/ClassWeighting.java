package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-class weights of the label losses, against class imbalance. With 11 classes an eye covers well under 1% of
 * a face crop while background and skin cover most of it, so an unweighted loss learns the small parts last and
 * worst (the paper's 1-stage model scores 63% F on eyes). The 3-class task is balanced enough to train unweighted,
 * as the paper does.
 *
 * <p>{@link #SQRT_MEDIAN_FREQUENCY} is median-frequency balancing softened by a square root:
 * {@code w_k = sqrt(median(f) / f_k)} for pixel frequencies {@code f_k}, clamped to {@code [1/MAX_RATIO, MAX_RATIO]}
 * and scaled so that the frequency-weighted mean {@code Σ f_k w_k} is 1 (the loss keeps its scale). The square root
 * trades a little precision on the small parts for much better recall, without the speckle that full inverse
 * frequency weights cause.
 */
public enum ClassWeighting {

    /** Every class weighs 1. */
    NONE("none"),
    /** Square-root median-frequency balancing. */
    SQRT_MEDIAN_FREQUENCY("sqrt-median");

    /** Largest ratio of a weight to 1 either way. */
    public static final double MAX_RATIO = 10;

    private final String cliName;

    ClassWeighting(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * The weighting with this {@link #cliName()}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ClassWeighting byName(String name) {
        for (ClassWeighting w : values()) {
            if (w.cliName.equalsIgnoreCase(name) || w.name().equalsIgnoreCase(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown class weighting '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ClassWeighting::cliName).toList());
    }

    /**
     * The weights for per-class pixel counts, or null for {@link #NONE}.
     *
     * @throws IllegalArgumentException if no pixel is counted
     */
    public double[] weights(long[] pixelCounts) {
        if (this == NONE) {
            return null;
        }
        long total = Arrays.stream(pixelCounts).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("No labelled pixels counted: " + Arrays.toString(pixelCounts));
        }
        int k = pixelCounts.length;
        double[] frequency = new double[k];
        for (int c = 0; c < k; c++) {
            frequency[c] = (double) pixelCounts[c] / total;
        }
        double[] present = Arrays.stream(frequency).filter(f -> f > 0).sorted().toArray();
        double median = present.length % 2 == 1 ? present[present.length / 2]
                : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
        double[] weights = new double[k];
        double mean = 0;
        for (int c = 0; c < k; c++) {
            double w = frequency[c] > 0 ? Math.sqrt(median / frequency[c]) : MAX_RATIO;
            weights[c] = Math.min(MAX_RATIO, Math.max(1 / MAX_RATIO, w));
            mean += frequency[c] * weights[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= mean;
        }
        return weights;
    }

    /**
     * Counts the pixels of each class of {@code scheme} in up to {@code maxSamples} label maps of {@code dataset},
     * spread evenly over it, after mapping to {@code scheme} and resizing (nearest) to {@code size x size}.
     *
     * @throws IOException naming the file if a label map cannot be read
     */
    public static long[] countPixels(FaceDataset dataset, LabelScheme scheme, int size, int maxSamples)
            throws IOException {
        LabelMapping mapping = LabelMapping.between(dataset.scheme(), scheme);
        int samples = Math.min(dataset.size(), Math.max(1, maxSamples));
        long[] counts = new long[scheme.numClasses()];
        for (int i = 0; i < samples; i++) {
            int index = (int) ((long) i * dataset.size() / samples);
            LabelMap labels = mapping.apply(dataset.loadLabels(index)).resizeNearest(size, size);
            long[] sampleCounts = labels.classCounts();
            for (int c = 0; c < counts.length; c++) {
                counts[c] += sampleCounts[c];
            }
        }
        return counts;
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
