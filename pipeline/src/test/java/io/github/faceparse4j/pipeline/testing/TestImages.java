package io.github.faceparse4j.pipeline.testing;

import io.github.faceparse4j.core.image.ImageFiles;
import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelMapping;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fixture images for the pipeline tests, and the same pictures in the image types the parser must accept. */
public final class TestImages {

    private TestImages() {
    }

    /** Names of the 24 CelebAMask fixtures, in val.txt order. */
    public static List<String> celebaNames() {
        try {
            return Files.readAllLines(TestFixtures.celebaMask24().resolve("val.txt")).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 256x256 CelebA-HQ fixture face, TYPE_INT_RGB. */
    public static BufferedImage celebaFace(String name) {
        return read(TestFixtures.celebaMask24().resolve("images").resolve(name + ".jpg"));
    }

    /** The fixture's labels mapped to HELEN-11. */
    public static LabelMap celebaHelenLabels(String name) {
        try {
            BufferedImage png = ImageFiles.read(TestFixtures.celebaMask24().resolve("labels").resolve(name + ".png"));
            return LabelMap.fromGrayImage(LabelScheme.CELEBAMASK_19, png).map(LabelMapping.CELEBAMASK_TO_HELEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo from {@code src-test-data/photos}, TYPE_INT_RGB. */
    public static BufferedImage photo(String fileName) {
        return read(TestFixtures.root().resolve("photos").resolve(fileName));
    }

    /** The images side by side on a black canvas as tall as the tallest, left to right. */
    public static BufferedImage sideBySide(BufferedImage... images) {
        int w = 0;
        int h = 0;
        for (BufferedImage image : images) {
            w += image.getWidth();
            h = Math.max(h, image.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        g.dispose();
        return out;
    }

    /** The image placed at ({@code x}, {@code y}) on a {@code width x height} canvas of one colour. */
    public static BufferedImage placed(BufferedImage image, int width, int height, int x, int y, int backgroundRgb) {
        BufferedImage out = filled(width, height, backgroundRgb);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, x, y, null);
        g.dispose();
        return out;
    }

    /** A {@code width x height} TYPE_INT_RGB image of one colour. */
    public static BufferedImage filled(int width, int height, int rgb) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Arrays.fill(RgbImages.packedPixels(out), rgb);
        return out;
    }

    /** The image as 8-bit grey. */
    public static BufferedImage grey(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The image as 16-bit grey. */
    public static BufferedImage grey16(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        Graphics2D g = out.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The image as 16-bit-per-channel RGB (each 8-bit value v stored as v * 257). */
    public static BufferedImage rgb16(BufferedImage rgb) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        int[] pixel = new int[3];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                pixel[0] = ((p >> 16) & 0xFF) * 257;
                pixel[1] = ((p >> 8) & 0xFF) * 257;
                pixel[2] = (p & 0xFF) * 257;
                raster.setPixel(x, y, pixel);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * The image as 8-bit CMYK with no black ink ({@code C = 255 - R} and so on), which the uncalibrated conversion
     * of core.image turns back into the same RGB.
     */
    public static BufferedImage cmyk(BufferedImage rgb) {
        ComponentColorModel model = new ComponentColorModel(new UncalibratedCmyk(), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        int[] pixel = new int[4];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                pixel[0] = 255 - ((p >> 16) & 0xFF);
                pixel[1] = 255 - ((p >> 8) & 0xFF);
                pixel[2] = 255 - (p & 0xFF);
                raster.setPixel(x, y, pixel);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageFiles.readRgb(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CMYK colour space with the naive formula, enough for an in-memory CMYK image (no ICC profile needed). */
    private static final class UncalibratedCmyk extends ColorSpace {
        private static final long serialVersionUID = 1L;
        private static final ColorSpace SRGB = ColorSpace.getInstance(CS_sRGB);

        UncalibratedCmyk() {
            super(TYPE_CMYK, 4);
        }

        @Override
        public float[] toRGB(float[] cmyk) {
            float k = 1 - cmyk[3];
            return new float[] {(1 - cmyk[0]) * k, (1 - cmyk[1]) * k, (1 - cmyk[2]) * k};
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            return new float[] {1 - rgb[0], 1 - rgb[1], 1 - rgb[2], 0};
        }

        @Override
        public float[] toCIEXYZ(float[] cmyk) {
            return SRGB.toCIEXYZ(toRGB(cmyk));
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return fromRGB(SRGB.fromCIEXYZ(xyz));
        }
    }
}
