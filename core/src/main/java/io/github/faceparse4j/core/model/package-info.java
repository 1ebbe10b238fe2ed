/**
 * Model files: a DL4J network saved together with what is needed to use it correctly (label scheme, input size,
 * channels, normalisation) and a SHA-256 of the network bytes that is checked on load. See
 * {@link io.github.faceparse4j.core.model.ModelFile} for the format.
 */
package io.github.faceparse4j.core.model;
