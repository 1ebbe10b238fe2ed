package io.github.faceparse4j.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where FaceParse4J sets up ND4J and DL4J for speed on the CPU. Every entry point of the library calls
 * {@link #ensure()} first.
 *
 * <p>Out of the box DL4J 1.0.0-M2.1 runs convolution and pooling on its slow built-in path, for two independent
 * reasons (both are in {@code docs/speed.md}): the system property {@code org.eclipse.deeplearning4j.helpers.disable}
 * defaults to {@code true}, and DL4J's oneDNN check reflects on a class that nd4j-native M2.1 renamed. {@link #ensure()}
 * fixes the first by setting the property to {@code false} unless the user set it, and checks that the compatibility
 * class {@code org.nd4j.nativeblas.Nd4jCpu} in this module fixes the second.
 *
 * <p><b>When to call.</b> DL4J reads the property each time it creates a layer, that is in
 * {@code ComputationGraph.init()}, {@code MultiLayerNetwork.init()} and {@code ModelSerializer.restore*()}; a network
 * initialised before {@link #ensure()} keeps its slow layers for good. Native-build selection (below) works only if
 * {@link #ensure()} runs before anything touches ND4J. So: call it first thing, before building or loading any network;
 * then call {@link #verifyHelpers(ComputationGraph)} on the initialised network.
 *
 * <p><b>Native builds.</b> FaceParse4J depends on the {@code linux-x86_64-onednn-avx2} natives. On a CPU without AVX2,
 * ND4J would call {@code System.exit(1)} when it loads them; {@link #ensure()} throws a {@link FastPathException}
 * instead, which names the fix (the parent pom's {@code no-avx2} profile, or the plain {@code linux-x86_64} jar).
 * When several builds are on the class path, it picks the best one this CPU can run by setting JavaCPP's
 * {@code org.bytedeco.javacpp.platform.extension} (unless the user set it).
 *
 * <p><b>Slow paths.</b> Without oneDNN (the plain build) the helpers still run, on libnd4j's own kernels
 * ({@link ExecutionPath#LIBND4J}); with helpers disabled by the user they do not ({@link ExecutionPath#BUILT_IN}).
 * Either way {@link #ensure()} logs a warning with the reason and carries on, unless the system property
 * {@value #REQUIRE_PROPERTY} is {@code true}: then it throws.
 *
 * <p>Thread-safe: {@link #ensure()} is synchronised and does its work once per JVM (class loader).
 */
public final class FastPath {

    /** Set to {@code true} to make {@link #ensure()} throw unless the path is {@link ExecutionPath#ONEDNN}. */
    public static final String REQUIRE_PROPERTY = "faceparse4j.fastpath.require";
    /** DL4J's switch for all layer helpers; DL4J's default is {@code true} (off). */
    public static final String HELPERS_DISABLE_PROPERTY = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;
    /** JavaCPP's choice of native build, e.g. {@code -onednn-avx2}. */
    public static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private static final Logger LOG = LoggerFactory.getLogger(FastPath.class);
    /** JavaCPP's key for libnd4j in {@link Loader#getLoadedLibraries()}. */
    private static final String ND4J_LIBRARY = "nd4jcpu";
    /** Best first: oneDNN before libnd4j's own kernels, wider SIMD before narrower. */
    private static final List<NativeBuild> PREFERENCE = List.of(NativeBuild.ONEDNN_AVX512, NativeBuild.ONEDNN_AVX2,
            NativeBuild.ONEDNN, NativeBuild.AVX512, NativeBuild.AVX2, NativeBuild.PLAIN, NativeBuild.COMPAT);

    private static FastPathStatus status;

    private FastPath() {
    }

    /**
     * Sets up the fast path once, loads ND4J, and returns what it found. Later calls return the same status.
     *
     * @throws FastPathException if the CPU cannot run any native build on the class path, or if
     *     {@value #REQUIRE_PROPERTY} is {@code true} and the path is not {@link ExecutionPath#ONEDNN}
     */
    public static synchronized FastPathStatus ensure() {
        if (status == null) {
            CpuFeatures cpu = CpuFeatures.detect();
            String platform = Loader.getPlatform();
            if (!isNd4jLoaded()) {
                selectNativeBuild(cpu, platform, FastPath.class.getClassLoader());
            } else {
                LOG.debug("ND4J was loaded before FastPath.ensure(): native build selection skipped");
            }
            enableHelpersUnlessUserChose();
            FastPathStatus found = probe(cpu, platform);
            if (found.isFast()) {
                LOG.info("{}", found.describe());
            } else {
                LOG.warn("{}", found.describe());
            }
            status = found;
        }
        if (!status.isFast() && Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new FastPathException(REQUIRE_PROPERTY + "=true but " + status.describe());
        }
        return status;
    }

    /**
     * Checks that every convolution, pooling, batch-norm and LRN layer of an initialised graph runs on a helper.
     * Layer types DL4J has no helper for (e.g. {@code Deconvolution2D}) are logged, not failed.
     *
     * @return the audit, for callers that want to report it
     * @throws FastPathException if the path expects helpers and a layer has none (typically the network was
     *     initialised before {@link #ensure()})
     */
    public static LayerHelperAudit verifyHelpers(ComputationGraph graph) {
        return check(LayerHelperAudit.of(graph));
    }

    /** As {@link #verifyHelpers(ComputationGraph)}, for a {@link MultiLayerNetwork}. */
    public static LayerHelperAudit verifyHelpers(MultiLayerNetwork network) {
        return check(LayerHelperAudit.of(network));
    }

    private static LayerHelperAudit check(LayerHelperAudit audit) {
        FastPathStatus s = ensure();
        if (!audit.withoutImplementation().isEmpty()) {
            LOG.debug("Layers without a oneDNN implementation in DL4J: {}", audit.withoutImplementation());
        }
        if (audit.isComplete()) {
            return audit;
        }
        if (s.path().expectsHelpers()) {
            throw new FastPathException("Layers " + audit.missing() + " have no DL4J layer helper although the "
                    + "execution path is " + s.path() + "; they would run several times slower. Was the network "
                    + "initialised (init() or ModelSerializer.restore*) before FastPath.ensure()?");
        }
        LOG.warn("Layers {} run on DL4J's slow built-in path: {}", audit.missing(), s.reason());
        return audit;
    }

    /** Sets DL4J's helper switch to "enabled" unless the user set it either way; returns the value in force. */
    static String enableHelpersUnlessUserChose() {
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        return System.getProperty(HELPERS_DISABLE_PROPERTY);
    }

    /**
     * Applies the network-wide settings that make training faster without changing what is computed, and returns the
     * builder: {@code cacheMode(CacheMode.DEVICE)}, so that convolution layers keep their pre-activation from the
     * forward pass instead of running the forward convolution again in backprop (DL4J's default, {@code NONE},
     * recomputes it; measured +24% training speed on the iCNN-like prototype). Costs one pre-activation per
     * convolution layer of memory during training, as PyTorch keeps too.
     */
    public static NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder builder) {
        return builder.cacheMode(CacheMode.DEVICE);
    }

    private static boolean isNd4jLoaded() {
        return Loader.getLoadedLibraries().containsKey(ND4J_LIBRARY);
    }

    /**
     * Makes sure JavaCPP will load a build this CPU can run: throws if there is none, and sets the platform extension
     * when JavaCPP's own choice could not run or more than one build is present.
     */
    static void selectNativeBuild(CpuFeatures cpu, String platform, ClassLoader loader) {
        if (System.getProperty(PLATFORM_EXTENSION_PROPERTY) != null) {
            return;
        }
        List<NativeBuild> present = NativeBuild.onClassPath(platform, loader);
        chooseNativeBuild(cpu, platform, present).ifPresent(b -> {
            LOG.debug("Selecting native build {} among {}", b, present);
            System.setProperty(PLATFORM_EXTENSION_PROPERTY, b.extension());
        });
    }

    /**
     * The build to force among {@code present}, or empty when there is nothing to choose (one runnable build, or none
     * known).
     *
     * @throws FastPathException if no build in {@code present} can run on {@code cpu}
     */
    static Optional<NativeBuild> chooseNativeBuild(CpuFeatures cpu, String platform, List<NativeBuild> present) {
        if (present.isEmpty()) {
            return Optional.empty();
        }
        List<NativeBuild> runnable = new ArrayList<>();
        for (NativeBuild b : present) {
            if (cpu.canRun(b.requiredCpuFlag())) {
                runnable.add(b);
            }
        }
        if (runnable.isEmpty()) {
            List<String> classifiers = present.stream().map(b -> b.classifier(platform)).toList();
            throw new FastPathException("This CPU (" + cpu.simdLevel() + ") cannot run the ND4J native build(s) on "
                    + "the class path " + classifiers + "; ND4J would exit the JVM on loading them. Build with the "
                    + "Maven profile -Pno-avx2, or depend on org.nd4j:nd4j-native:1.0.0-M2.1:"
                    + NativeBuild.PLAIN.classifier(platform) + " instead.");
        }
        if (present.size() == 1) {
            return Optional.empty();
        }
        return runnable.stream().min(Comparator.comparingInt(PREFERENCE::indexOf));
    }

    private static FastPathStatus probe(CpuFeatures cpu, String platform) {
        Map<Object, Object> env = Nd4j.getExecutioner().getEnvironmentInformation();
        int threads = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "1")));
        if (!"CPU".equalsIgnoreCase(String.valueOf(env.get("backend")))) {
            return new FastPathStatus(ExecutionPath.NOT_CPU, null, cpu, threads,
                    "ND4J backend " + env.get("backend") + " is not managed by FaceParse4J");
        }
        String loadedPath = Loader.getLoadedLibraries().get(ND4J_LIBRARY);
        NativeBuild build = loadedPath == null ? null : NativeBuild.ofLoadedLibrary(loadedPath, platform).orElse(null);
        boolean oneDnnCompiled = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        ExecutionPath path;
        String reason;
        if (Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY))) {
            path = ExecutionPath.BUILT_IN;
            reason = "the system property " + HELPERS_DISABLE_PROPERTY + " is true; remove it for the fast path";
        } else if (!Nd4j.getEnvironment().helpersAllowed()) {
            path = ExecutionPath.BUILT_IN;
            reason = "ND4J's environment disallows helpers (Nd4j.getEnvironment().allowHelpers(false))";
        } else if (!BaseMKLDNNHelper.mklDnnEnabled()) {
            path = ExecutionPath.BUILT_IN;
            reason = "DL4J's oneDNN check failed: the compatibility class org.nd4j.nativeblas.Nd4jCpu is missing "
                    + "from the class path, or ND4J's environment has oneDNN switched off";
        } else if (!oneDnnCompiled) {
            path = ExecutionPath.LIBND4J;
            reason = "the loaded native build has no oneDNN; convolution and pooling run on libnd4j's own kernels. "
                    + "On a CPU with AVX2 use the " + NativeBuild.ONEDNN_AVX2.classifier(platform) + " natives";
        } else {
            path = ExecutionPath.ONEDNN;
            reason = "";
        }
        return new FastPathStatus(path, build, cpu, threads, reason);
    }
}
