package io.github.faceparse4j.rnngate.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import io.github.faceparse4j.rnngate.op.GateInputs;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The device side of one kernel call: every {@link DeviceOperand} it creates is freed on {@link #close()}. Used
 * with the module's context current, by one thread.
 */
final class DeviceSession implements AutoCloseable {

    /** The operands of a recurrence on the device; g, w and b are {@code null} where the mode has none. */
    record Inputs(DeviceOperand x, DeviceOperand g, DeviceOperand w, DeviceOperand b) {
    }

    private final List<DeviceOperand> operands = new ArrayList<>();
    private final DeviceArrays deviceArrays;

    /** A session; {@code deviceArrays} is the bridge to ND4J's CUDA backend, or {@code null} for host copies. */
    DeviceSession(DeviceArrays deviceArrays) {
        this.deviceArrays = deviceArrays;
    }

    /** An array the kernel reads ({@code null} stays {@code null}). */
    DeviceOperand read(INDArray array) {
        return track(DeviceOperand.of(array, true, deviceArrays));
    }

    /** An array the kernel writes ({@code null} stays {@code null}). */
    DeviceOperand write(INDArray array) {
        return track(DeviceOperand.of(array, false, deviceArrays));
    }

    /** Device-only memory. */
    DeviceOperand scratch(long bytes) {
        return track(DeviceOperand.scratch(bytes));
    }

    /** X, G, W and b; W and b (small) are always copied, converted to the operands' type. */
    Inputs inputs(GateInputs inputs) {
        DataType type = inputs.dataType();
        return new Inputs(read(inputs.x()), read(inputs.gate()), constants(inputs.weightsAsDoubles(), type),
                constants(inputs.biasesAsDoubles(), type));
    }

    private DeviceOperand constants(double[] values, DataType type) {
        if (values.length == 0) {
            return null;
        }
        DeviceOperand operand = scratch((long) values.length * type.width());
        Pointer host;
        if (type == DataType.DOUBLE) {
            host = Pointer.to(values);
        } else {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            host = Pointer.to(floats);
        }
        cuMemcpyHtoD(operand.pointer(), host, (long) values.length * type.width());
        return operand;
    }

    private DeviceOperand track(DeviceOperand operand) {
        if (operand != null) {
            operands.add(operand);
        }
        return operand;
    }

    @Override
    public void close() {
        for (DeviceOperand operand : operands) {
            operand.close();
        }
        operands.clear();
    }
}
