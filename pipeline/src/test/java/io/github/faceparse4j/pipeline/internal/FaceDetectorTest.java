package io.github.faceparse4j.pipeline.internal;

import io.github.faceparse4j.pipeline.FaceBox;
import io.github.faceparse4j.pipeline.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceDetectorTest {

    private static final String GRACE_HOPPER = "grace_hopper_512x512.jpg";
    private static FaceDetector detector;

    @BeforeAll
    static void load() throws IOException {
        detector = FaceDetector.load();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static List<FaceBox> detect(BufferedImage image) {
        return detector.detect(WorkingCopy.of(image, 1024));
    }

    @Test
    void findsExactlyOneFaceOnEveryCelebaFixture() {
        for (String name : TestImages.celebaNames()) {
            List<FaceBox> faces = detect(TestImages.celebaFace(name));
            assertEquals(1, faces.size(), name + ": " + faces);
            // The framing the crop constants were fitted on: a box about 113 px wide (one in ten is 6% off or more,
            // a few 20%), centred low in the 256 crop.
            FaceBox box = faces.get(0);
            assertEquals(256 / FaceCrop.SIDE_PER_BOX_WIDTH, box.width(), 25, name + ": " + box);
            assertEquals(128, box.centreX(), 12, name + ": " + box);
            assertEquals(128 - FaceCrop.CENTRE_DY * box.width(), box.centreY(), 12, name + ": " + box);
        }
    }

    @Test
    void findsExactlyOneFaceOnPortraitPhotos() {
        for (String photo : List.of(GRACE_HOPPER, "astronaut_face_320.jpg")) {
            assertEquals(1, detect(TestImages.photo(photo)).size(), photo);
        }
    }

    @Test
    void findsNoFaceOnBlankOrNoise() {
        assertEquals(List.of(), detect(TestImages.filled(400, 300, 0x808080)));
        BufferedImage noise = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        assertEquals(List.of(), detect(noise));
    }

    @Test
    void findsTwoFacesSideBySideLeftToRight() {
        List<String> names = TestImages.celebaNames();
        BufferedImage pair = TestImages.sideBySide(TestImages.celebaFace(names.get(0)),
                TestImages.celebaFace(names.get(1)));
        List<FaceBox> faces = detect(pair);
        assertEquals(2, faces.size(), faces.toString());
        assertTrue(faces.get(0).centreX() < 256 && faces.get(1).centreX() > 256, faces.toString());
    }

    @Test
    void findsTheSameFaceInEveryImageType() {
        BufferedImage rgb = TestImages.photo(GRACE_HOPPER);
        FaceBox expected = single(detect(rgb));
        for (BufferedImage variant : List.of(TestImages.grey(rgb), TestImages.grey16(rgb), TestImages.rgb16(rgb),
                TestImages.cmyk(rgb))) {
            FaceBox box = single(detect(variant));
            assertEquals(expected.centreX(), box.centreX(), 0.05 * expected.width(), "type " + variant.getType());
            assertEquals(expected.width(), box.width(), 0.1 * expected.width(), "type " + variant.getType());
        }
    }

    @Test
    void detectsOnAShrunkCopyAndScalesBoxesBack() {
        BufferedImage small = TestImages.photo(GRACE_HOPPER);
        FaceBox expected = single(detect(small));
        // 2560 x 2560, three bytes per pixel: detection reads it in strips into a copy shrunk 5x to 512.
        BufferedImage huge = new BufferedImage(2560, 2560, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = huge.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, 2560, 2560, null);
        g.dispose();
        WorkingCopy copy = WorkingCopy.of(huge, 512);
        assertEquals(5, copy.factor());
        FaceBox box = single(detector.detect(copy));
        assertEquals(5 * expected.centreX(), box.centreX(), 0.05 * 5 * expected.width());
        assertEquals(5 * expected.centreY(), box.centreY(), 0.05 * 5 * expected.width());
        assertEquals(5 * expected.width(), box.width(), 0.1 * 5 * expected.width());
    }

    @Test
    void dropsBoxesMostlyInsideALargerOne() {
        List<int[]> boxes = new ArrayList<>();
        boxes.add(new int[] {10, 10, 20, 20});   // inside the big one: dropped
        boxes.add(new int[] {0, 0, 100, 100});
        boxes.add(new int[] {90, 90, 40, 40});   // overlaps the big one by 1/16 of its area: kept
        List<int[]> kept = FaceDetector.dropNested(boxes);
        assertEquals(2, kept.size());
        assertEquals(100, kept.get(0)[2]);
        assertEquals(40, kept.get(1)[2]);
    }

    @Test
    void refusesToDetectOnceClosed() throws IOException {
        FaceDetector closed = FaceDetector.load();
        closed.close();
        closed.close();
        WorkingCopy blank = WorkingCopy.of(TestImages.filled(64, 64, 0), 64);
        assertThrows(IllegalStateException.class, () -> closed.detect(blank));
    }

    private static FaceBox single(List<FaceBox> faces) {
        assertEquals(1, faces.size(), faces.toString());
        return faces.get(0);
    }
}
