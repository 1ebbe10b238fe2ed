package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.pipeline.FaceBox;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceCropTest {

    private static final String FACE = TestImages.celebaNames().get(0);

    @Test
    void framesADetectorBoxWithTheMeasuredScaleAndOffset() {
        FaceCrop crop = FaceCrop.around(new FaceBox(100, 200, 100, 100), 1000, 1000);
        Point2D topLeft = crop.toImage(0, 0);
        Point2D bottomRight = crop.toImage(FaceCrop.SIZE, FaceCrop.SIZE);
        assertEquals(227, bottomRight.getX() - topLeft.getX(), 1e-9);
        assertEquals(227, bottomRight.getY() - topLeft.getY(), 1e-9);
        assertEquals(150, (topLeft.getX() + bottomRight.getX()) / 2, 1e-9);
        assertEquals(250 - 22.9, (topLeft.getY() + bottomRight.getY()) / 2, 1e-9);
        assertEquals(new Rectangle(36, 113, 228, 228), crop.imageBounds());
    }

    @Test
    void cutsAnIdentityCropExactly() {
        BufferedImage face = TestImages.celebaFace(FACE);
        BufferedImage cut = FaceCrop.square(128, 128, 256, 256, 256).cut(face);
        assertArrayEquals(RgbImages.packedPixels(face), RgbImages.packedPixels(cut));
        assertArrayEquals(RgbImages.packedPixels(face),
                RgbImages.packedPixels(FaceCrop.wholeImage(256, 256).cut(face)));
    }

    @Test
    void cutsALargeFaceThroughABlockAverageCloseToTheOriginal() {
        BufferedImage face = TestImages.celebaFace(FACE);
        // The face enlarged 6x (1536 px) inside a 2000 x 1800 image: the cut shrinks 6x, via a 3x block average.
        BufferedImage big = new BufferedImage(2000, 1800, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(face, 200, 100, 1536, 1536, null);
        g.dispose();
        BufferedImage cut = FaceCrop.square(200 + 768, 100 + 768, 1536, 2000, 1800).cut(big);
        assertTrue(meanAbsoluteDifference(face, cut) < 4, "mean difference " + meanAbsoluteDifference(face, cut));
    }

    @Test
    void fillsWhatLiesOutsideTheImageWithBlack() {
        BufferedImage white = TestImages.filled(100, 100, 0xFFFFFF);
        // Frame [-50, 150) in both axes: the image covers crop pixels 64..191.
        BufferedImage cut = FaceCrop.square(50, 50, 200, 100, 100).cut(white);
        assertEquals(0x000000, cut.getRGB(10, 10) & 0xFFFFFF);
        assertEquals(0x000000, cut.getRGB(250, 128) & 0xFFFFFF);
        assertEquals(0xFFFFFF, cut.getRGB(128, 128) & 0xFFFFFF);
        assertEquals(0xFFFFFF, cut.getRGB(66, 189) & 0xFFFFFF);
    }

    @Test
    void cutsAnyImageType() {
        BufferedImage face = TestImages.celebaFace(FACE);
        FaceCrop crop = FaceCrop.square(128, 140, 200, 256, 256);
        BufferedImage expected = crop.cut(face);
        for (BufferedImage variant : List.of(TestImages.cmyk(face), TestImages.rgb16(face))) {
            assertTrue(meanAbsoluteDifference(expected, crop.cut(variant)) < 1, "type " + variant.getType());
        }
    }

    @Test
    void pastingACropMapAndCuttingItBackIsNearlyTheIdentity() {
        LabelMap labels = TestImages.celebaHelenLabels(FACE);
        // Scale 300/256 and a fractional offset, so that pixel grids do not line up.
        List<FaceCrop> crops = List.of(FaceCrop.square(350.3, 260.7, 300, 700, 500));
        LabelCanvas canvas = new LabelCanvas(LabelScheme.HELEN_11, 700, 500);
        canvas.paste(labels, 0, crops);
        LabelMap whole = canvas.toLabelMap();
        int same = 0;
        for (int v = 0; v < FaceCrop.SIZE; v++) {
            for (int u = 0; u < FaceCrop.SIZE; u++) {
                Point2D p = crops.get(0).toImage(u + 0.5, v + 0.5);
                if (whole.get((int) p.getX(), (int) p.getY()) == labels.get(u, v)) {
                    same++;
                }
            }
        }
        double agreement = same / (double) (FaceCrop.SIZE * FaceCrop.SIZE);
        assertTrue(agreement > 0.99, "agreement " + agreement);
        // Outside the frame [200.3, 500.3) x [110.7, 410.7) nothing is pasted.
        assertEquals(0, whole.get(199, 250));
        assertEquals(0, whole.get(350, 109));
        assertEquals(0, whole.get(501, 250));
        double areaScale = 300.0 * 300 / (FaceCrop.SIZE * FaceCrop.SIZE);
        long hair = labels.classCounts()[10];
        assertEquals(hair * areaScale, whole.classCounts()[10], 0.02 * hair * areaScale);
    }

    @Test
    void pastesAWholeImageCropOverEveryPixel() {
        LabelMap labels = TestImages.celebaHelenLabels(FACE).resizeNearest(128, 128);
        LabelCanvas canvas = new LabelCanvas(LabelScheme.HELEN_11, 300, 200);
        canvas.paste(labels, 0, List.of(FaceCrop.wholeImage(300, 200)));
        assertEquals(labels.resizeNearest(300, 200), canvas.toLabelMap());
    }

    @Test
    void rejectsAnImageOfAnotherSize() {
        FaceCrop crop = FaceCrop.square(50, 50, 80, 100, 100);
        assertThrows(IllegalArgumentException.class, () -> crop.cut(TestImages.filled(120, 100, 0)));
        assertThrows(IllegalArgumentException.class, () -> FaceCrop.square(50, 50, 0, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> FaceCrop.square(Double.NaN, 50, 10, 100, 100));
    }

    private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        int[] pa = RgbImages.packedPixels(RgbImages.toRgb(a));
        int[] pb = RgbImages.packedPixels(RgbImages.toRgb(b));
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF));
            }
        }
        return sum / (3.0 * pa.length);
    }
}
