/**
 * Images in and out of the library: strict reading of any ImageIO format into 8-bit RGB
 * ({@link io.github.faceparse4j.core.image.ImageFiles}, {@link io.github.faceparse4j.core.image.RgbImages}),
 * bilinear resizing and affine warps ({@link io.github.faceparse4j.core.image.ImageWarp}), and conversion of
 * images and label maps to and from NCHW float tensors ({@link io.github.faceparse4j.core.image.ImageTensors},
 * {@link io.github.faceparse4j.core.image.LabelTensors}) with a named
 * {@link io.github.faceparse4j.core.image.Normalization}.
 *
 * <p>Conventions shared by the whole package: images are {@code TYPE_INT_RGB}; tensors are
 * {@code [N, C, H, W]} float in C order with channels R, G, B; pixel {@code (x, y)} covers the unit square from
 * {@code (x, y)}, so its centre is {@code (x + 0.5, y + 0.5)}.
 */
package io.github.faceparse4j.core.image;
