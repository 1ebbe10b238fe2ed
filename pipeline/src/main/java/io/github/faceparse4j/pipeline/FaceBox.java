package io.github.faceparse4j.pipeline;

/**
 * An axis-aligned face rectangle in the pixel grid of the parsed image: columns {@code x .. x + width - 1}, rows
 * {@code y .. y + height - 1}. Boxes come from the face detector (or cover the whole image when detection is off) and
 * always lie inside the image.
 *
 * @param x      left column, at least 0
 * @param y      top row, at least 0
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 */
public record FaceBox(int x, int y, int width, int height) {

    /** @throws IllegalArgumentException if the corner is negative or the size not positive */
    public FaceBox {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("Invalid face box at (" + x + ", " + y + ") of " + width + "x" + height);
        }
    }

    /** Number of pixels covered. */
    public long area() {
        return (long) width * height;
    }

    /** Centre x in continuous coordinates (pixel {@code i} spans {@code [i, i+1)}). */
    public double centreX() {
        return x + width / 2.0;
    }

    /** Centre y in continuous coordinates. */
    public double centreY() {
        return y + height / 2.0;
    }
}
