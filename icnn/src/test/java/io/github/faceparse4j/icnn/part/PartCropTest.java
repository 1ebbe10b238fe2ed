package io.github.faceparse4j.icnn.part;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.data.FaceSample;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PartCropTest {

    @Test
    void cropsAroundTrueCentresHoldNearlyAllOfEachPartOnRealFaces() throws IOException {
        PartCropCoverage coverage = PartCropCoverage.measure(Fixtures.celebaMask24(), CentreMethod.CENTROID);

        for (FacePart part : FacePart.values()) {
            // Measured on the 24 fixtures: >= 99.47 % (nose); 500 validation faces: >= 99.45 %.
            assertTrue(coverage.fraction(part) > 0.99, part + ": " + coverage.report());
        }
    }

    @Test
    void cropIsCentredOnThePartAndSizedByItsType() {
        PartCrop eye = PartCrop.around(FacePart.LEFT_EYE, 150.4, 120.6, 256, 256);
        PartCrop mouth = PartCrop.around(FacePart.MOUTH, 128.0, 190.0, 256, 256);

        assertEquals(64, eye.size());
        assertEquals(118, eye.x()); // round(150.4 - 32)
        assertEquals(89, eye.y()); // round(120.6 - 32)
        assertEquals(80, mouth.size());
        assertEquals(88, mouth.x());
        assertEquals(150, mouth.y());
    }

    @Test
    void cropNearTheBorderMovesInsideTheFace() {
        PartCrop crop = PartCrop.around(FacePart.NOSE, 3.0, 250.0, 256, 256);

        assertEquals(0, crop.x());
        assertEquals(256 - 64, crop.y());
    }

    @Test
    void mirroredCropShowsTheFaceFlippedAndPastesBackUnflipped() {
        FaceSample sample = Fixtures.helenSample(5);
        PartCentres centres = PartCentres.locate(sample.labels(), CentreMethod.CENTROID);
        PartCrop crop = PartCrop.around(FacePart.RIGHT_EYE, centres.x(FacePart.RIGHT_EYE),
                centres.y(FacePart.RIGHT_EYE), 256, 256);

        BufferedImage view = crop.cropImage(sample.image());
        for (int r = 0; r < 64; r += 7) {
            for (int c = 0; c < 64; c += 5) {
                assertEquals(sample.image().getRGB(crop.x() + 63 - c, crop.y() + r), view.getRGB(c, r));
            }
        }

        byte[] labels = crop.cropLabels(sample.labels());
        byte[] face = new byte[256 * 256];
        crop.paste(labels, face);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                boolean inCrop = x >= crop.x() && x < crop.x() + 64 && y >= crop.y() && y < crop.y() + 64;
                int expected = inCrop && sample.labels().get(x, y) == 5 ? 5 : 0;
                assertEquals(expected, face[y * 256 + x], "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void mirroredRightPartsLookLikeLeftParts() {
        // Faces are near-symmetric, so a mirrored right brow/eye crop should overlap the left one's mask well,
        // and much better than the unmirrored right crop does.
        for (FacePart right : new FacePart[] {FacePart.RIGHT_BROW, FacePart.RIGHT_EYE}) {
            FacePart left = right == FacePart.RIGHT_BROW ? FacePart.LEFT_BROW : FacePart.LEFT_EYE;
            double mirroredIou = 0;
            double plainIou = 0;
            int n = 0;
            for (int i = 0; i < Fixtures.celebaMask24().size(); i++) {
                LabelMap helen = Fixtures.helenSample(i).labels();
                PartCentres centres = PartCentres.locate(helen, CentreMethod.CENTROID);
                if (!centres.found(left) || !centres.found(right)) {
                    continue;
                }
                byte[] l = PartCrops.around(centres).get(left).cropLabels(helen);
                byte[] r = PartCrops.around(centres).get(right).cropLabels(helen);
                mirroredIou += iou(l, r);
                plainIou += iou(l, flipRows(r, 64));
                n++;
            }
            assertTrue(n >= 20);
            assertTrue(mirroredIou / n > 0.4, right + " mean IoU " + mirroredIou / n);
            assertTrue(mirroredIou > plainIou, right + " mirrored " + mirroredIou + " vs plain " + plainIou);
        }
    }

    @Test
    void onlyTheCroppedPartIsLabelled() {
        // A 64-pixel left-brow crop often shows the top of the left eye: that stays background.
        byte[] ids = new byte[256 * 256];
        for (int x = 140; x < 180; x++) {
            ids[100 * 256 + x] = 2; // left brow
            ids[118 * 256 + x] = 4; // left eye
        }
        LabelMap map = LabelMap.of(LabelScheme.HELEN_11, 256, 256, ids);
        PartCrop brow = PartCrop.around(FacePart.LEFT_BROW, 160, 100.5, 256, 256);

        byte[] labels = brow.cropLabels(map);
        int brows = 0;
        for (byte b : labels) {
            brows += b;
        }
        assertEquals(40, brows);
    }

    @Test
    void mouthLabelsKeepTheirOrder() {
        byte[] ids = new byte[256 * 256];
        ids[180 * 256 + 128] = 7;
        ids[190 * 256 + 128] = 8;
        ids[200 * 256 + 128] = 9;
        LabelMap map = LabelMap.of(LabelScheme.HELEN_11, 256, 256, ids);
        PartCrop mouth = PartCrop.around(FacePart.MOUTH, 128.5, 190.5, 256, 256);

        byte[] labels = mouth.cropLabels(map);
        int x = 128 - mouth.x();
        assertArrayEquals(new byte[] {1, 2, 3}, new byte[] {labels[(180 - mouth.y()) * 80 + x],
                labels[(190 - mouth.y()) * 80 + x], labels[(200 - mouth.y()) * 80 + x]});
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PartCrop.around(FacePart.MOUTH, 30, 30, 64, 64));
        assertThrows(IllegalArgumentException.class, () -> PartCrop.around(FacePart.NOSE, Double.NaN, 3, 256, 256));
        PartCrop crop = PartCrop.around(FacePart.NOSE, 128, 128, 256, 256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> crop.cropImage(new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB)));
        assertTrue(e.getMessage().contains("128x128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> crop.paste(new byte[10], new byte[256 * 256]));
        assertThrows(IllegalArgumentException.class, () -> crop.paste(new byte[64 * 64], new byte[10]));
        byte[] badLabel = new byte[64 * 64];
        badLabel[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> crop.paste(badLabel, new byte[256 * 256]));
    }

    private static double iou(byte[] a, byte[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] != 0;
            boolean y = b[i] != 0;
            inter += x && y ? 1 : 0;
            union += x || y ? 1 : 0;
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    private static byte[] flipRows(byte[] labels, int size) {
        byte[] out = new byte[labels.length];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                out[r * size + c] = labels[r * size + size - 1 - c];
            }
        }
        return out;
    }
}
