package io.github.faceparse4j.rnngate.op;

/**
 * A unit of CPU work: a band of parallel lines of one map, scanned in both directions of one axis.
 *
 * <p>For the horizontal axis the lines are the rows {@code laneFrom ≤ y < laneTo} and a scan steps along x; for the
 * vertical axis the lines are the columns {@code laneFrom ≤ x < laneTo} and a scan steps along y. In the scratch of
 * a {@link LaneScan} the block is stored as [C][steps][lanes], so that one step of all its lines is a contiguous row
 * the JIT can vectorise.
 *
 * @param index      a dense index over all blocks of a call, for deterministic reduction of weight gradients
 * @param sample     the map n
 * @param horizontal whether the lines are rows
 * @param laneFrom   the first line
 * @param laneTo     one past the last line
 */
record LaneBlock(int index, int sample, boolean horizontal, int laneFrom, int laneTo) {

    /** The number of lines. */
    int lanes() {
        return laneTo - laneFrom;
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
