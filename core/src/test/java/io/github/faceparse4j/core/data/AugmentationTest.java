package io.github.faceparse4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final LabelScheme CELEBA = LabelScheme.CELEBAMASK_19;
    private static FaceSample real;

    @BeforeAll
    static void loadFixture() throws IOException {
        real = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(0);
    }

    /** The real label map with an image whose colour is each pixel's class colour. */
    private static FaceSample colourCoded(FaceSample sample) {
        LabelMap labels = sample.labels();
        int[] pixels = new int[labels.width() * labels.height()];
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x < labels.width(); x++) {
                pixels[y * labels.width() + x] = CELEBA.colour(labels.get(x, y));
            }
        }
        return new FaceSample(sample.name(), RgbImages.fromPackedPixels(labels.width(), labels.height(), pixels),
                labels);
    }

    @Test
    void noneIsTheIdentityAndReturnsTheSampleItself() {
        assertTrue(Augmentation.none().isNone());
        assertEquals(FaceWarp.IDENTITY, Augmentation.none().draw(42));
        assertSame(real, Augmentation.none().apply(real, 42));
        assertFalse(Augmentation.paperDefault().isNone());
    }

    @Test
    void drawsStayInThePapersRanges() {
        Augmentation paper = Augmentation.paperDefault();
        int mirrored = 0;
        double minRotation = 0;
        double maxRotation = 0;
        for (long seed = 0; seed < 2000; seed++) {
            FaceWarp warp = paper.draw(seed);
            assertTrue(Math.abs(warp.rotationDegrees()) <= 15, warp.toString());
            assertTrue(warp.scale() >= 0.9 && warp.scale() <= 1.1, warp.toString());
            assertTrue(Math.abs(warp.shiftX()) <= 10 && Math.abs(warp.shiftY()) <= 10, warp.toString());
            minRotation = Math.min(minRotation, warp.rotationDegrees());
            maxRotation = Math.max(maxRotation, warp.rotationDegrees());
            mirrored += warp.mirror() ? 1 : 0;
        }
        assertTrue(mirrored > 900 && mirrored < 1100, "mirrored " + mirrored + " of 2000");
        assertTrue(minRotation < -14 && maxRotation > 14, "rotations span the range");
    }

    @Test
    void sameSeedSameResultOnAnyThread() throws Exception {
        Augmentation paper = Augmentation.paperDefault();
        List<FaceSample> sequential = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            sequential.add(paper.apply(real, seed));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<FaceSample>> parallel = new ArrayList<>();
            for (long seed = 5; seed >= 0; seed--) {
                long s = seed;
                parallel.add(pool.submit(() -> paper.apply(real, s)));
            }
            for (int i = 0; i < 6; i++) {
                FaceSample a = sequential.get(i);
                FaceSample b = parallel.get(5 - i).get();
                assertEquals(a.labels(), b.labels());
                assertArrayEquals(RgbImages.packedPixels(a.image()), RgbImages.packedPixels(b.image()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(sequential.get(0).labels(), sequential.get(1).labels());
    }

    @Test
    void pureMirrorEqualsFlippingImageAndSwappingLabels() {
        FaceSample mirrored = new FaceWarp(0, 1, 0, 0, true).apply(real, 0);
        assertEquals(real.labels().flipHorizontal(), mirrored.labels());
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertEquals(real.image().getRGB(255 - x, y), mirrored.image().getRGB(x, y));
            }
        }
    }

    @Test
    void labelsStayAlignedWithTheImageUnderRandomWarps() {
        FaceSample coded = colourCoded(real);
        Augmentation paper = Augmentation.paperDefault();
        for (long seed = 0; seed < 8; seed++) {
            FaceWarp warp = paper.draw(seed);
            FaceSample out = warp.apply(coded, 0x000000);
            LabelMap labels = out.labels();
            int interior = 0;
            int agree = 0;
            for (int y = 1; y < 255; y++) {
                for (int x = 1; x < 255; x++) {
                    if (!uniformNeighbourhood(labels, x, y)) {
                        continue; // bilinear mixes colours across class edges
                    }
                    interior++;
                    int id = labels.get(x, y);
                    // After a mirror the labels are swapped but the colours were painted before it.
                    int expected = CELEBA.colour(warp.mirror() ? CELEBA.mirrorOf(id) : id);
                    agree += near(out.image().getRGB(x, y), expected, 2) ? 1 : 0;
                }
            }
            assertTrue(interior > 0.8 * 254 * 254, warp + ": only " + interior + " interior pixels");
            assertTrue(agree > 0.99 * interior, warp + ": " + agree + " of " + interior + " agree");
        }
    }

    @Test
    void shiftMovesImageAndLabelsTogetherByWholePixels() {
        FaceSample shifted = new FaceWarp(0, 1, 7, -3, false).apply(real, 0x00FF00);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int sx = x - 7;
                int sy = y + 3;
                boolean inside = sx >= 0 && sy < 256;
                assertEquals(inside ? real.labels().get(sx, sy) : 0, shifted.labels().get(x, y));
                assertEquals(inside ? real.image().getRGB(sx, sy) : 0xFF00FF00, shifted.image().getRGB(x, y));
            }
        }
    }

    @Test
    void builderValidatesItsRanges() {
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().optMaxRotationDegrees(-1));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().optScaleRange(1.1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().optScaleRange(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().optMaxShift(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().optMirrorProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> new FaceWarp(0, 0, 0, 0, false));
        Augmentation custom = Augmentation.builder().optMaxRotationDegrees(5).optScaleRange(1, 1).optMaxShift(0)
                .optMirrorProbability(1).optFillRgb(0x808080).build();
        FaceWarp warp = custom.draw(3);
        assertTrue(warp.mirror());
        assertEquals(1.0, warp.scale());
        assertEquals(0x808080, custom.fillRgb());
    }

    private static boolean uniformNeighbourhood(LabelMap labels, int x, int y) {
        int id = labels.get(x, y);
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (labels.get(x + dx, y + dy) != id) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean near(int rgb, int expected, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((expected >> shift) & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
