package io.github.faceparse4j.rnngate.op;

/**
 * Moves a {@link LaneBlock} between an ND4J buffer (c-order maps) and a kernel's [C][steps][lanes] scratch.
 *
 * <p>For the vertical axis every (channel, row) of the block is one contiguous run in both places; for the
 * horizontal axis the rows of the band are contiguous in the buffer and are transposed through a staging array of
 * [lanes][W]. Written once for every element type: the caller supplies the buffer's bulk get or put and a transpose
 * for its primitive array type.
 */
final class BlockTransfer {

    private BlockTransfer() {
    }

    /** A bulk copy between a buffer index and a primitive array, such as {@code FloatBuffer::get}. */
    @FunctionalInterface
    interface BulkCopy<A> {
        void copy(int bufferIndex, A array, int arrayOffset, int length);
    }

    /** Transposes {@code src[srcOff + row·cols + col]} into {@code dst[dstOff + col·rows + row]}. */
    @FunctionalInterface
    interface Transpose<A> {
        void apply(A src, int srcOff, int rows, int cols, A dst, int dstOff);
    }

    /** Copies the block out of the buffer (map start {@code mapStart}) into {@code scratch}. */
    static <A> void read(GateShape shape, LaneBlock block, int mapStart, BulkCopy<A> get, Transpose<A> transpose,
            A stage, A scratch) {
        transfer(shape, block, mapStart, get, transpose, stage, scratch, true);
    }

    /** Copies {@code scratch} into the block's place in the buffer. */
    static <A> void write(GateShape shape, LaneBlock block, int mapStart, BulkCopy<A> put, Transpose<A> transpose,
            A stage, A scratch) {
        transfer(shape, block, mapStart, put, transpose, stage, scratch, false);
    }

    private static <A> void transfer(GateShape shape, LaneBlock block, int mapStart, BulkCopy<A> copy,
            Transpose<A> transpose, A stage, A scratch, boolean reading) {
        int channels = shape.channels();
        int width = shape.width();
        int plane = shape.channelSize();
        int lanes = block.lanes();
        int steps = block.steps(shape);
        if (block.horizontal()) {
            for (int c = 0; c < channels; c++) {
                int band = mapStart + c * plane + block.laneFrom() * width;
                int blockOffset = c * steps * lanes;
                if (reading) {
                    copy.copy(band, stage, 0, lanes * width);
                    transpose.apply(stage, 0, lanes, width, scratch, blockOffset);
                } else {
                    transpose.apply(scratch, blockOffset, width, lanes, stage, 0);
                    copy.copy(band, stage, 0, lanes * width);
                }
            }
        } else if (lanes == width) {
            copy.copy(mapStart, scratch, 0, channels * plane);
        } else {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < steps; y++) {
                    copy.copy(mapStart + c * plane + y * width + block.laneFrom(), scratch, (c * steps + y) * lanes,
                            lanes);
                }
            }
        }
    }

    /** {@link Transpose} for bytes. */
    static void transposeBytes(byte[] src, int srcOff, int rows, int cols, byte[] dst, int dstOff) {
        for (int row = 0; row < rows; row++) {
            int from = srcOff + row * cols;
            for (int col = 0; col < cols; col++) {
                dst[dstOff + col * rows + row] = src[from + col];
            }
        }
    }
}
