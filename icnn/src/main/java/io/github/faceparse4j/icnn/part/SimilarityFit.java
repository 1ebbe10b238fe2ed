package io.github.faceparse4j.icnn.part;

/**
 * Least-squares similarity transform (scale, rotation, translation) taking reference points onto target points:
 * {@code u = a x - b y + tx}, {@code v = b x + a y + ty}. The closed form of the 2-D Procrustes problem.
 *
 * <p>Immutable and thread-safe.
 */
final class SimilarityFit {

    private final double a;
    private final double b;
    private final double tx;
    private final double ty;

    private SimilarityFit(double a, double b, double tx, double ty) {
        this.a = a;
        this.b = b;
        this.tx = tx;
        this.ty = ty;
    }

    /**
     * Fits the points {@code use[i]} selects.
     *
     * @param from reference points, {@code {x, y}} per point
     * @param to   target points, same indexing
     * @param use  which points take part; at least two, not all at one place
     * @throws IllegalArgumentException if fewer than two points take part or they coincide
     */
    static SimilarityFit of(double[][] from, double[][] to, boolean[] use) {
        double mx = 0;
        double my = 0;
        double mu = 0;
        double mv = 0;
        int n = 0;
        for (int i = 0; i < from.length; i++) {
            if (use[i]) {
                mx += from[i][0];
                my += from[i][1];
                mu += to[i][0];
                mv += to[i][1];
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("A similarity fit needs two points, got " + n);
        }
        mx /= n;
        my /= n;
        mu /= n;
        mv /= n;
        double spread = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < from.length; i++) {
            if (use[i]) {
                double x = from[i][0] - mx;
                double y = from[i][1] - my;
                double u = to[i][0] - mu;
                double v = to[i][1] - mv;
                spread += x * x + y * y;
                a += x * u + y * v;
                b += x * v - y * u;
            }
        }
        if (spread == 0) {
            throw new IllegalArgumentException("The reference points of a similarity fit coincide");
        }
        a /= spread;
        b /= spread;
        return new SimilarityFit(a, b, mu - (a * mx - b * my), mv - (b * mx + a * my));
    }

    /** The image of {@code (x, y)}. */
    double[] apply(double x, double y) {
        return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }
}
