package io.github.faceparse4j.rnngate.bench;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU kernel against the same recurrence in plain ND4J ops ({@link Nd4jOpsGateRecurrence}), LINEAR mode, FLOAT,
 * forward and backward. Run through {@link GateRecurrenceBenchmarkMain}, which also measures the memory bandwidth and
 * prints the comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class GateRecurrenceBenchmark {

    /** [N, C, H, W]. */
    @Param({"16,8,64,64", "16,8,128,128"})
    public String shape;

    private GateRecurrence op;
    private GateInputs inputs;
    private INDArray hidden;
    private INDArray winners;
    private INDArray dHidden;
    private RecurrenceGradients gradients;
    private Nd4jOpsGateRecurrence baseline;

    /** Parses a shape parameter. */
    static GateShape parse(String shape) {
        String[] parts = shape.split(",");
        return new GateShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
    }

    /** Inputs, outputs and the baseline's forward state, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        GateShape s = parse(shape);
        op = GateRecurrence.builder().setMode(GateMode.LINEAR).build();
        inputs = GateProblems.inputs(GateMode.LINEAR, s, DataType.FLOAT, 1);
        RecurrenceOutput out = op.forward(inputs);
        hidden = out.hidden();
        winners = out.winners();
        dHidden = GateProblems.uniform(new Random(2), DataType.FLOAT, -1, 1, s.toLongArray());
        gradients = RecurrenceGradients.allocate(GateMode.LINEAR, s, DataType.FLOAT);
        baseline = new Nd4jOpsGateRecurrence(inputs);
        baseline.forward();
    }

    /** The CPU kernel's forward pass into preallocated H and winners. */
    @Benchmark
    public INDArray kernelForward() {
        op.forward(inputs, hidden, winners);
        return hidden;
    }

    /** The CPU kernel's backward pass into preallocated gradients. */
    @Benchmark
    public INDArray kernelBackward() {
        op.backward(inputs, winners, dHidden, gradients);
        return gradients.dX();
    }

    /** The ND4J-ops forward pass. */
    @Benchmark
    public INDArray nd4jOpsForward() {
        return baseline.forward();
    }

    /** The ND4J-ops backward pass (from the trial's forward state). */
    @Benchmark
    public INDArray[] nd4jOpsBackward() {
        return baseline.backward(dHidden);
    }
}
