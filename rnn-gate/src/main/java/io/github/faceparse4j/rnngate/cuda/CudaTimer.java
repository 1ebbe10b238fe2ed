package io.github.faceparse4j.rnngate.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/** Times asynchronous launches on the default stream with CUDA events. */
final class CudaTimer {

    private CudaTimer() {
    }

    /** Mean milliseconds per run of {@code launches}, after one untimed warm-up run. */
    static double millis(int repetitions, Runnable launches) {
        launches.run();
        cuCtxSynchronize();
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT);
        cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT);
        try {
            cuEventRecord(start, null);
            for (int i = 0; i < repetitions; i++) {
                launches.run();
            }
            cuEventRecord(stop, null);
            cuEventSynchronize(stop);
            float[] elapsed = new float[1];
            cuEventElapsedTime(elapsed, start, stop);
            return elapsed[0] / repetitions;
        } finally {
            cuEventDestroy(start);
            cuEventDestroy(stop);
        }
    }
}
