package io.github.faceparse4j.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of the native builds of libnd4j that nd4j-native 1.0.0-M2.1 publishes for a platform, told apart by the
 * classifier suffix of the {@code org.nd4j:nd4j-native} jar (JavaCPP calls it the platform extension).
 *
 * <p>FaceParse4J depends on {@link #ONEDNN_AVX2} by default; the parent pom's {@code no-avx2} profile swaps in
 * {@link #PLAIN}. Only the oneDNN builds run DL4J's convolution and pooling helpers on oneDNN; the others still run
 * them, but on libnd4j's own kernels.
 */
public enum NativeBuild {

    /** {@code linux-x86_64}: generic x86-64, no oneDNN. Runs on any x86-64 CPU. */
    PLAIN("", null, false),
    /** {@code linux-x86_64-avx2}: libnd4j's own kernels compiled for AVX2, no oneDNN. */
    AVX2("-avx2", "avx2", false),
    /** {@code linux-x86_64-avx512}: libnd4j's own kernels compiled for AVX-512, no oneDNN. */
    AVX512("-avx512", "avx512f", false),
    /** {@code linux-x86_64-compat}: for old glibc, no oneDNN. */
    COMPAT("-compat", null, false),
    /** {@code linux-x86_64-onednn}: generic x86-64 with oneDNN. */
    ONEDNN("-onednn", null, true),
    /** {@code linux-x86_64-onednn-avx2}: AVX2 with oneDNN; FaceParse4J's default. */
    ONEDNN_AVX2("-onednn-avx2", "avx2", true),
    /** {@code linux-x86_64-onednn-avx512}: AVX-512 with oneDNN. */
    ONEDNN_AVX512("-onednn-avx512", "avx512f", true);

    /** Where nd4j-native's jars keep the native libraries, followed by platform + extension. */
    private static final String RESOURCE_DIR = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final String LIBRARY = "libnd4jcpu.so";

    /** JavaCPP platform extension: the classifier minus the platform, e.g. {@code -onednn-avx2}. */
    private final String extension;
    /** The {@code /proc/cpuinfo} flag the build needs, or null if it runs on any CPU of the platform. */
    private final String requiredCpuFlag;
    /** Whether libnd4j was built with oneDNN ({@code HAVE_ONEDNN}). */
    private final boolean oneDnn;

    NativeBuild(String extension, String requiredCpuFlag, boolean oneDnn) {
        this.extension = extension;
        this.requiredCpuFlag = requiredCpuFlag;
        this.oneDnn = oneDnn;
    }

    /** The JavaCPP platform extension, e.g. {@code -onednn-avx2}; empty for {@link #PLAIN}. */
    public String extension() {
        return extension;
    }

    /** The Maven classifier of the nd4j-native jar for {@code platform}, e.g. {@code linux-x86_64-onednn-avx2}. */
    public String classifier(String platform) {
        return platform + extension;
    }

    /** The CPU flag this build needs, if any. */
    public Optional<String> requiredCpuFlag() {
        return Optional.ofNullable(requiredCpuFlag);
    }

    /** Whether this build runs DL4J's layer helpers on oneDNN. */
    public boolean hasOneDnn() {
        return oneDnn;
    }

    /** Whether this build's native library for {@code platform} is a resource visible to {@code loader}. */
    public boolean isOnClassPath(String platform, ClassLoader loader) {
        return loader.getResource(RESOURCE_DIR + classifier(platform) + "/" + LIBRARY) != null;
    }

    /** Every build for {@code platform} whose native library {@code loader} can see, in declaration order. */
    public static List<NativeBuild> onClassPath(String platform, ClassLoader loader) {
        List<NativeBuild> found = new ArrayList<>();
        for (NativeBuild b : values()) {
            if (b.isOnClassPath(platform, loader)) {
                found.add(b);
            }
        }
        return found;
    }

    /**
     * The build a loaded library file belongs to, judged by the directory JavaCPP extracted it into, e.g.
     * {@code .../bindings/linux-x86_64-onednn-avx2/libnd4jcpu.so}.
     */
    public static Optional<NativeBuild> ofLoadedLibrary(String path, String platform) {
        String normalised = path.replace('\\', '/');
        int slash = normalised.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String dir = normalised.substring(0, slash);
        String last = dir.substring(dir.lastIndexOf('/') + 1);
        for (NativeBuild b : values()) {
            if (last.equals(b.classifier(platform))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
