/**
 * Facial-part geometry, free of ND4J: the six {@link io.github.faceparse4j.icnn.part.FacePart}s and the four
 * {@link io.github.faceparse4j.icnn.part.PartType}s of stage-2 networks, the nine
 * {@link io.github.faceparse4j.icnn.part.Stage1Labels}, part centres from label maps
 * ({@link io.github.faceparse4j.icnn.part.PartCentres}), and the crops around them
 * ({@link io.github.faceparse4j.icnn.part.PartCrop}, {@link io.github.faceparse4j.icnn.part.PartCrops}): 64 x 64
 * for brows, eyes and nose, 80 x 80 for the mouth, right brow and eye mirrored, predictions pasted back.
 *
 * <p>Data flow: {@code HELEN-11 map -> PartCentres -> PartCrops -> crop images / part labels -> (part networks) ->
 * PartCrops.paste -> HELEN-11 map}.
 */
package io.github.faceparse4j.icnn.part;
