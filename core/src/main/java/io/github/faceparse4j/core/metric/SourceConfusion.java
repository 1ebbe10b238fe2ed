package io.github.faceparse4j.core.metric;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Pixel counts of (source class, predicted class) pairs, where the source is a finer scheme than the prediction: the
 * dataset's own label ids (such as {@link LabelScheme#CELEBAMASK_19}) against a model's decisions in the scheme it
 * was trained on (such as {@link LabelScheme#SKIN_HAIR_BG_3}). A {@link ConfusionMatrix} says that skin is confused
 * with background; this says which source classes (neck, ears, ...) the confused pixels come from.
 *
 * <p>{@code count(s, p)} is the number of pixels whose source id is {@code s} and whose predicted id is {@code p}.
 *
 * <p>Thread-safety: every method is safe to call concurrently; {@link #add} counts a pair of maps privately and
 * merges under the object's lock, as {@link ConfusionMatrix} does.
 */
public final class SourceConfusion {

    /** Scheme of the truth ids (rows). */
    private final LabelScheme source;
    /** Scheme of the predicted ids (columns). */
    private final LabelScheme predicted;
    /** Row-major {@code source × predicted} counts; guarded by {@code this}. */
    private final long[] counts;

    /** Empty counts for truth in {@code source} and predictions in {@code predicted}. */
    public SourceConfusion(LabelScheme source, LabelScheme predicted) {
        this.source = Objects.requireNonNull(source, "source");
        this.predicted = Objects.requireNonNull(predicted, "predicted");
        this.counts = new long[source.numClasses() * predicted.numClasses()];
    }

    /** The scheme of the truth ids. */
    public LabelScheme source() {
        return source;
    }

    /** The scheme of the predicted ids. */
    public LabelScheme predicted() {
        return predicted;
    }

    /**
     * Counts every pixel of a (source truth, prediction) pair.
     *
     * @throws IllegalArgumentException if a map is not in its scheme or the two sizes differ
     */
    public void add(LabelMap truth, LabelMap prediction) {
        if (!truth.scheme().equals(source) || !prediction.scheme().equals(predicted)) {
            throw new IllegalArgumentException("Expected truth in " + source + " and prediction in " + predicted
                    + ", got " + truth.scheme() + " and " + prediction.scheme());
        }
        if (truth.width() != prediction.width() || truth.height() != prediction.height()) {
            throw new IllegalArgumentException("Truth map is " + truth.width() + "x" + truth.height()
                    + " but prediction is " + prediction.width() + "x" + prediction.height());
        }
        byte[] t = truth.ids();
        byte[] p = prediction.ids();
        int k = predicted.numClasses();
        long[] local = new long[counts.length];
        for (int i = 0; i < t.length; i++) {
            local[(t[i] & 0xFF) * k + (p[i] & 0xFF)]++;
        }
        synchronized (this) {
            for (int i = 0; i < local.length; i++) {
                counts[i] += local[i];
            }
        }
    }

    /** Pixels of source class {@code sourceId} predicted as {@code predictedId}. */
    public synchronized long count(int sourceId, int predictedId) {
        Objects.checkIndex(sourceId, source.numClasses());
        Objects.checkIndex(predictedId, predicted.numClasses());
        return counts[sourceId * predicted.numClasses() + predictedId];
    }

    /** Pixels of source class {@code sourceId}, whatever their prediction. */
    public synchronized long sourceCount(int sourceId) {
        Objects.checkIndex(sourceId, source.numClasses());
        long sum = 0;
        for (int p = 0; p < predicted.numClasses(); p++) {
            sum += counts[sourceId * predicted.numClasses() + p];
        }
        return sum;
    }

    /**
     * The confusion matrix in the predicted scheme, with truth mapped by {@code mapping} and the pixels of the
     * {@code leftOut} source classes not counted: for example skin/hair/background scores with the neck and ears,
     * which the mapping sends to background, left out.
     *
     * @throws IllegalArgumentException if {@code mapping} does not map this source scheme to the predicted one, or a
     *     left-out id is not a source class
     */
    public ConfusionMatrix confusion(LabelMapping mapping, int... leftOut) {
        if (!mapping.source().equals(source) || !mapping.target().equals(predicted)) {
            throw new IllegalArgumentException("Mapping " + mapping.source() + " -> " + mapping.target()
                    + " does not map " + source + " to " + predicted);
        }
        boolean[] skip = new boolean[source.numClasses()];
        for (int id : leftOut) {
            if (id < 0 || id >= skip.length) {
                throw new IllegalArgumentException("Left-out id " + id + " is not a class of " + source);
            }
            skip[id] = true;
        }
        int k = predicted.numClasses();
        long[][] mapped = new long[k][k];
        for (int s = 0; s < source.numClasses(); s++) {
            if (skip[s]) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                mapped[mapping.map(s)][p] += count(s, p);
            }
        }
        return ConfusionMatrix.of(predicted, mapped);
    }

    /**
     * One row per source class that has pixels: its share of all pixels, then the percentage of its pixels given
     * each predicted class (rows sum to 100).
     */
    public MetricTable table() {
        long total = 0;
        for (int s = 0; s < source.numClasses(); s++) {
            total += sourceCount(s);
        }
        List<String> columns = new ArrayList<>();
        columns.add("% of pixels");
        for (String name : predicted.classNames()) {
            columns.add("→ " + name + " %");
        }
        MetricTable.Builder table = MetricTable.builder()
                .setTitle(String.format(Locale.ROOT, "Predictions (%s) by source class (%s), %d pixels",
                        predicted.name(), source.name(), total))
                .setColumns("source class", columns).optDecimals(2);
        for (int s = 0; s < source.numClasses(); s++) {
            long pixels = sourceCount(s);
            if (pixels == 0) {
                continue;
            }
            double[] values = new double[1 + predicted.numClasses()];
            values[0] = 100.0 * pixels / total;
            for (int p = 0; p < predicted.numClasses(); p++) {
                values[1 + p] = 100.0 * count(s, p) / pixels;
            }
            table.addRow(source.className(s), values);
        }
        return table.build();
    }
}
