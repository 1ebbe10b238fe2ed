package io.github.faceparse4j.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    private static Path fixtureImage() {
        return TestFixtures.celebaMask24().resolve("images/0009.jpg");
    }

    @Test
    void readsRgbJpegFixture() throws IOException {
        BufferedImage image = ImageFiles.readRgb(fixtureImage());
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(256, image.getWidth());
        assertEquals(256, image.getHeight());
        // The conversion from ImageIO's TYPE_3BYTE_BGR keeps every pixel.
        BufferedImage raw = ImageIO.read(fixtureImage().toFile());
        assertEquals(raw.getRGB(17, 200) & 0xFFFFFF, image.getRGB(17, 200) & 0xFFFFFF);
        assertEquals(raw.getRGB(128, 128) & 0xFFFFFF, image.getRGB(128, 128) & 0xFFFFFF);
    }

    @Test
    void readsGrey8BitAsStoredWithoutGammaLift() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 100, 255});
        BufferedImage rgb = ImageFiles.readRgb(write(grey, "png", "grey8.png"));
        assertRgb(rgb, 0, 0, 0x000000);
        assertRgb(rgb, 1, 0, 0x646464);
        assertRgb(rgb, 2, 0, 0xFFFFFF);
    }

    @Test
    void readsGrey16BitKeepingTopByte() throws IOException {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 0x8080, 0x1234, 0xFFFF});
        Path file = write(grey, "png", "grey16.png");
        assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0));
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertRgb(rgb, 0, 0, 0x000000);
        assertRgb(rgb, 1, 0, 0x808080);
        assertRgb(rgb, 2, 0, 0x121212);
        assertRgb(rgb, 3, 0, 0xFFFFFF);
    }

    @Test
    void readsIndexedPaletteImage() throws IOException {
        byte[] r = {(byte) 255, 0, 0, 10};
        byte[] g = {0, (byte) 255, 0, 20};
        byte[] b = {0, 0, (byte) 255, 30};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
        BufferedImage indexed = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 3});
        Path file = write(indexed, "png", "indexed.png");
        assertTrue(ImageIO.read(file.toFile()).getColorModel() instanceof IndexColorModel);
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertRgb(rgb, 0, 0, 0xFF0000);
        assertRgb(rgb, 1, 0, 0x00FF00);
        assertRgb(rgb, 2, 0, 0x0000FF);
        assertRgb(rgb, 3, 0, 0x0A141E);
    }

    @Test
    void compositesAlphaOverBlackOrAGivenBackground() throws IOException {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFFFF8000); // opaque orange
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
        argb.setRGB(2, 0, 0x0012ABCD); // fully transparent
        BufferedImage rgb = ImageFiles.readRgb(write(argb, "png", "argb.png"));
        assertRgb(rgb, 0, 0, 0xFF8000);
        assertRgb(rgb, 1, 0, 0x800000);
        assertRgb(rgb, 2, 0, 0x000000);
        BufferedImage overWhite = RgbImages.toRgb(ImageFiles.read(dir.resolve("argb.png")), 0xFFFFFF);
        assertRgb(overWhite, 1, 0, 0xFF7F7F);
        assertRgb(overWhite, 2, 0, 0xFFFFFF);
    }

    @Test
    void readsSixteenBitRgbPng() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0xFFFF, 0x8080, 0});
        raster.setPixel(1, 0, new int[] {0x0101, 0xFEFE, 0x4000});
        BufferedImage image = new BufferedImage(model, raster, false, null);
        Path file = write(image, "png", "rgb16.png");
        assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0));
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertRgb(rgb, 0, 0, 0xFF8000);
        assertRgb(rgb, 1, 0, 0x01FE40);
    }

    @Test
    void readsCmykJpegWithAndWithoutAdobeMarker() throws IOException {
        // CMYK JPEGs in the wild (Photoshop) store 255 - ink, and ImageIO's reader undoes that for every 4-channel
        // JPEG; the JDK writer stores raster values as given. Stored (200, 100, 50, 255) thus means inks
        // (55, 155, 205, 0), whose uncalibrated RGB is (200, 100, 50).
        Path plain = writeCmykJpeg(new int[] {200, 100, 50, 255}, "cmyk.jpg");
        assertNear(ImageFiles.readRgb(plain).getRGB(8, 8), 200, 100, 50, 3);

        byte[] bytes = Files.readAllBytes(plain);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] marked = new byte[bytes.length + adobe.length];
        System.arraycopy(bytes, 0, marked, 0, 2); // after SOI
        System.arraycopy(adobe, 0, marked, 2, adobe.length);
        System.arraycopy(bytes, 2, marked, 2 + adobe.length, bytes.length - 2);
        Path file = Files.write(dir.resolve("adobe-cmyk.jpg"), marked);
        BufferedImage decoded = ImageFiles.read(file);
        assertEquals(ColorSpace.TYPE_CMYK, decoded.getColorModel().getColorSpace().getType());
        assertNear(ImageFiles.readRgb(file).getRGB(8, 8), 200, 100, 50, 3);
    }

    @Test
    void convertsCmykRastersWithTheUncalibratedFormula() {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 4, 1, 4, null);
        raster.setPixel(0, 0, new int[] {0, 0, 0, 0});
        raster.setPixel(1, 0, new int[] {255, 0, 0, 0});
        raster.setPixel(2, 0, new int[] {0, 0, 0, 255});
        raster.setPixel(3, 0, new int[] {0, 255, 0, 51});
        int[] rgb = new int[4];
        CmykConversion.toPackedRgb(raster, rgb);
        assertEquals(0xFFFFFF, rgb[0]);
        assertEquals(0x00FFFF, rgb[1]);
        assertEquals(0x000000, rgb[2]);
        assertEquals(0xCC00CC, rgb[3]);

        WritableRaster wide = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, 1, 1, 4, null);
        wide.setPixel(0, 0, new int[] {0, 65535, 0, 0});
        CmykConversion.toPackedRgb(wide, rgb);
        assertEquals(0xFF00FF, rgb[0]);
        assertThrows(IllegalArgumentException.class, () -> CmykConversion.toPackedRgb(
                Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 1, 1, 3, null), new int[1]));
    }

    @Test
    void truncatedJpegNamesTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(fixtureImage());
        Path file = Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.readRgb(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void truncatedPngNamesTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(TestFixtures.celebaMask24().resolve("labels/0009.png"));
        Path file = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void nonImageAndEmptyAndMissingFilesNameTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> ImageFiles.readRgb(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());

        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        e = assertThrows(IOException.class, () -> ImageFiles.readRgb(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());

        Path missing = dir.resolve("missing.jpg");
        e = assertThrows(NoSuchFileException.class, () -> ImageFiles.readRgb(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void packedPixelsRejectsOtherTypes() {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        assertThrows(IllegalArgumentException.class, () -> RgbImages.packedPixels(grey));
        assertThrows(IllegalArgumentException.class, () -> RgbImages.fromPackedPixels(2, 2, new int[3]));
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer for " + name);
        return file;
    }

    /** A 16x16 JPEG of one CMYK colour, written as a 4-band raster (the JDK writer stores it as CMYK). */
    private Path writeCmykJpeg(int[] cmyk, String name) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, cmyk);
            }
        }
        Path file = dir.resolve(name);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            writer.write(null, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static void assertRgb(BufferedImage image, int x, int y, int expected) {
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(Integer.toHexString(expected), Integer.toHexString(image.getRGB(x, y) & 0xFFFFFF),
                "pixel (" + x + "," + y + ")");
    }

    private static void assertNear(int rgb, int r, int g, int b, int tolerance) {
        String message = "got " + Integer.toHexString(rgb & 0xFFFFFF);
        assertEquals(r, (rgb >> 16) & 0xFF, tolerance, message);
        assertEquals(g, (rgb >> 8) & 0xFF, tolerance, message);
        assertEquals(b, rgb & 0xFF, tolerance, message);
    }
}
