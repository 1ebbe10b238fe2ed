package io.github.faceparse4j.core.layer;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a kernel over independent planes (image x channel), on as many threads as ND4J's native ops use: the hand-written
 * kernels then scale like the oneDNN convolutions around them, and stay on the calling thread when ND4J runs on one.
 * Thread-safe; the body must only write to its own plane.
 */
final class PlaneLoop {

    /** Overrides the thread count (default: ND4J's); 1 keeps every kernel on the calling thread. */
    static final String THREADS_PROPERTY = "faceparse4j.kernel.threads";

    /** Below this many elements in all, a thread hand-off costs more than it saves. */
    private static final long PARALLEL_THRESHOLD = 1 << 15;

    private static volatile ForkJoinPool pool;

    private PlaneLoop() {
    }

    /**
     * Calls {@code body.accept(i)} once for every {@code i} in {@code [0, count)}, in any order and possibly in
     * parallel.
     *
     * @param elementsPerItem the rough work of one call, to decide whether to go parallel
     */
    static void forEach(int count, long elementsPerItem, IntConsumer body) {
        ForkJoinPool p = count > 1 && count * elementsPerItem >= PARALLEL_THRESHOLD ? pool() : null;
        if (p == null) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        p.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
    }

    /** A pool with ND4J's thread count, or null when that is one. */
    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (PlaneLoop.class) {
                if (pool == null) {
                    int threads = Math.max(1, Integer.getInteger(THREADS_PROPERTY,
                            Nd4j.getEnvironment().maxThreads()));
                    pool = threads == 1 ? null : new ForkJoinPool(threads);
                }
                p = pool;
            }
        }
        return p;
    }
}
