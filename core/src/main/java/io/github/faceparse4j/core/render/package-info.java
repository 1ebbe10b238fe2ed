/**
 * Pictures of label maps for people: {@link io.github.faceparse4j.core.render.Overlay} blends a label map's palette
 * colours over the photo, {@link io.github.faceparse4j.core.render.Legend} draws the matching key. Both draw into
 * {@link java.awt.image.BufferedImage}s only and need no display (they work with {@code java.awt.headless=true}).
 */
package io.github.faceparse4j.core.render;
