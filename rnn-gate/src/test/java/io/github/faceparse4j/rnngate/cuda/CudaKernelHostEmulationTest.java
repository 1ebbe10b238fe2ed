package io.github.faceparse4j.rnngate.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateProblems;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.RecurrenceOutput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the arithmetic of the CUDA kernels without a GPU: {@code src/test/cuda/gate_recurrence_host.cpp} compiles
 * {@code gate_recurrence.cu} as plain C++ with one thread per block and runs the launches in CudaGateKernel's order;
 * its results must match the CPU kernel. Skipped where g++ is missing. It cannot see what only a GPU shows (races,
 * warp shuffles, the JCuda launch); the self-test main covers those on a GPU.
 */
class CudaKernelHostEmulationTest {

    private static final Path SOURCE = Paths.get("src/test/cuda/gate_recurrence_host.cpp");

    @TempDir
    static Path work;
    private static Path binary;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        assumeTrue(Files.exists(SOURCE), "emulation source not found from " + Paths.get("").toAbsolutePath());
        binary = work.resolve("gate_recurrence_host");
        Process gcc;
        try {
            gcc = new ProcessBuilder("g++", "-std=c++17", "-O1", "-Wno-unknown-pragmas", "-o", binary.toString(),
                    SOURCE.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "g++ not available: " + e.getMessage());
            return;
        }
        String log = new String(gcc.getInputStream().readAllBytes());
        assumeTrue(gcc.waitFor(120, TimeUnit.SECONDS), "g++ timed out");
        assertEquals(0, gcc.exitValue(), "g++ failed:\n" + log);
    }

    static Stream<Arguments> cases() {
        GateShape[] shapes = {new GateShape(2, 3, 5, 7), new GateShape(1, 1, 4, 1), new GateShape(2, 8, 1, 6),
            new GateShape(1, 17, 3, 4), new GateShape(3, 5, 6, 6)};
        List<Arguments> cases = new ArrayList<>();
        for (GateMode mode : GateMode.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (GateShape shape : shapes) {
                    cases.add(Arguments.of(mode, type, shape));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void emulatedKernelsMatchTheCpuKernel(GateMode mode, DataType type, GateShape shape) throws Exception {
        GateInputs inputs = GateProblems.inputs(mode, shape, DataType.DOUBLE, shape.size() + mode.ordinal());
        INDArray dHidden = GateProblems.uniform(new Random(3), DataType.DOUBLE, -1, 1, shape.toLongArray());
        Path in = work.resolve("in.bin");
        Path out = work.resolve("out.bin");
        Files.write(in, encode(mode, type, inputs, dHidden));
        Process run = new ProcessBuilder(binary.toString(), in.toString(), out.toString()).redirectErrorStream(true)
                .start();
        String log = new String(run.getInputStream().readAllBytes());
        assertEquals(0, run.waitFor(), log);

        // The reference works on the values the emulation saw: rounded to float first in single precision.
        GateInputs seen = type == DataType.DOUBLE ? inputs : roundTrip(inputs);
        GateRecurrence cpu = GateRecurrence.builder().setMode(mode).build();
        RecurrenceOutput expected = cpu.forward(seen);
        long[] dims = shape.toLongArray();
        int size = (int) shape.size();
        try (DataInputStream data = new DataInputStream(Files.newInputStream(out))) {
            INDArray hidden = readDoubles(data, size, dims);
            byte[] winnerBytes = data.readNBytes(size);
            INDArray winners = Nd4j.create(winnerBytes, dims, DataType.BYTE);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            assertClose(expected.hidden(), hidden, tolerance, "H");
            if (type == DataType.DOUBLE) {
                assertEquals(expected.winners(), winners, "winners");
            }
            RecurrenceGradients grads = cpu.backward(seen, winners, roundTripIfFloat(dHidden, type));
            assertClose(grads.dX(), readDoubles(data, size, dims), tolerance, "dX");
            if (mode.hasGate()) {
                assertClose(grads.dGate(), readDoubles(data, size, dims), tolerance, "dG");
            }
            if (mode.hasRecurrentWeights()) {
                int c = shape.channels();
                assertClose(grads.dWeights(), readDoubles(data, 4 * c * c, new long[] {4, c, c}), tolerance, "dW");
                assertClose(grads.dBiases(), readDoubles(data, 4 * c, new long[] {4, c}), tolerance, "db");
            }
        }
    }

    private static byte[] encode(GateMode mode, DataType type, GateInputs inputs, INDArray dHidden) {
        GateShape s = inputs.shape();
        List<double[]> arrays = new ArrayList<>();
        arrays.add(doubles(inputs.x()));
        if (mode.hasGate()) {
            arrays.add(doubles(inputs.gate()));
        }
        if (mode.hasRecurrentWeights()) {
            arrays.add(inputs.weightsAsDoubles());
            arrays.add(inputs.biasesAsDoubles());
        }
        arrays.add(doubles(dHidden));
        int count = arrays.stream().mapToInt(a -> a.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(6 * Integer.BYTES + count * Double.BYTES)
                .order(ByteOrder.nativeOrder());
        buffer.putInt(mode.ordinal()).putInt(type == DataType.DOUBLE ? 1 : 0).putInt(s.batch())
                .putInt(s.channels()).putInt(s.height()).putInt(s.width());
        for (double[] array : arrays) {
            for (double value : array) {
                buffer.putDouble(value);
            }
        }
        return buffer.array();
    }

    private static double[] doubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static GateInputs roundTrip(GateInputs in) {
        return GateInputs.of(roundTripIfFloat(in.x(), DataType.FLOAT), roundTripIfFloat(in.gate(), DataType.FLOAT),
                roundTripIfFloat(in.weights(), DataType.FLOAT), roundTripIfFloat(in.biases(), DataType.FLOAT));
    }

    private static INDArray roundTripIfFloat(INDArray array, DataType type) {
        return array == null || type == DataType.DOUBLE ? array
                : array.castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
    }

    private static INDArray readDoubles(InputStream in, int count, long[] shape) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(in.readNBytes(count * Double.BYTES)).order(ByteOrder.nativeOrder());
        double[] values = new double[count];
        bytes.asDoubleBuffer().get(values);
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = actual.sub(expected).amaxNumber().doubleValue();
        if (!(error <= tolerance * scale)) {
            throw new AssertionError(what + ": largest difference " + error + " (tolerance " + tolerance * scale + ")");
        }
    }
}
