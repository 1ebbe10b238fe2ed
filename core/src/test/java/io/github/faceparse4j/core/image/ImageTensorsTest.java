package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageTensorsTest {

    @Test
    void layoutIsNchwWithRgbChannels() {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0xFF0000);
        image.setRGB(3, 2, 0x00FF80);
        INDArray t = ImageTensors.toTensor(image, Normalization.ZERO_TO_ONE);
        assertArrayEquals(new long[] {1, 3, 3, 4}, t.shape());
        assertEquals(DataType.FLOAT, t.dataType());
        assertEquals(1f, t.getFloat(0, 0, 1, 2));
        assertEquals(0f, t.getFloat(0, 1, 1, 2));
        assertEquals(0f, t.getFloat(0, 2, 1, 2));
        assertEquals(0f, t.getFloat(0, 0, 2, 3));
        assertEquals(1f, t.getFloat(0, 1, 2, 3));
        assertEquals(128 / 255f, t.getFloat(0, 2, 2, 3), 1e-6);
        assertEquals(3 * 3 * 4 - 3, t.eq(0f).castTo(DataType.INT32).sumNumber().intValue());
    }

    @Test
    void roundTripIsExactForEveryNormalisation() throws IOException {
        BufferedImage image = ImageFiles.readRgb(TestFixtures.celebaMask24().resolve("images/0009.jpg"));
        for (Normalization n : Normalization.builtIn()) {
            BufferedImage back = ImageTensors.toImage(ImageTensors.toTensor(image, n), n);
            assertArrayEquals(RgbImages.packedPixels(image), RgbImages.packedPixels(back), n.name());
        }
    }

    @Test
    void resizeMatchesImageWarpAndNormalisesInOnePass() {
        BufferedImage image = ImageWarpTest.randomImage(40, 30, 7);
        INDArray t = ImageTensors.toTensor(image, 16, 12, Normalization.IMAGENET);
        assertArrayEquals(new long[] {1, 3, 12, 16}, t.shape());
        BufferedImage viaImage = ImageWarp.resize(image, 16, 12);
        BufferedImage viaTensor = ImageTensors.toImage(t, Normalization.IMAGENET);
        // The tensor keeps the unrounded interpolation, the image rounds it: equal after rounding.
        assertArrayEquals(RgbImages.packedPixels(viaImage), RgbImages.packedPixels(viaTensor));
    }

    @Test
    void batchSlotsMatchSingleImages() {
        BufferedImage a = ImageWarpTest.randomImage(8, 8, 11);
        BufferedImage grey = new BufferedImage(10, 6, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 2, 0, 200);
        INDArray batch = ImageTensors.toBatch(List.of(a, grey), 8, 8, Normalization.MINUS_ONE_TO_ONE);
        assertArrayEquals(new long[] {2, 3, 8, 8}, batch.shape());
        assertEquals(ImageTensors.toTensor(a, 8, 8, Normalization.MINUS_ONE_TO_ONE).slice(0), batch.slice(0));
        assertEquals(ImageTensors.toTensor(grey, 8, 8, Normalization.MINUS_ONE_TO_ONE).slice(0), batch.slice(1));

        INDArray target = Nd4j.zeros(DataType.FLOAT, 3, 3, 8, 8);
        ImageTensors.putSlot(target, 1, a, Normalization.MINUS_ONE_TO_ONE);
        assertEquals(batch.slice(0), target.slice(1));
        assertEquals(0.0, target.slice(0).sumNumber().doubleValue());
        assertArrayEquals(RgbImages.packedPixels(a),
                RgbImages.packedPixels(ImageTensors.toImage(target, 1, Normalization.MINUS_ONE_TO_ONE)));

        float[] buffer = new float[2 * 3 * 8 * 8];
        ImageTensors.fillChw(a, 8, 8, Normalization.MINUS_ONE_TO_ONE, buffer, 3 * 8 * 8);
        assertEquals(batch.slice(0), Nd4j.create(buffer, new long[] {2, 3, 8, 8}, 'c').slice(1));
    }

    @Test
    void badShapesAndSlotsAreRejected() {
        BufferedImage image = ImageWarpTest.randomImage(4, 4, 5);
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.putSlot(Nd4j.zeros(2, 1, 4, 4), 0, image, Normalization.IMAGENET));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.putSlot(Nd4j.zeros(2, 3, 4, 4), 2, image, Normalization.IMAGENET));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.toImage(Nd4j.zeros(2, 3, 4, 4), Normalization.IMAGENET));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.toImage(Nd4j.zeros(4, 4), Normalization.IMAGENET));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.fillChw(image, 4, 4, Normalization.IMAGENET, new float[47], 0));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.toBatch(List.of(), 4, 4, Normalization.IMAGENET));
    }
}
