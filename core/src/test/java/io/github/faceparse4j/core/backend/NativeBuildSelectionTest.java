package io.github.faceparse4j.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How {@link FastPath} picks a native build for a CPU, and how it recognises one; no native code is loaded. */
class NativeBuildSelectionTest {

    private static final String PLATFORM = "linux-x86_64";
    private static final CpuFeatures AVX512 = CpuFeatures.of(List.of("sse4_2", "avx", "avx2", "fma", "avx512f"));
    private static final CpuFeatures AVX2 = CpuFeatures.of(List.of("sse4_2", "avx", "avx2", "fma"));
    private static final CpuFeatures SSE4 = CpuFeatures.of(List.of("sse4_2"));

    @Test
    void aSingleRunnableBuildIsLeftToJavaCpp() {
        assertEquals(Optional.empty(), FastPath.chooseNativeBuild(AVX2, PLATFORM, List.of(NativeBuild.ONEDNN_AVX2)));
        assertEquals(Optional.empty(), FastPath.chooseNativeBuild(SSE4, PLATFORM, List.of(NativeBuild.PLAIN)));
    }

    @Test
    void avx2BuildOnACpuWithoutAvx2FailsWithTheFix() {
        FastPathException e = assertThrows(FastPathException.class,
                () -> FastPath.chooseNativeBuild(SSE4, PLATFORM, List.of(NativeBuild.ONEDNN_AVX2)));
        assertTrue(e.getMessage().contains("-Pno-avx2"), e.getMessage());
        assertTrue(e.getMessage().contains("linux-x86_64-onednn-avx2"), e.getMessage());
        assertTrue(e.getMessage().contains("SSE only"), e.getMessage());
    }

    @Test
    void plainBuildIsTheFallbackWhenBothArePresent() {
        List<NativeBuild> both = List.of(NativeBuild.PLAIN, NativeBuild.ONEDNN_AVX2);
        assertEquals(Optional.of(NativeBuild.PLAIN), FastPath.chooseNativeBuild(SSE4, PLATFORM, both));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2), FastPath.chooseNativeBuild(AVX2, PLATFORM, both));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2), FastPath.chooseNativeBuild(AVX512, PLATFORM, both));
    }

    @Test
    void oneDnnWithWiderSimdIsPreferred() {
        List<NativeBuild> many = List.of(NativeBuild.AVX512, NativeBuild.ONEDNN_AVX2, NativeBuild.ONEDNN_AVX512);
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX512), FastPath.chooseNativeBuild(AVX512, PLATFORM, many));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2), FastPath.chooseNativeBuild(AVX2, PLATFORM, many));
    }

    @Test
    void unknownCpuRunsAnything() {
        assertEquals(Optional.empty(),
                FastPath.chooseNativeBuild(CpuFeatures.unknown(), PLATFORM, List.of(NativeBuild.ONEDNN_AVX2)));
    }

    @Test
    void nothingOnTheClassPathIsNotOurs() {
        assertEquals(Optional.empty(), FastPath.chooseNativeBuild(SSE4, PLATFORM, List.of()));
    }

    @Test
    void loadedLibraryPathNamesItsBuild() {
        String base = "/root/.javacpp/cache/nd4j-native-1.0.0-M2.1-linux-x86_64%s.jar/org/nd4j/linalg/cpu/nativecpu/"
                + "bindings/linux-x86_64%s/libnd4jcpu.so";
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2),
                NativeBuild.ofLoadedLibrary(String.format(base, "-onednn-avx2", "-onednn-avx2"), PLATFORM));
        assertEquals(Optional.of(NativeBuild.PLAIN), NativeBuild.ofLoadedLibrary(String.format(base, "", ""), PLATFORM));
        assertEquals(Optional.empty(), NativeBuild.ofLoadedLibrary("libnd4jcpu.so", PLATFORM));
    }

    @Test
    void defaultBuildIsOnThisClassPath() {
        assertTrue(NativeBuild.onClassPath(PLATFORM, getClass().getClassLoader()).contains(NativeBuild.ONEDNN_AVX2));
    }

    @Test
    void helpersAreEnabledUnlessTheUserChose() {
        String saved = System.getProperty(FastPath.HELPERS_DISABLE_PROPERTY);
        try {
            System.clearProperty(FastPath.HELPERS_DISABLE_PROPERTY);
            assertEquals("false", FastPath.enableHelpersUnlessUserChose());
            System.setProperty(FastPath.HELPERS_DISABLE_PROPERTY, "true");
            assertEquals("true", FastPath.enableHelpersUnlessUserChose());
        } finally {
            if (saved == null) {
                System.clearProperty(FastPath.HELPERS_DISABLE_PROPERTY);
            } else {
                System.setProperty(FastPath.HELPERS_DISABLE_PROPERTY, saved);
            }
        }
    }
}
