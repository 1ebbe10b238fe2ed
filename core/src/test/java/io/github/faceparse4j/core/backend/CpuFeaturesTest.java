package io.github.faceparse4j.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

    @Test
    void readsFlagsOfAnAvx512Cpu() throws IOException {
        CpuFeatures cpu = CpuFeatures.fromCpuinfo(golden("cpuinfo-epyc-avx512.txt"));
        assertTrue(cpu.isKnown());
        assertTrue(cpu.has("avx2"));
        assertTrue(cpu.has("AVX512F"));
        assertEquals("AVX-512", cpu.simdLevel());
        assertTrue(cpu.canRun(Optional.of("avx2")));
    }

    @Test
    void readsFlagsOfACpuWithoutAvx() throws IOException {
        CpuFeatures cpu = CpuFeatures.fromCpuinfo(golden("cpuinfo-westmere-sse4.txt"));
        assertTrue(cpu.isKnown());
        assertFalse(cpu.has("avx2"));
        assertEquals("SSE only", cpu.simdLevel());
        assertFalse(cpu.canRun(Optional.of("avx2")));
        assertTrue(cpu.canRun(Optional.empty()));
    }

    @Test
    void textWithoutFlagsLineIsUnknownAndBlocksNothing() {
        CpuFeatures cpu = CpuFeatures.fromCpuinfo(List.of("processor : 0", "model name : some ARM core"));
        assertFalse(cpu.isKnown());
        assertFalse(cpu.has("avx2"));
        assertEquals("unknown", cpu.simdLevel());
        assertTrue(cpu.canRun(Optional.of("avx2")));
    }

    @Test
    void detectDoesNotThrow() {
        assertTrue(CpuFeatures.detect().simdLevel().length() > 0);
    }

    static List<String> golden(String name) throws IOException {
        try (InputStream in = CpuFeaturesTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
