package io.github.faceparse4j.core.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How 8-bit RGB values become network inputs: for channel {@code c} (0 = R, 1 = G, 2 = B) and stored value
 * {@code v} in 0..255,
 * <pre>
 *   x = (v / 255 - mean[c]) / std[c]
 * </pre>
 * and back, {@code v = round(255 * (x * std[c] + mean[c]))} clamped to 0..255.
 *
 * <p>A normalisation is stored in model files by its {@link #name()}, and {@link #byName(String)} restores it, so a
 * model is always fed the way it was trained. Immutable and thread-safe.
 */
public final class Normalization {

    /** {@code x = v / 255}, in [0, 1]. */
    public static final Normalization ZERO_TO_ONE =
            new Normalization("zero-to-one", new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

    /** {@code x = v / 127.5 - 1}, in [-1, 1] (mean 0.5, std 0.5 on every channel). */
    public static final Normalization MINUS_ONE_TO_ONE =
            new Normalization("minus-one-to-one", new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    /** The ImageNet channel statistics used by torchvision: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    public static final Normalization IMAGENET = new Normalization("imagenet",
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    private static final List<Normalization> BUILT_IN = List.of(ZERO_TO_ONE, MINUS_ONE_TO_ONE, IMAGENET);
    private static final String CUSTOM_PREFIX = "mean-std:";

    /** Stable identifier: a built-in name, or {@code mean-std:m0,m1,m2/s0,s1,s2} for custom statistics. */
    private final String name;
    /** Per-channel mean in the [0, 1] scale, R, G, B. */
    private final float[] mean;
    /** Per-channel standard deviation in the [0, 1] scale, R, G, B; all positive. */
    private final float[] std;
    /** {@code lookup[c * 256 + v]} is the normalised value of {@code v} on channel {@code c}. */
    private final float[] lookup;

    private Normalization(String name, float[] mean, float[] std) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("Normalisation needs 3 means and 3 stds (R, G, B), got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0f) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("Normalisation needs finite means and positive stds, got mean "
                        + Arrays.toString(mean) + " std " + Arrays.toString(std));
            }
        }
        this.name = name;
        this.mean = mean.clone();
        this.std = std.clone();
        this.lookup = new float[3 * 256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lookup[c * 256 + v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    /**
     * A normalisation with custom statistics, named {@code mean-std:m0,m1,m2/s0,s1,s2}.
     *
     * @param mean per-channel means (R, G, B) in the [0, 1] scale
     * @param std per-channel standard deviations (R, G, B), positive
     */
    public static Normalization of(float[] mean, float[] std) {
        String name = CUSTOM_PREFIX + join(mean) + "/" + join(std);
        return new Normalization(name, mean, std);
    }

    /**
     * The normalisation with this {@link #name()}: a built-in one or a custom {@code mean-std:...} name.
     *
     * @throws IllegalArgumentException if the name is unknown or malformed
     */
    public static Normalization byName(String name) {
        for (Normalization n : BUILT_IN) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        if (name.startsWith(CUSTOM_PREFIX)) {
            String[] parts = name.substring(CUSTOM_PREFIX.length()).split("/");
            if (parts.length == 2) {
                try {
                    return of(parse(parts[0]), parse(parts[1]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Malformed normalisation name '" + name + "'", e);
                }
            }
        }
        throw new IllegalArgumentException("Unknown normalisation '" + name + "'; known: "
                + BUILT_IN.stream().map(Normalization::name).toList() + " or " + CUSTOM_PREFIX + "m0,m1,m2/s0,s1,s2");
    }

    /** The built-in normalisations. */
    public static List<Normalization> builtIn() {
        return BUILT_IN;
    }

    public String name() {
        return name;
    }

    /** Per-channel means (R, G, B), a copy. */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-channel standard deviations (R, G, B), a copy. */
    public float[] std() {
        return std.clone();
    }

    /** The normalised value of the 8-bit value {@code value} on {@code channel} (0 = R, 1 = G, 2 = B). */
    public float apply(int channel, int value) {
        return lookup[channel * 256 + value];
    }

    /** The normalised value of a real-valued sample {@code value} in the 0..255 scale (from interpolation). */
    public float apply(int channel, float value) {
        return (value / 255f - mean[channel]) / std[channel];
    }

    /** The 8-bit value of a normalised sample: {@code round(255 * (x * std + mean))}, clamped to 0..255. */
    public int invert(int channel, float normalised) {
        int v = Math.round(255f * (normalised * std[channel] + mean[channel]));
        return Math.max(0, Math.min(255, v));
    }

    private static String join(float[] values) {
        if (values.length != 3) {
            throw new IllegalArgumentException("Expected 3 values (R, G, B), got " + values.length);
        }
        return String.format(Locale.ROOT, "%s,%s,%s", values[0], values[1], values[2]);
    }

    private static float[] parse(String csv) {
        String[] parts = csv.split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i].trim());
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
