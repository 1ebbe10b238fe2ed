package io.github.faceparse4j.rnngate.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateKernel;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateShape;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import io.github.faceparse4j.rnngate.op.ScanDirection;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceLoader;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CUDA kernel of the gated recurrence ({@code src/main/cuda/gate_recurrence.cu}), launched through JCuda's driver
 * API: one launch per direction, each thread scanning one line with its channels in registers.
 *
 * <p>Works on host arrays (copied to the device and back per call) and, when the {@link DeviceArrays} bridge of the
 * {@code cuda} build profile finds ND4J's CUDA backend, on ND4J's device arrays in place. Supports C ≤ 32 channels,
 * FLOAT and DOUBLE. Without a driver, a device or the compiled kernels, {@link #create()} throws
 * {@link CudaUnavailableException} and {@link #unavailableReason()} says why. Thread-safe: calls are serialised on the
 * loaded module, since they share one context.
 */
public final class CudaGateKernel implements GateKernel {

    /** The most channels a kernel supports. */
    public static final int MAX_CHANNELS = 32;
    private static final int[] CAPACITIES = {1, 2, 4, 8, 16, 32};
    private static final int THREADS_PER_BLOCK = 128;

    private final CudaModule module;
    private final DeviceArrays deviceArrays;

    private CudaGateKernel(CudaModule module, DeviceArrays deviceArrays) {
        this.module = module;
        this.deviceArrays = deviceArrays;
    }

    /**
     * The kernel on device 0.
     *
     * @throws CudaUnavailableException when CUDA cannot run here
     */
    public static CudaGateKernel create() {
        DeviceArrays bridge = ServiceLoader.load(DeviceArrays.class).findFirst().orElse(null);
        return new CudaGateKernel(CudaModule.shared(), bridge);
    }

    /** The kernel, or empty when CUDA cannot run here. */
    public static Optional<CudaGateKernel> tryCreate() {
        try {
            return Optional.of(create());
        } catch (CudaUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Why CUDA cannot run here, or {@code null} when it can. */
    public static String unavailableReason() {
        try {
            CudaModule.shared();
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    @Override
    public String name() {
        return "cuda";
    }

    /** The device, as the driver names it, with the loaded image. */
    public String deviceDescription() {
        return module.deviceName() + " (compute " + module.computeCapability() / 10 + "."
                + module.computeCapability() % 10 + ", " + module.image() + ")";
    }

    /** Whether ND4J's device arrays are used in place (the {@code cuda} profile's bridge is present). */
    public boolean usesDeviceArrays() {
        return deviceArrays != null;
    }

    @Override
    public String unsupportedReason(GateMode mode, GateShape shape, DataType type) {
        return shape.channels() > MAX_CHANNELS ? "at most " + MAX_CHANNELS + " channels, got " + shape.channels()
                : null;
    }

    @Override
    public void forward(GateMode mode, GateInputs inputs, INDArray hidden, INDArray winners) {
        synchronized (module) {
            module.makeCurrent();
            try (DeviceSession session = new DeviceSession(deviceArrays)) {
                DeviceOperand h = session.write(hidden);
                DeviceOperand win = session.write(winners);
                launchForward(mode, inputs.shape(), inputs.dataType(), session.inputs(inputs), h, win);
                cuCtxSynchronize();
                h.download();
                win.download();
            }
        }
    }

    @Override
    public void backward(GateMode mode, GateInputs inputs, INDArray winners, INDArray dHidden,
            RecurrenceGradients gradients) {
        GateShape shape = inputs.shape();
        DataType type = inputs.dataType();
        int c = shape.channels();
        synchronized (module) {
            module.makeCurrent();
            try (DeviceSession session = new DeviceSession(deviceArrays)) {
                DeviceOperand dx = session.write(gradients.dX());
                DeviceOperand dg = session.write(gradients.dGate());
                DeviceOperand sums = session.scratch(weightSumBytes(c));
                launchBackward(mode, shape, type, session.inputs(inputs), session.read(winners),
                        session.read(dHidden), dx, dg, session.scratch(shape.size() * type.width()), sums);
                cuCtxSynchronize();
                dx.download();
                if (dg != null) {
                    dg.download();
                }
                if (mode.hasRecurrentWeights()) {
                    double[] sumsOnHost = new double[ScanDirection.COUNT * (c * c + c)];
                    cuMemcpyDtoH(Pointer.to(sumsOnHost), sums.pointer(), weightSumBytes(c));
                    assign(gradients.dWeights(), sumsOnHost, 0, ScanDirection.COUNT * c * c);
                    assign(gradients.dBiases(), sumsOnHost, ScanDirection.COUNT * c * c, ScanDirection.COUNT * c);
                }
            }
        }
    }

    private static long weightSumBytes(int channels) {
        return (long) ScanDirection.COUNT * (channels * channels + channels) * Double.BYTES;
    }

    /** Kernel times of one forward and one backward pass, device-resident data, averaged over repetitions. */
    record Timing(double forwardMillis, double backwardMillis) {
    }

    /**
     * Times the kernels alone: uploads the operands once (host copies, whatever the backend), then records CUDA
     * events around {@code repetitions} forward passes and as many backward passes (after one untimed warm-up of
     * each). The forward passes write copies, so the winner map the backward passes read stays as given.
     */
    Timing time(GateMode mode, GateInputs inputs, INDArray winners, INDArray dHidden, int repetitions) {
        GateShape shape = inputs.shape();
        DataType type = inputs.dataType();
        synchronized (module) {
            module.makeCurrent();
            try (DeviceSession session = new DeviceSession(null)) {
                DeviceSession.Inputs in = session.inputs(inputs);
                DeviceOperand h = session.write(dHidden.dup());
                DeviceOperand forwardWinners = session.write(winners.dup());
                DeviceOperand win = session.read(winners);
                DeviceOperand dh = session.read(dHidden);
                DeviceOperand dx = session.write(inputs.x().dup());
                DeviceOperand dg = session.write(inputs.gate() == null ? null : inputs.gate().dup());
                DeviceOperand scratch = session.scratch(shape.size() * type.width());
                DeviceOperand sums = session.scratch(weightSumBytes(shape.channels()));
                double forward = CudaTimer.millis(repetitions,
                        () -> launchForward(mode, shape, type, in, h, forwardWinners));
                double backward = CudaTimer.millis(repetitions,
                        () -> launchBackward(mode, shape, type, in, win, dh, dx, dg, scratch, sums));
                return new Timing(forward, backward);
            }
        }
    }

    /** Launches the four forward scans (the module's context must be current; returns before they finish). */
    void launchForward(GateMode mode, GateShape shape, DataType type, DeviceSession.Inputs in, DeviceOperand h,
            DeviceOperand win) {
        String function = "gate_forward_" + suffix(type, shape.channels());
        for (ScanDirection direction : ScanDirection.values()) {
            launch(function, shape, direction, Pointer.to(
                    Pointer.to(in.x().pointer()), Pointer.to(new long[] {in.x().sampleStride()}),
                    Pointer.to(pointerOrNull(in.g())), Pointer.to(new long[] {strideOrZero(in.g())}),
                    Pointer.to(h.pointer()), Pointer.to(new long[] {h.sampleStride()}),
                    Pointer.to(win.pointer()), Pointer.to(new long[] {win.sampleStride()}),
                    Pointer.to(pointerOrNull(in.w())), Pointer.to(pointerOrNull(in.b())),
                    Pointer.to(new int[] {shape.batch()}), Pointer.to(new int[] {shape.channels()}),
                    Pointer.to(new int[] {shape.height()}), Pointer.to(new int[] {shape.width()}),
                    Pointer.to(new int[] {direction.ordinal()}), Pointer.to(new int[] {mode.ordinal()}),
                    Pointer.to(new int[] {direction.ordinal() == 0 ? 1 : 0})));
        }
    }

    /** Zeroes the weight sums and launches the four backward scans (returns before they finish). */
    void launchBackward(GateMode mode, GateShape shape, DataType type, DeviceSession.Inputs in, DeviceOperand win,
            DeviceOperand dh, DeviceOperand dx, DeviceOperand dg, DeviceOperand scratch, DeviceOperand weightSums) {
        int c = shape.channels();
        cuMemsetD8(weightSums.pointer(), (byte) 0, weightSumBytes(c));
        CUdeviceptr biasSums = weightSums.pointer().withByteOffset((long) ScanDirection.COUNT * c * c * Double.BYTES);
        String function = "gate_backward_" + suffix(type, c);
        for (ScanDirection direction : ScanDirection.values()) {
            launch(function, shape, direction, Pointer.to(
                    Pointer.to(in.x().pointer()), Pointer.to(new long[] {in.x().sampleStride()}),
                    Pointer.to(pointerOrNull(in.g())), Pointer.to(new long[] {strideOrZero(in.g())}),
                    Pointer.to(win.pointer()), Pointer.to(new long[] {win.sampleStride()}),
                    Pointer.to(dh.pointer()), Pointer.to(new long[] {dh.sampleStride()}),
                    Pointer.to(dx.pointer()), Pointer.to(new long[] {dx.sampleStride()}),
                    Pointer.to(pointerOrNull(dg)), Pointer.to(new long[] {strideOrZero(dg)}),
                    Pointer.to(scratch.pointer()), Pointer.to(pointerOrNull(in.w())),
                    Pointer.to(pointerOrNull(in.b())), Pointer.to(weightSums.pointer()), Pointer.to(biasSums),
                    Pointer.to(new int[] {shape.batch()}), Pointer.to(new int[] {c}),
                    Pointer.to(new int[] {shape.height()}), Pointer.to(new int[] {shape.width()}),
                    Pointer.to(new int[] {direction.ordinal()}), Pointer.to(new int[] {mode.ordinal()}),
                    Pointer.to(new int[] {direction.ordinal() == 0 ? 0 : 1})));
        }
    }

    private void launch(String function, GateShape shape, ScanDirection direction, Pointer parameters) {
        long lines = (long) shape.batch() * (direction.isHorizontal() ? shape.height() : shape.width());
        int blocks = (int) ((lines + THREADS_PER_BLOCK - 1) / THREADS_PER_BLOCK);
        cuLaunchKernel(module.function(function), blocks, 1, 1, THREADS_PER_BLOCK, 1, 1, 0, null, parameters, null);
    }

    /** The kernel-name suffix: precision and the smallest channel capacity that fits. */
    static String suffix(DataType type, int channels) {
        for (int capacity : CAPACITIES) {
            if (channels <= capacity) {
                return (type == DataType.DOUBLE ? "f64" : "f32") + "_c" + capacity;
            }
        }
        throw new IllegalArgumentException("at most " + MAX_CHANNELS + " channels, got " + channels);
    }

    private static NativePointerObject pointerOrNull(DeviceOperand operand) {
        return operand == null ? new CUdeviceptr() : operand.pointer();
    }

    private static long strideOrZero(DeviceOperand operand) {
        return operand == null ? 0 : operand.sampleStride();
    }

    private static void assign(INDArray target, double[] values, int from, int length) {
        double[] part = Arrays.copyOfRange(values, from, from + length);
        target.assign(Nd4j.create(part, target.shape(), DataType.DOUBLE).castTo(target.dataType()));
    }
}
