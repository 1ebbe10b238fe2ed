package io.github.faceparse4j.icnn.part;

/**
 * How {@link PartCentres#locate} turns a part's pixels into one centre.
 *
 * <p>Both work on pixel centres ({@code x + 0.5, y + 0.5}). The paper takes "the median point" of each part's
 * map (section 3.1, Fig. 2); the median is robust to a few stray pixels in a predicted map, the centroid is the
 * classic alternative.
 */
public enum CentreMethod {
    /** Mean of the part's pixel centres. */
    CENTROID,
    /** Median of the x coordinates and, separately, of the y coordinates of the part's pixel centres. */
    MEDIAN
}
