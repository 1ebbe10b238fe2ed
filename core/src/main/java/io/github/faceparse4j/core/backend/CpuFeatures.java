package io.github.faceparse4j.core.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instruction-set extensions of the CPU this JVM runs on, as far as they matter for choosing a native build of
 * libnd4j.
 *
 * <p>ND4J itself checks the CPU only after its native library is loaded and then calls {@code System.exit(1)} when the
 * build needs AVX2 and the CPU lacks it; this class lets {@link FastPath} find that out before anything native is
 * loaded. On Linux the flags come from {@code /proc/cpuinfo}; elsewhere they are unknown and every build is assumed to
 * run. Immutable and thread-safe.
 */
public final class CpuFeatures {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** Lower-case flag names as the kernel reports them ({@code avx2}, {@code fma}, {@code avx512f}); empty if unknown. */
    private final Set<String> flags;
    /** Whether the flags could be read at all. */
    private final boolean known;

    private CpuFeatures(Set<String> flags, boolean known) {
        this.flags = Set.copyOf(flags);
        this.known = known;
    }

    /** Reads the flags of this machine's first CPU; returns {@link #unknown()} where they cannot be read. */
    public static CpuFeatures detect() {
        if (!Files.isReadable(CPUINFO)) {
            return unknown();
        }
        try {
            return fromCpuinfo(Files.readAllLines(CPUINFO));
        } catch (IOException | SecurityException e) {
            return unknown();
        }
    }

    /**
     * Parses the text of {@code /proc/cpuinfo}: the first {@code flags} line (x86) wins.
     *
     * @return the features, or {@link #unknown()} if there is no flags line
     */
    public static CpuFeatures fromCpuinfo(List<String> lines) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                String[] names = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT).split("\\s+");
                return of(Arrays.asList(names));
            }
        }
        return unknown();
    }

    /** Features with exactly the given flags (lower case), for tests and for callers that know better. */
    public static CpuFeatures of(Iterable<String> flagNames) {
        Set<String> set = new TreeSet<>();
        flagNames.forEach(f -> set.add(f.toLowerCase(Locale.ROOT)));
        return new CpuFeatures(set, true);
    }

    /** Features that could not be determined: every query answers "empty", {@link #isKnown()} is false. */
    public static CpuFeatures unknown() {
        return new CpuFeatures(Set.of(), false);
    }

    public boolean isKnown() {
        return known;
    }

    /** Whether the flag is present; false when it is absent or the flags are unknown. */
    public boolean has(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a build that needs {@code flag} can run here: true if the flag is present or the flags are unknown
     * (then only ND4J's own check can tell).
     */
    public boolean canRun(Optional<String> requiredFlag) {
        return requiredFlag.isEmpty() || !known || has(requiredFlag.get());
    }

    /** The best SIMD level in words, e.g. "AVX-512", "AVX2", "SSE only" or "unknown". */
    public String simdLevel() {
        if (!known) {
            return "unknown";
        }
        if (has("avx512f")) {
            return "AVX-512";
        }
        if (has("avx2")) {
            return "AVX2";
        }
        return has("avx") ? "AVX" : "SSE only";
    }

    @Override
    public String toString() {
        return "CpuFeatures[" + simdLevel() + "]";
    }
}
