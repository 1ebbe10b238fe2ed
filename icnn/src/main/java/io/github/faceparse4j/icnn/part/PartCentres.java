package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.label.LabelMap;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The centre of each {@link FacePart} in a face frame of {@link #width()} x {@link #height()} pixels, as found in a
 * HELEN-11 label map (ground truth, or a stage-1 prediction mapped with {@link Stage1Labels#toHelen}).
 *
 * <p>Coordinates are continuous: pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)}, so its centre is
 * {@code (i + 0.5, j + 0.5)} and scaling a frame scales coordinates exactly ({@link #scaledTo}). The three mouth
 * classes share one centre (paper section 3.1).
 *
 * <p><b>Missing parts.</b> A part with no pixel in the map (occluded by hair, eyes closed, a stage-1 miss) gets a
 * fallback centre: its position in the mean training face ({@link #meanFace}), moved by the mean displacement of
 * the parts that were found from their own mean-face positions, so that a face shifted off-centre keeps the
 * fallback in place. With no part found the fallback is the mean face itself. {@link #found(FacePart)} tells which
 * centres are fallbacks.
 *
 * <p>Immutable and thread-safe.
 */
public final class PartCentres {

    /**
     * Mean part centres over the 4,500 training faces of celebamask-5k (256 x 256, HELEN-11 ids from
     * CelebAMask-19), centroids in the continuous coordinates described above, in {@link FacePart} order.
     */
    private static final double[][] MEAN_FACE_256 = {
        {160.0, 105.8}, // LEFT_BROW
        {94.8, 106.0},  // RIGHT_BROW
        {158.7, 122.3}, // LEFT_EYE
        {97.0, 122.2},  // RIGHT_EYE
        {127.5, 147.6}, // NOSE
        {127.7, 192.0}, // MOUTH
    };
    private static final int MEAN_FACE_SIZE = 256;
    private static final FacePart[] PARTS = FacePart.values();

    /** Width of the frame the centres refer to. */
    private final int width;
    /** Height of the frame the centres refer to. */
    private final int height;
    /** Centre x per part, indexed by ordinal. */
    private final double[] xs;
    /** Centre y per part, indexed by ordinal. */
    private final double[] ys;
    /** Whether the part had pixels (false: a fallback centre), indexed by ordinal. */
    private final boolean[] found;

    private PartCentres(int width, int height, double[] xs, double[] ys, boolean[] found) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Frame size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.xs = xs;
        this.ys = ys;
        this.found = found;
    }

    /**
     * Locates every part in a HELEN-11 label map; centres are in that map's frame. Missing parts get the fallback
     * described in the class comment.
     *
     * @throws IllegalArgumentException if the map is not in the HELEN-11 scheme
     */
    public static PartCentres locate(LabelMap helen, CentreMethod method) {
        Stage1Labels.checkHelen(helen);
        Objects.requireNonNull(method, "method");
        int w = helen.width();
        int h = helen.height();
        int parts = PARTS.length;
        long[][] columnCounts = new long[parts][w];
        long[][] rowCounts = new long[parts][h];
        long[] counts = new long[parts];
        int[] partOfId = partIndexByHelenId();
        byte[] ids = helen.ids();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = partOfId[ids[y * w + x] & 0xFF];
                if (p >= 0) {
                    columnCounts[p][x]++;
                    rowCounts[p][y]++;
                    counts[p]++;
                }
            }
        }
        double[] xs = new double[parts];
        double[] ys = new double[parts];
        boolean[] found = new boolean[parts];
        for (int p = 0; p < parts; p++) {
            if (counts[p] == 0) {
                continue;
            }
            found[p] = true;
            xs[p] = centre(columnCounts[p], counts[p], method);
            ys[p] = centre(rowCounts[p], counts[p], method);
        }
        fillMissing(w, h, xs, ys, found);
        return new PartCentres(w, h, xs, ys, found);
    }

    /** The mean training face's part centres in a {@code width x height} frame; every part counts as not found. */
    public static PartCentres meanFace(int width, int height) {
        double[] xs = new double[PARTS.length];
        double[] ys = new double[PARTS.length];
        fillMissing(width, height, xs, ys, new boolean[PARTS.length]);
        return new PartCentres(width, height, xs, ys, new boolean[PARTS.length]);
    }

    /**
     * Explicit centres in a {@code width x height} frame, all marked found.
     *
     * @throws IllegalArgumentException if a part is missing from {@code centres} or a coordinate is not finite
     */
    public static PartCentres of(int width, int height, Map<FacePart, double[]> centres) {
        double[] xs = new double[PARTS.length];
        double[] ys = new double[PARTS.length];
        boolean[] found = new boolean[PARTS.length];
        for (FacePart part : PARTS) {
            double[] c = centres.get(part);
            if (c == null || c.length != 2 || !Double.isFinite(c[0]) || !Double.isFinite(c[1])) {
                throw new IllegalArgumentException("Need a finite {x, y} centre for " + part);
            }
            xs[part.ordinal()] = c[0];
            ys[part.ordinal()] = c[1];
            found[part.ordinal()] = true;
        }
        return new PartCentres(width, height, xs, ys, found);
    }

    /**
     * The same centres with those that do not fit the face's shape replaced. A similarity transform (scale, rotation,
     * shift) of the mean training face is fitted to the found centres by least squares; while the found centre
     * furthest from the fit is more than {@code tolerance} away and more than three centres are left, it is dropped
     * and the fit repeated. Dropped and missing parts get the final fit's position and count as not
     * {@linkplain #found found}; the others keep theirs. With fewer than three found parts nothing changes.
     *
     * <p>Why: a stage-1 map sometimes has a part's largest blob in the wrong place (a mouth on the chin's shadow, a
     * nose between the eyes); the part crop then misses the part entirely, and the part network cannot recover it.
     *
     * @param tolerance largest distance from the fit, in pixels of a frame 256 pixels wide (scaled to this frame)
     * @throws IllegalArgumentException if the tolerance is not positive
     */
    public PartCentres withOutliersReplaced(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("Tolerance must be positive, got " + tolerance);
        }
        int parts = PARTS.length;
        boolean[] use = found.clone();
        int used = 0;
        for (boolean u : use) {
            used += u ? 1 : 0;
        }
        if (used < 3) {
            return this;
        }
        PartCentres mean = meanFace(width, height);
        double[][] from = new double[parts][];
        double[][] to = new double[parts][];
        for (int p = 0; p < parts; p++) {
            from[p] = new double[] {mean.xs[p], mean.ys[p]};
            to[p] = new double[] {xs[p], ys[p]};
        }
        double limit = tolerance * width / MEAN_FACE_SIZE;
        SimilarityFit fit = SimilarityFit.of(from, to, use);
        while (used > 3) {
            int worst = -1;
            double worstDistance = limit;
            for (int p = 0; p < parts; p++) {
                if (use[p]) {
                    double[] q = fit.apply(from[p][0], from[p][1]);
                    double d = Math.hypot(q[0] - xs[p], q[1] - ys[p]);
                    if (d > worstDistance) {
                        worstDistance = d;
                        worst = p;
                    }
                }
            }
            if (worst < 0) {
                break;
            }
            use[worst] = false;
            used--;
            fit = SimilarityFit.of(from, to, use);
        }
        double[] nx = xs.clone();
        double[] ny = ys.clone();
        for (int p = 0; p < parts; p++) {
            if (!use[p]) {
                double[] q = fit.apply(from[p][0], from[p][1]);
                nx[p] = q[0];
                ny[p] = q[1];
            }
        }
        return new PartCentres(width, height, nx, ny, use);
    }

    /** Width of the frame the centres refer to. */
    public int width() {
        return width;
    }

    /** Height of the frame the centres refer to. */
    public int height() {
        return height;
    }

    /** The part's centre x in continuous frame coordinates. */
    public double x(FacePart part) {
        return xs[part.ordinal()];
    }

    /** The part's centre y in continuous frame coordinates. */
    public double y(FacePart part) {
        return ys[part.ordinal()];
    }

    /** Whether the part had pixels in the map; false means {@link #x}/{@link #y} are the fallback. */
    public boolean found(FacePart part) {
        return found[part.ordinal()];
    }

    /** The same centres in a frame of {@code newWidth x newHeight} (for example stage 1's 64 x 64 to 256 x 256). */
    public PartCentres scaledTo(int newWidth, int newHeight) {
        double sx = (double) newWidth / width;
        double sy = (double) newHeight / height;
        double[] nx = new double[xs.length];
        double[] ny = new double[ys.length];
        for (int p = 0; p < xs.length; p++) {
            nx[p] = xs[p] * sx;
            ny[p] = ys[p] * sy;
        }
        return new PartCentres(newWidth, newHeight, nx, ny, found.clone());
    }

    /** Centres as a map from part to {@code {x, y}}. */
    public Map<FacePart, double[]> asMap() {
        Map<FacePart, double[]> map = new EnumMap<>(FacePart.class);
        for (FacePart part : PARTS) {
            map.put(part, new double[] {x(part), y(part)});
        }
        return map;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PartCentres[" + width + "x" + height);
        for (FacePart part : PARTS) {
            s.append(String.format(Locale.ROOT, ", %s=(%.1f, %.1f)%s", part, x(part), y(part),
                    found(part) ? "" : " fallback"));
        }
        return s.append(']').toString();
    }

    /** For each HELEN-11 id, the index of the part it belongs to, or -1. */
    private static int[] partIndexByHelenId() {
        int[] partOf = new int[256];
        java.util.Arrays.fill(partOf, -1);
        for (FacePart part : PARTS) {
            for (int id : part.helenIds()) {
                partOf[id] = part.ordinal();
            }
        }
        return partOf;
    }

    /** Centre along one axis from the per-coordinate pixel counts. */
    private static double centre(long[] histogram, long total, CentreMethod method) {
        if (method == CentreMethod.CENTROID) {
            double sum = 0;
            for (int i = 0; i < histogram.length; i++) {
                sum += (i + 0.5) * histogram[i];
            }
            return sum / total;
        }
        // Median of the multiset of pixel-centre coordinates: mean of the values at ranks (n-1)/2 and n/2.
        long lowRank = (total - 1) / 2;
        long highRank = total / 2;
        int low = -1;
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (low < 0 && seen > lowRank) {
                low = i;
            }
            if (seen > highRank) {
                return (low + i) / 2.0 + 0.5;
            }
        }
        throw new AssertionError("histogram total below " + total);
    }

    /** Gives parts that were not found their mean-face position, moved with the found parts. */
    private static void fillMissing(int width, int height, double[] xs, double[] ys, boolean[] found) {
        double sx = (double) width / MEAN_FACE_SIZE;
        double sy = (double) height / MEAN_FACE_SIZE;
        double dx = 0;
        double dy = 0;
        int n = 0;
        for (int p = 0; p < xs.length; p++) {
            if (found[p]) {
                dx += xs[p] - MEAN_FACE_256[p][0] * sx;
                dy += ys[p] - MEAN_FACE_256[p][1] * sy;
                n++;
            }
        }
        if (n > 0) {
            dx /= n;
            dy /= n;
        }
        for (int p = 0; p < xs.length; p++) {
            if (!found[p]) {
                xs[p] = MEAN_FACE_256[p][0] * sx + dx;
                ys[p] = MEAN_FACE_256[p][1] * sy + dy;
            }
        }
    }
}
