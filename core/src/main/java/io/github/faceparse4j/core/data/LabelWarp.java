package io.github.faceparse4j.core.data;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import java.awt.geom.AffineTransform;

/**
 * Nearest-neighbour affine resampling of label maps, the label half of {@link FaceWarp}: same coordinates as
 * {@link io.github.faceparse4j.core.image.ImageWarp}, so image and labels stay aligned.
 */
final class LabelWarp {

    private LabelWarp() {
    }

    /**
     * Resamples {@code labels} at the same size: output pixel centre {@code (x + 0.5, y + 0.5)} reads the source
     * pixel containing its image under {@code outputToSource}; outside the source the id is 0 (background).
     *
     * @param swapLeftRight whether to replace each id by its mirror partner (when the transform mirrors)
     */
    static LabelMap warpNearest(LabelMap labels, AffineTransform outputToSource, boolean swapLeftRight) {
        int w = labels.width();
        int h = labels.height();
        LabelScheme scheme = labels.scheme();
        byte[] src = labels.ids();
        byte[] lookup = new byte[scheme.numClasses()];
        for (int id = 0; id < lookup.length; id++) {
            lookup[id] = (byte) (swapLeftRight ? scheme.mirrorOf(id) : id);
        }
        double[] m = new double[6];
        outputToSource.getMatrix(m); // m00, m10, m01, m11, m02, m12
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            double cy = y + 0.5;
            for (int x = 0; x < w; x++) {
                double cx = x + 0.5;
                double sx = Math.floor(m[0] * cx + m[2] * cy + m[4]);
                double sy = Math.floor(m[1] * cx + m[3] * cy + m[5]);
                if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
                    out[y * w + x] = lookup[src[(int) sy * w + (int) sx] & 0xFF];
                }
            }
        }
        return LabelMap.of(scheme, w, h, out);
    }
}
