package io.github.faceparse4j.rnngate.op;

/**
 * Moves a {@link LaneBlock} between an ND4J buffer (c-order maps) and a kernel's scratch of rows: row
 * {@code c·steps + step} holds one step of all lanes of the block (see {@link LaneBlock}).
 *
 * <p>For the vertical axis every (map, channel, row) of the block is one contiguous run in both places; for the
 * horizontal axis the band of rows of each map and channel is contiguous in the buffer and is transposed through a
 * staging array of [band][W]. Written once for every element type: the caller supplies the buffer's bulk get or put
 * and the transposes for its primitive array type.
 */
final class BlockTransfer {

    private BlockTransfer() {
    }

    /** A bulk copy between a buffer index and a primitive array, such as {@code FloatBuffer::get}. */
    @FunctionalInterface
    interface BulkCopy<R> {
        void copy(int bufferIndex, R array, int arrayOffset, int length);
    }

    /**
     * Transposes between a staging array of {@code lines} rows of {@code steps} values and scratch rows:
     * {@code rows[firstRow + step][lane + line] ↔ stage[line·steps + step]}.
     */
    interface Transpose<R> {
        /** Staging to scratch rows. */
        void scatter(R stage, int lines, int steps, R[] rows, int firstRow, int lane);

        /** Scratch rows to staging. */
        void gather(R[] rows, int firstRow, int lane, int lines, int steps, R stage);
    }

    /** Copies the block out of the buffer into the scratch rows. */
    static <R> void read(GateShape shape, LaneBlock block, MapBuffer buffer, BulkCopy<R> get, Transpose<R> transpose,
            R stage, R[] rows) {
        transfer(shape, block, buffer, get, transpose, stage, rows, true);
    }

    /** Copies the scratch rows into the block's place in the buffer. */
    static <R> void write(GateShape shape, LaneBlock block, MapBuffer buffer, BulkCopy<R> put,
            Transpose<R> transpose, R stage, R[] rows) {
        transfer(shape, block, buffer, put, transpose, stage, rows, false);
    }

    private static <R> void transfer(GateShape shape, LaneBlock block, MapBuffer buffer, BulkCopy<R> copy,
            Transpose<R> transpose, R stage, R[] rows, boolean reading) {
        int channels = shape.channels();
        int width = shape.width();
        int plane = shape.channelSize();
        int band = block.bandWidth();
        int steps = block.steps(shape);
        for (int n = block.sampleFrom(); n < block.sampleTo(); n++) {
            int mapStart = buffer.mapStart(n);
            int lane = (n - block.sampleFrom()) * band;
            for (int c = 0; c < channels; c++) {
                int channelStart = mapStart + c * plane;
                int firstRow = c * steps;
                if (block.horizontal()) {
                    int bandStart = channelStart + block.laneFrom() * width;
                    if (reading) {
                        copy.copy(bandStart, stage, 0, band * width);
                        transpose.scatter(stage, band, width, rows, firstRow, lane);
                    } else {
                        transpose.gather(rows, firstRow, lane, band, width, stage);
                        copy.copy(bandStart, stage, 0, band * width);
                    }
                } else {
                    for (int y = 0; y < steps; y++) {
                        copy.copy(channelStart + y * width + block.laneFrom(), rows[firstRow + y], lane, band);
                    }
                }
            }
        }
    }

    /** {@link Transpose} for the winner map's bytes. */
    static final Transpose<byte[]> BYTES = new Transpose<>() {
        @Override
        public void scatter(byte[] stage, int lines, int steps, byte[][] rows, int firstRow, int lane) {
            for (int step = 0; step < steps; step++) {
                byte[] row = rows[firstRow + step];
                for (int line = 0; line < lines; line++) {
                    row[lane + line] = stage[line * steps + step];
                }
            }
        }

        @Override
        public void gather(byte[][] rows, int firstRow, int lane, int lines, int steps, byte[] stage) {
            for (int step = 0; step < steps; step++) {
                byte[] row = rows[firstRow + step];
                for (int line = 0; line < lines; line++) {
                    stage[line * steps + step] = row[lane + line];
                }
            }
        }
    };
}
