package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.image.RgbImages;
import io.github.faceparse4j.core.label.LabelMap;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One labelled face: its name in the dataset list, the photo, and a label map of the same size.
 *
 * <p>The image is always {@link BufferedImage#TYPE_INT_RGB} (other types are converted on construction). A
 * {@code BufferedImage} is mutable: treat the image as read-only, because samples are handed between threads and
 * transforms return new samples rather than changing this one.
 *
 * @param name the sample's name in the list file, without extension
 * @param image the photo, 8-bit RGB
 * @param labels the per-pixel classes, the same width and height as {@code image}
 */
public record FaceSample(String name, BufferedImage image, LabelMap labels) {

    /**
     * @throws IllegalArgumentException if the image and the label map differ in size
     */
    public FaceSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        image = RgbImages.toRgb(Objects.requireNonNull(image, "image"));
        if (image.getWidth() != labels.width() || image.getHeight() != labels.height()) {
            throw new IllegalArgumentException("Sample " + name + ": image is " + image.getWidth() + "x"
                    + image.getHeight() + " but its label map is " + labels.width() + "x" + labels.height());
        }
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
