package io.github.faceparse4j.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Converts any {@link BufferedImage} to the library's one image type, 8-bit RGB ({@link BufferedImage#TYPE_INT_RGB},
 * one {@code 0xRRGGBB} int per pixel), and gives fast access to its pixels.
 *
 * <p>Conversion rules, chosen so that stored sample values are kept rather than colour-managed:
 * <ul>
 *   <li>alpha is composited over a background colour, black unless given: {@code out = (c * a + bg * (255 - a)) / 255}
 *       per channel, rounded;</li>
 *   <li>grey (1 to 16 bits) is copied to R, G and B as stored, scaled to 8 bits ({@code v * 255 / (2^bits - 1)},
 *       rounded) without the linear-to-sRGB lift that {@link BufferedImage#getRGB} applies to grey;</li>
 *   <li>palette (indexed) images are looked up in their palette;</li>
 *   <li>16-bit RGB keeps the rounded top 8 bits;</li>
 *   <li>CMYK (and YCCK, which ImageIO's JPEG reader turns into CMYK) is converted with the uncalibrated formula
 *       {@code R = 255 (1 - C)(1 - K)} (likewise G from M, B from Y); ICC profiles are ignored, so colours are
 *       approximate.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; the images passed in are never modified.
 */
public final class RgbImages {

    private RgbImages() {
    }

    /**
     * Converts to {@code TYPE_INT_RGB}, compositing any alpha over black.
     *
     * @return {@code image} itself when it already is {@code TYPE_INT_RGB}, else a new image
     */
    public static BufferedImage toRgb(BufferedImage image) {
        return toRgb(image, 0x000000);
    }

    /**
     * Converts to {@code TYPE_INT_RGB}, compositing any alpha over {@code backgroundRgb}.
     *
     * @param backgroundRgb background colour as {@code 0xRRGGBB}
     * @return {@code image} itself when it already is {@code TYPE_INT_RGB}, else a new image
     */
    public static BufferedImage toRgb(BufferedImage image, int backgroundRgb) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dest = packedPixels(out);
        ColorSpace space = image.getColorModel().getColorSpace();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            copyBgrBytes(image, dest);
        } else if (space.getType() == ColorSpace.TYPE_CMYK) {
            CmykConversion.toPackedRgb(image.getRaster(), dest);
        } else if (space.getType() == ColorSpace.TYPE_GRAY && image.getColorModel().getNumColorComponents() == 1) {
            copyGrey(image, backgroundRgb, dest);
        } else {
            image.getRGB(0, 0, w, h, dest, 0, w);
            if (image.getColorModel().hasAlpha()) {
                for (int i = 0; i < dest.length; i++) {
                    dest[i] = composite(dest[i], dest[i] >>> 24, backgroundRgb);
                }
            }
        }
        return out;
    }

    /**
     * The live pixel array of a {@code TYPE_INT_RGB} image: row-major, {@code 0xRRGGBB} at {@code y * width + x}.
     * Writes to it change the image.
     *
     * @throws IllegalArgumentException if the image is not {@code TYPE_INT_RGB}
     */
    public static int[] packedPixels(BufferedImage rgb) {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("Expected a TYPE_INT_RGB image, got type " + rgb.getType()
                    + "; convert it with RgbImages.toRgb first");
        }
        return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    /**
     * A new {@code TYPE_INT_RGB} image that takes ownership of a row-major {@code 0xRRGGBB} array (no copy).
     *
     * @throws IllegalArgumentException if the array length is not {@code width * height}
     */
    public static BufferedImage fromPackedPixels(int width, int height, int[] pixels) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " pixels for " + width + "x" + height
                    + ", got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(pixels, 0, packedPixels(image), 0, pixels.length);
        return image;
    }

    /** Blends {@code rgb} with opacity {@code alpha} (0..255) over {@code background}. */
    static int composite(int rgb, int alpha, int background) {
        if (alpha == 255) {
            return rgb & 0xFFFFFF;
        }
        int r = blend((rgb >> 16) & 0xFF, (background >> 16) & 0xFF, alpha);
        int g = blend((rgb >> 8) & 0xFF, (background >> 8) & 0xFF, alpha);
        int b = blend(rgb & 0xFF, background & 0xFF, alpha);
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int colour, int background, int alpha) {
        return (colour * alpha + background * (255 - alpha) + 127) / 255;
    }

    private static void copyBgrBytes(BufferedImage image, int[] dest) {
        Raster raster = image.getRaster();
        if (raster.getParent() != null || !(raster.getDataBuffer() instanceof DataBufferByte)) {
            image.getRGB(0, 0, image.getWidth(), image.getHeight(), dest, 0, image.getWidth());
            return;
        }
        byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
        for (int i = 0, j = 0; i < dest.length; i++, j += 3) {
            dest[i] = ((bgr[j + 2] & 0xFF) << 16) | ((bgr[j + 1] & 0xFF) << 8) | (bgr[j] & 0xFF);
        }
    }

    private static void copyGrey(BufferedImage image, int backgroundRgb, int[] dest) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int greyMax = (1 << image.getColorModel().getComponentSize(0)) - 1;
        boolean alpha = image.getColorModel().hasAlpha();
        int alphaMax = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
        int[] grey = new int[w];
        int[] alphas = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                int v = scaleTo8Bits(grey[x], greyMax);
                int rgb = (v << 16) | (v << 8) | v;
                dest[y * w + x] = alpha ? composite(rgb, scaleTo8Bits(alphas[x], alphaMax), backgroundRgb) : rgb;
            }
        }
    }

    private static int scaleTo8Bits(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }
}
