package io.github.faceparse4j.rnngate.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import io.github.faceparse4j.rnngate.op.PlaneLayout;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One [N, C, H, W] array as a kernel sees it: a device pointer to element (0, 0, 0, 0) and the distance between maps.
 *
 * <p>A device array of ND4J's CUDA backend is used in place. A host array is mirrored in a fresh contiguous device
 * buffer: uploaded when the kernel reads it, downloaded by {@link #download()} when the kernel wrote it, freed by
 * {@link #close()}. Not thread-safe; lives for one kernel call.
 */
final class DeviceOperand implements AutoCloseable {

    private final INDArray array;
    private final CUdeviceptr pointer;
    private final long sampleStride;
    private final boolean owned;
    private final DeviceArrays deviceArrays;

    private DeviceOperand(INDArray array, CUdeviceptr pointer, long sampleStride, boolean owned,
            DeviceArrays deviceArrays) {
        this.array = array;
        this.pointer = pointer;
        this.sampleStride = sampleStride;
        this.owned = owned;
        this.deviceArrays = deviceArrays;
    }

    /**
     * The operand for an array, or {@code null} for a {@code null} array.
     *
     * @param upload       whether the kernel reads the array (a host array is then copied to the device)
     * @param deviceArrays the bridge to ND4J's CUDA backend, or {@code null}
     */
    static DeviceOperand of(INDArray array, boolean upload, DeviceArrays deviceArrays) {
        if (array == null) {
            return null;
        }
        PlaneLayout layout = PlaneLayout.of(array);
        if (deviceArrays != null && deviceArrays.isDeviceArray(array)) {
            return new DeviceOperand(array, new AddressPointer(deviceArrays.address(array)), layout.sampleStride(),
                    false, deviceArrays);
        }
        long plane = array.length() / array.size(0);
        int elementSize = array.dataType().width();
        CUdeviceptr buffer = new CUdeviceptr();
        cuMemAlloc(buffer, array.length() * elementSize);
        DeviceOperand operand = new DeviceOperand(array, buffer, plane, true, null);
        if (upload) {
            operand.copy(true);
        }
        return operand;
    }

    /** A device-only scratch buffer of the given size in bytes. */
    static DeviceOperand scratch(long bytes) {
        CUdeviceptr buffer = new CUdeviceptr();
        cuMemAlloc(buffer, Math.max(1, bytes));
        return new DeviceOperand(null, buffer, 0, true, null);
    }

    /** The device pointer to element (0, 0, 0, 0). */
    CUdeviceptr pointer() {
        return pointer;
    }

    /** Elements between consecutive maps on the device. */
    long sampleStride() {
        return sampleStride;
    }

    /** Brings what the kernel wrote back to the array: a copy for host arrays, a notice to ND4J for device arrays. */
    void download() {
        if (owned) {
            copy(false);
        } else {
            deviceArrays.markDeviceWritten(array);
        }
    }

    /** Copies between the host array and the device buffer, one map at a time when the maps are not adjacent. */
    private void copy(boolean toDevice) {
        PlaneLayout layout = PlaneLayout.of(array);
        int elementSize = array.dataType().width();
        long plane = array.length() / array.size(0);
        boolean adjacent = layout.sampleStride() == plane || array.size(0) == 1;
        long runs = adjacent ? 1 : array.size(0);
        long runBytes = (adjacent ? array.length() : plane) * elementSize;
        Pointer host = Pointer.to(array.data().asNio());
        for (long n = 0; n < runs; n++) {
            Pointer hostRun = host.withByteOffset(layout.mapStart((int) n) * elementSize);
            CUdeviceptr deviceRun = pointer.withByteOffset(n * plane * elementSize);
            if (toDevice) {
                cuMemcpyHtoD(deviceRun, hostRun, runBytes);
            } else {
                cuMemcpyDtoH(hostRun, deviceRun, runBytes);
            }
        }
    }

    @Override
    public void close() {
        if (owned) {
            cuMemFree(pointer);
        }
    }
}
