package io.github.faceparse4j.rnngate.op;

/**
 * A unit of CPU work: a band of parallel lines in one or more maps, scanned in both directions of one axis.
 *
 * <p>For the horizontal axis the lines are the rows {@code laneFrom ≤ y < laneTo} and a scan steps along x; for the
 * vertical axis the lines are the columns {@code laneFrom ≤ x < laneTo} and a scan steps along y. The same band is
 * taken from each map {@code sampleFrom ≤ n < sampleTo}, so that small maps still give long rows of lanes. In the
 * scratch of a {@link LaneScan} the block is stored as [C][steps][lanes] with lane
 * {@code (n − sampleFrom)·bandWidth + (line − laneFrom)}: one step of all its lines is a contiguous row the JIT can
 * vectorise.
 *
 * @param index      a dense index over all blocks of a call, for deterministic reduction of weight gradients
 * @param horizontal whether the lines are rows
 * @param sampleFrom the first map
 * @param sampleTo   one past the last map
 * @param laneFrom   the first line of each map
 * @param laneTo     one past the last line of each map
 */
record LaneBlock(int index, boolean horizontal, int sampleFrom, int sampleTo, int laneFrom, int laneTo) {

    /** The lines taken from each map. */
    int bandWidth() {
        return laneTo - laneFrom;
    }

    /** The number of maps. */
    int samples() {
        return sampleTo - sampleFrom;
    }

    /** The number of lines, over all maps. */
    int lanes() {
        return samples() * bandWidth();
    }

    /** The length of each line. */
    int steps(GateShape shape) {
        return horizontal ? shape.width() : shape.height();
    }

    /** The two directions along this block's axis, in merge-priority order. */
    ScanDirection[] directions() {
        return horizontal
                ? new ScanDirection[] {ScanDirection.LEFT_TO_RIGHT, ScanDirection.RIGHT_TO_LEFT}
                : new ScanDirection[] {ScanDirection.TOP_TO_BOTTOM, ScanDirection.BOTTOM_TO_TOP};
    }
}
