package io.github.faceparse4j.core.image;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts images to network inputs and back.
 *
 * <p>Layout: NCHW float, shape {@code [N, 3, H, W]}, channel 0 = red, 1 = green, 2 = blue (RGB, not OpenCV's BGR),
 * row-major within each channel. Values are normalised with a {@link Normalization}. When the requested size differs
 * from the image's, the image is resized with bilinear interpolation, pixel-centre aligned and edge-clamped
 * ({@link ImageWarp#resize}); the resize and the normalisation happen in one pass without an intermediate image.
 *
 * <p>Any {@link BufferedImage} type is accepted; it is first converted with {@link RgbImages#toRgb(BufferedImage)}
 * (alpha over black, grey replicated, CMYK converted). All array work is done in Java on a {@code float[]} that is
 * handed to ND4J once, never one ND4J call per pixel. Stateless and thread-safe.
 */
public final class ImageTensors {

    private ImageTensors() {
    }

    /** The image at its own size as a {@code [1, 3, H, W]} float array. */
    public static INDArray toTensor(BufferedImage image, Normalization normalization) {
        return toTensor(image, image.getWidth(), image.getHeight(), normalization);
    }

    /** The image resized to {@code width x height} as a {@code [1, 3, height, width]} float array. */
    public static INDArray toTensor(BufferedImage image, int width, int height, Normalization normalization) {
        return toBatch(List.of(image), width, height, normalization);
    }

    /** The images, each resized to {@code width x height}, as one {@code [N, 3, height, width]} float array. */
    public static INDArray toBatch(List<BufferedImage> images, int width, int height, Normalization normalization) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("Cannot make a batch of no images");
        }
        int size = 3 * width * height;
        float[] data = new float[images.size() * size];
        for (int n = 0; n < images.size(); n++) {
            fillChw(images.get(n), width, height, normalization, data, n * size);
        }
        return Nd4j.create(data, new long[] {images.size(), 3, height, width}, 'c');
    }

    /**
     * Writes the image, resized to {@code width x height} and normalised, into {@code dest} at {@code offset} as
     * {@code 3 * height * width} floats in {@code [3, height, width]} order. For slot {@code n} of a batch buffer
     * laid out {@code [N, 3, height, width]}, pass {@code offset = n * 3 * height * width}.
     *
     * @throws IllegalArgumentException if the size is not positive or {@code dest} is too short
     */
    public static void fillChw(BufferedImage image, int width, int height, Normalization normalization, float[] dest,
            int offset) {
        ImageWarp.checkSize(width, height);
        int plane = width * height;
        if (offset < 0 || offset + 3L * plane > dest.length) {
            throw new IllegalArgumentException("Buffer of " + dest.length + " floats cannot hold 3x" + height + "x"
                    + width + " at offset " + offset);
        }
        BufferedImage rgb = RgbImages.toRgb(image);
        int[] pixels = RgbImages.packedPixels(rgb);
        if (rgb.getWidth() == width && rgb.getHeight() == height) {
            for (int i = 0; i < plane; i++) {
                int p = pixels[i];
                dest[offset + i] = normalization.apply(0, (p >> 16) & 0xFF);
                dest[offset + plane + i] = normalization.apply(1, (p >> 8) & 0xFF);
                dest[offset + 2 * plane + i] = normalization.apply(2, p & 0xFF);
            }
            return;
        }
        BilinearSampler sampler = new BilinearSampler(pixels, rgb.getWidth(), rgb.getHeight(), true, 0);
        AffineTransform scale = BilinearSampler.resizeTransform(rgb.getWidth(), rgb.getHeight(), width, height);
        sampler.sampleChw(scale, width, height, dest, offset, normalization);
    }

    /**
     * Writes the image into slot {@code n} of an existing {@code [N, 3, H, W]} array, resizing it to that array's
     * {@code W x H}. Prefer {@link #fillChw} on a {@code float[]} when filling a whole batch: this costs one ND4J
     * assignment per image.
     *
     * @throws IllegalArgumentException if {@code batch} is not {@code [N, 3, H, W]} or {@code n} is out of range
     */
    public static void putSlot(INDArray batch, int n, BufferedImage image, Normalization normalization) {
        checkBatch(batch, n);
        int height = (int) batch.size(2);
        int width = (int) batch.size(3);
        float[] data = new float[3 * height * width];
        fillChw(image, width, height, normalization, data, 0);
        batch.slice(n).assign(Nd4j.create(data, new long[] {3, height, width}, 'c'));
    }

    /**
     * The image of a {@code [1, 3, H, W]} or {@code [3, H, W]} array, undoing the normalisation (values rounded
     * and clamped to 0..255).
     */
    public static BufferedImage toImage(INDArray tensor, Normalization normalization) {
        if (tensor.rank() == 4) {
            if (tensor.size(0) != 1) {
                throw new IllegalArgumentException("Expected one image [1, 3, H, W], got "
                        + Arrays.toString(tensor.shape()) + "; use toImage(batch, n, normalization)");
            }
            return toImage(tensor, 0, normalization);
        }
        if (tensor.rank() != 3 || tensor.size(0) != 3) {
            throw new IllegalArgumentException("Expected an image tensor [1, 3, H, W] or [3, H, W], got "
                    + Arrays.toString(tensor.shape()));
        }
        return fromChw(FloatData.of(tensor), (int) tensor.size(2), (int) tensor.size(1), normalization);
    }

    /** The image in slot {@code n} of a {@code [N, 3, H, W]} array, undoing the normalisation. */
    public static BufferedImage toImage(INDArray batch, int n, Normalization normalization) {
        checkBatch(batch, n);
        return fromChw(FloatData.of(batch.slice(n)), (int) batch.size(3), (int) batch.size(2), normalization);
    }

    private static BufferedImage fromChw(float[] chw, int width, int height, Normalization normalization) {
        int plane = width * height;
        int[] pixels = new int[plane];
        for (int i = 0; i < plane; i++) {
            pixels[i] = (normalization.invert(0, chw[i]) << 16) | (normalization.invert(1, chw[plane + i]) << 8)
                    | normalization.invert(2, chw[2 * plane + i]);
        }
        return RgbImages.fromPackedPixels(width, height, pixels);
    }

    private static void checkBatch(INDArray batch, int n) {
        if (batch.rank() != 4 || batch.size(1) != 3) {
            throw new IllegalArgumentException("Expected an image batch [N, 3, H, W], got "
                    + Arrays.toString(batch.shape()));
        }
        if (n < 0 || n >= batch.size(0)) {
            throw new IllegalArgumentException("Slot " + n + " outside batch of " + batch.size(0));
        }
    }
}
