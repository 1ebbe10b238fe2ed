package io.github.faceparse4j.rnngate.net;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three networks of the RNN-G paper's ablation (Table 1), all built on the same shallow CNN.
 *
 * <ul>
 *   <li>{@link #CNN_S}: the shallow CNN alone; its label representation X is upsampled and classified directly.</li>
 *   <li>{@link #RNN}: X goes through the four-direction recurrence without a gate, {@code g ≡ 1}, so the
 *       propagation is spatially invariant (paper eq. 1 with the identity activation).</li>
 *   <li>{@link #RNN_G}: the spatially variant recurrence of paper eq. 3, gated by the second half G of the CNN's
 *       features; G is also supervised by the label boundaries.</li>
 * </ul>
 */
public enum Variant {

    /** The hybrid CNN + gated recurrence network: three losses (final, coarse, gate). */
    RNN_G("rnn-g", List.of(RnnGOutput.FINAL, RnnGOutput.COARSE, RnnGOutput.GATE)),
    /** The CNN + ungated (spatially invariant) recurrence: two losses (final, coarse). */
    RNN("rnn", List.of(RnnGOutput.FINAL, RnnGOutput.COARSE)),
    /** The shallow CNN alone: one loss (final). */
    CNN_S("cnn-s", List.of(RnnGOutput.FINAL));

    /** Lower-case name used on command lines and in model metadata. */
    private final String cliName;
    /** The supervised outputs, in the order of the graph's outputs. */
    private final List<RnnGOutput> outputs;

    Variant(String cliName, List<RnnGOutput> outputs) {
        this.cliName = cliName;
        this.outputs = outputs;
    }

    /** The name used on command lines and stored in model metadata, e.g. {@code "rnn-g"}. */
    public String cliName() {
        return cliName;
    }

    /** The graph's outputs in order; {@link RnnGOutput#FINAL} is always first. Unmodifiable. */
    public List<RnnGOutput> outputs() {
        return outputs;
    }

    /** Whether the network has the four-direction recurrence. */
    public boolean hasRecurrence() {
        return this != CNN_S;
    }

    /** Whether the recurrence is gated by the learned map G (and G is supervised by boundaries). */
    public boolean hasGate() {
        return this == RNN_G;
    }

    /**
     * The variant with this {@link #cliName()} or enum name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Variant byName(String name) {
        for (Variant v : values()) {
            if (v.cliName.equalsIgnoreCase(name) || v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown RNN-G variant '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Variant::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName.toUpperCase(Locale.ROOT);
    }
}
