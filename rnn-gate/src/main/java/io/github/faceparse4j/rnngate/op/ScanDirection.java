package io.github.faceparse4j.rnngate.op;

/**
 * The four scan directions of the recurrence over an [N, C, H, W] map.
 *
 * <p>The ordinal is the direction's index {@code d} into the weights W [4, C, C] and biases b [4, C], its code in the
 * winner map, and its priority in the node-wise max merge: when two directions give exactly the same value the one
 * with the lower ordinal wins.
 */
public enum ScanDirection {

    /** Along each row, from x = 0 to x = W − 1. */
    LEFT_TO_RIGHT(true, false),
    /** Along each row, from x = W − 1 to x = 0. */
    RIGHT_TO_LEFT(true, true),
    /** Along each column, from y = 0 to y = H − 1. */
    TOP_TO_BOTTOM(false, false),
    /** Along each column, from y = H − 1 to y = 0. */
    BOTTOM_TO_TOP(false, true);

    /** How many directions there are: the leading dimension of W and b. */
    public static final int COUNT = 4;

    private final boolean horizontal;
    private final boolean reversed;

    ScanDirection(boolean horizontal, boolean reversed) {
        this.horizontal = horizontal;
        this.reversed = reversed;
    }

    /** Whether the lines are rows (the scan runs along W). */
    public boolean isHorizontal() {
        return horizontal;
    }

    /** Whether the scan runs from the high index down to 0. */
    public boolean isReversed() {
        return reversed;
    }
}
