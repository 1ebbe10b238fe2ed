package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.ImageFiles;
import io.github.faceparse4j.pipeline.FaceBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Re-measures the crop framing constants of {@link FaceCrop} on the shared data set (not part of the normal build):
 * <pre>
 * mvn -pl pipeline test -Dtest=FramingMeasurementTest -Dfaceparse4j.celebamask5k=$PWD/../shared/data/celebamask-5k
 * </pre>
 * Each 256 x 256 CelebA-HQ image is itself the crop the networks are trained on, so for every image with exactly one
 * detection the crop side and the offset of the crop centre from the box centre, in box widths, are one sample. The
 * first 500 names of val.txt and of train.txt are used.
 */
class FramingMeasurementTest {

    private static final int PER_LIST = 500;

    @Test
    @EnabledIfSystemProperty(named = "faceparse4j.celebamask5k", matches = ".+")
    void measureFraming() throws IOException {
        Path data = Paths.get(System.getProperty("faceparse4j.celebamask5k"));
        List<double[]> samples = new ArrayList<>();
        int none = 0;
        int several = 0;
        int total = 0;
        try (FaceDetector detector = FaceDetector.load()) {
            for (String list : List.of("val.txt", "train.txt")) {
                List<String> names = Files.readAllLines(data.resolve(list)).stream().map(String::strip)
                        .filter(s -> !s.isEmpty()).limit(PER_LIST).toList();
                for (String name : names) {
                    BufferedImage image = ImageFiles.readRgb(data.resolve("images").resolve(name + ".jpg"));
                    List<FaceBox> faces = detector.detect(WorkingCopy.of(image, 1024));
                    total++;
                    if (faces.size() != 1) {
                        none += faces.isEmpty() ? 1 : 0;
                        several += faces.isEmpty() ? 0 : 1;
                        continue;
                    }
                    FaceBox box = faces.get(0);
                    double w = box.width();
                    samples.add(new double[] {image.getWidth() / w, (image.getWidth() / 2.0 - box.centreX()) / w,
                            (image.getHeight() / 2.0 - box.centreY()) / w});
                }
            }
        }
        System.out.printf(Locale.ROOT, "images %d: exactly one face %d, none %d, several %d%n", total,
                samples.size(), none, several);
        String[] what = {"crop side / box width", "centre dx / box width", "centre dy / box width"};
        for (int k = 0; k < what.length; k++) {
            int column = k;
            double[] v = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-22s median %.4f  p10 %.4f  p90 %.4f  mean %.4f%n", what[k],
                    v[v.length / 2], v[v.length / 10], v[v.length * 9 / 10], Arrays.stream(v).average().orElse(0));
        }
        assertEquals(total, samples.size() + none + several);
    }
}
