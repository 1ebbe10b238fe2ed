package io.github.faceparse4j.icnn.part;

import io.github.faceparse4j.core.data.FaceDataset;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much of each part the crops around its ground-truth centre contain: for every part, the fraction of its
 * pixels (summed over a dataset) that fall inside its crop, and the worst single face. A development tool and a
 * test helper; run {@link #main} on the full validation set:
 *
 * <pre>
 *   java -cp ... io.github.faceparse4j.icnn.part.PartCropCoverage ../shared/data/celebamask-5k val.txt
 * </pre>
 */
final class PartCropCoverage {

    /** Part pixels inside the crop, per part. */
    final Map<FacePart, Long> inside = new EnumMap<>(FacePart.class);
    /** All part pixels, per part. */
    final Map<FacePart, Long> total = new EnumMap<>(FacePart.class);
    /** Smallest per-face fraction, per part (faces where the part is present). */
    final Map<FacePart, Double> worst = new EnumMap<>(FacePart.class);
    /** Faces measured. */
    int faces;

    /** Measures the coverage of crops around centres found with {@code method} in every face of {@code dataset}. */
    static PartCropCoverage measure(FaceDataset dataset, CentreMethod method) throws IOException {
        PartCropCoverage coverage = new PartCropCoverage();
        LabelMapping toHelen = LabelMapping.CELEBAMASK_TO_HELEN;
        for (int i = 0; i < dataset.size(); i++) {
            LabelMap helen = toHelen.apply(dataset.loadLabels(i));
            coverage.add(helen, PartCrops.around(PartCentres.locate(helen, method)));
        }
        return coverage;
    }

    void add(LabelMap helen, PartCrops crops) {
        faces++;
        long[] counts = helen.classCounts();
        for (FacePart part : FacePart.values()) {
            long all = 0;
            for (int id : part.helenIds()) {
                all += counts[id];
            }
            long in = 0;
            for (byte label : crops.get(part).cropLabels(helen)) {
                if (label != 0) {
                    in++;
                }
            }
            inside.merge(part, in, Long::sum);
            total.merge(part, all, Long::sum);
            if (all > 0) {
                worst.merge(part, (double) in / all, Math::min);
            }
        }
    }

    /** Fraction of all pixels of {@code part} inside its crops. */
    double fraction(FacePart part) {
        return (double) inside.getOrDefault(part, 0L) / Math.max(1, total.getOrDefault(part, 0L));
    }

    String report() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-11s %9s %9s%n", "part", "inside %",
                "worst %"));
        for (FacePart part : FacePart.values()) {
            s.append(String.format(Locale.ROOT, "%-11s %9.3f %9.1f%n", part, 100 * fraction(part),
                    100 * worst.getOrDefault(part, 1.0)));
        }
        return s.append(faces).append(" faces").toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PartCropCoverage DATASET_DIR LIST_FILE");
            System.exit(2);
        }
        FaceDataset dataset = FaceDataset.open(Paths.get(args[0]), args[1]);
        for (CentreMethod method : CentreMethod.values()) {
            System.out.println(method + ":");
            System.out.println(measure(dataset, method).report());
        }
    }

    private PartCropCoverage() {
    }

}
