package io.github.faceparse4j.rnngate.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded gate-recurrence kernels on device 0: the driver, the device's primary context (shared with ND4J's CUDA
 * backend and anything else using the runtime API) and the module built from {@code gate_recurrence.cu}.
 *
 * <p>The module is the sm_90 cubin on a compute capability 9.0 device and otherwise the compute_75 PTX, which the
 * driver compiles for the device at load. Opened once per JVM ({@link #shared()}); a failure is remembered and
 * reported as {@link CudaUnavailableException} on every later call, never as a crash: without libcuda.so.1 loading
 * JCuda's native library fails with a LinkageError, which is caught here. Callers serialise on the instance.
 */
final class CudaModule {

    private static final Logger LOG = LoggerFactory.getLogger(CudaModule.class);
    private static final String RESOURCE_DIR = "/io/github/faceparse4j/rnngate/cuda/";
    private static final String PTX = RESOURCE_DIR + "gate_recurrence.ptx";
    private static final String CUBIN_SM90 = RESOURCE_DIR + "gate_recurrence.sm_90.cubin";

    private static volatile Object shared;

    private final CUcontext context;
    private final CUmodule module;
    private final String deviceName;
    private final int computeCapability;
    private final String image;
    private final Map<String, CUfunction> functions = new HashMap<>();

    private CudaModule(CUcontext context, CUmodule module, String deviceName, int computeCapability, String image) {
        this.context = context;
        this.module = module;
        this.deviceName = deviceName;
        this.computeCapability = computeCapability;
        this.image = image;
    }

    /** The module, loading it on first use. */
    static CudaModule shared() {
        Object state = shared;
        if (state == null) {
            synchronized (CudaModule.class) {
                state = shared;
                if (state == null) {
                    state = open();
                    shared = state;
                }
            }
        }
        if (state instanceof CudaUnavailableException e) {
            throw new CudaUnavailableException(e.getMessage().substring("CUDA unavailable: ".length()), e);
        }
        return (CudaModule) state;
    }

    private static Object open() {
        byte[] ptx = resource(PTX);
        if (ptx == null) {
            return new CudaUnavailableException("the kernels were not built (no " + PTX + " on the class path: "
                    + "build with nvcc, see rnn-gate/README.md)", null);
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return new CudaUnavailableException("the driver reports no CUDA device", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device);
            cuCtxSetCurrent(context);
            byte[] cubin = major == 9 && minor == 0 ? resource(CUBIN_SM90) : null;
            CUmodule module = new CUmodule();
            cuModuleLoadData(module, cubin != null ? cubin : nullTerminated(ptx));
            String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
            String image = cubin != null ? "sm_90 cubin" : "compute_75 PTX (JIT)";
            LOG.info("CUDA gate kernels loaded on {} (compute {}.{}) from the {}", deviceName, major, minor, image);
            return new CudaModule(context, module, deviceName, 10 * major + minor, image);
        } catch (LinkageError e) {
            return new CudaUnavailableException("the CUDA driver library (libcuda.so.1) or JCuda's native library "
                    + "cannot be loaded: " + rootCause(e.getMessage()), e);
        } catch (RuntimeException e) {
            return new CudaUnavailableException("the driver refused: " + e.getMessage(), e);
        }
    }

    /** JCuda's loader message lists every attempt; the last linker complaint is the one that matters. */
    private static String rootCause(String message) {
        if (message == null) {
            return "unknown";
        }
        String[] lines = message.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            int at = lines[i].indexOf("UnsatisfiedLinkError: ");
            if (at >= 0) {
                return lines[i].substring(at + "UnsatisfiedLinkError: ".length()).trim();
            }
        }
        return lines[0];
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    private static byte[] resource(String path) {
        try (InputStream in = CudaModule.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] nullTerminated(byte[] text) {
        return Arrays.copyOf(text, text.length + 1);
    }

    /** Makes the primary context current on the calling thread. */
    void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    /** A kernel of the module by its extern "C" name, looked up once. */
    CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction function = new CUfunction();
            cuModuleGetFunction(function, module, n);
            return function;
        });
    }

    /** The device's name as the driver reports it. */
    String deviceName() {
        return deviceName;
    }

    /** The compute capability as 10·major + minor. */
    int computeCapability() {
        return computeCapability;
    }

    /** Which image was loaded. */
    String image() {
        return image;
    }
}
