package io.github.faceparse4j.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the shared fixtures in {@code src-test-data} for every module's tests.
 *
 * <p>Surefire passes the directory as the system property {@code faceparse4j.testData}; when a test runs from an
 * IDE without it, the directory is found by walking up from the working directory.
 */
public final class TestFixtures {

    private TestFixtures() {
    }

    /** The {@code src-test-data} directory. */
    public static Path root() {
        String configured = System.getProperty("faceparse4j.testData");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src-test-data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("src-test-data not found; set -Dfaceparse4j.testData");
    }

    /** The 24 CelebAMask-HQ validation faces: {@code images/}, {@code labels/} and {@code val.txt}. */
    public static Path celebaMask24() {
        return root().resolve("celebamask-24");
    }
}
