package io.github.faceparse4j.rnngate.op;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The least memory traffic of one pass: every operand read once and every result written once, with no re-reads,
 * scratch or weights (which are tiny). Benchmarks divide it by the measured time for an achieved bandwidth, or by
 * the machine's bandwidth for the time floor of a memory-bound kernel.
 */
public final class RecurrenceTraffic {

    private RecurrenceTraffic() {
    }

    /** Forward: read X (and G), write H and the byte-per-node winner map. */
    public static long forwardBytes(GateMode mode, GateShape shape, DataType type) {
        int maps = mode.hasGate() ? 3 : 2;
        return shape.size() * (maps * (long) type.width() + 1);
    }

    /** Backward: read X, G, dH and the winner map, write dX and dG (no G, no dG when ungated). */
    public static long backwardBytes(GateMode mode, GateShape shape, DataType type) {
        int maps = mode.hasGate() ? 5 : 3;
        return shape.size() * (maps * (long) type.width() + 1);
    }
}
