package io.github.faceparse4j.core.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FastPath#ensure()} found and set up: the native build that was loaded, the CPU, and the resulting
 * {@link ExecutionPath}. Immutable and thread-safe.
 */
public final class FastPathStatus {

    /** The execution path convolution and pooling layers will take. */
    private final ExecutionPath path;
    /** The libnd4j build JavaCPP loaded, if it could be identified. */
    private final NativeBuild nativeBuild;
    /** The CPU's relevant features. */
    private final CpuFeatures cpu;
    /** Threads ND4J's native ops use (OpenMP). */
    private final int threads;
    /** Why the path is not {@link ExecutionPath#ONEDNN}, and what to do about it; empty on the fast path. */
    private final String reason;

    FastPathStatus(ExecutionPath path, NativeBuild nativeBuild, CpuFeatures cpu, int threads, String reason) {
        this.path = Objects.requireNonNull(path, "path");
        this.nativeBuild = nativeBuild;
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.threads = threads;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ExecutionPath path() {
        return path;
    }

    /** Whether this is the fast path, {@link ExecutionPath#ONEDNN}. */
    public boolean isFast() {
        return path == ExecutionPath.ONEDNN;
    }

    public Optional<NativeBuild> nativeBuild() {
        return Optional.ofNullable(nativeBuild);
    }

    public CpuFeatures cpu() {
        return cpu;
    }

    public int threads() {
        return threads;
    }

    /** Why the path is slower than {@link ExecutionPath#ONEDNN} and how to fix it; empty on the fast path. */
    public String reason() {
        return reason;
    }

    /** One line for logs and benchmark headers. */
    public String describe() {
        String build = nativeBuild == null ? "unknown" : nativeBuild.name();
        String line = "ND4J execution path " + path + " (native build " + build + ", CPU " + cpu.simdLevel() + ", "
                + threads + " threads)";
        return reason.isEmpty() ? line : line + ": " + reason;
    }

    @Override
    public String toString() {
        return describe();
    }
}
