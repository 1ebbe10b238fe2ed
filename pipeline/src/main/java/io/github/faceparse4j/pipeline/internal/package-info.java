/**
 * The steps behind {@link io.github.faceparse4j.pipeline.FaceParser}: face detection, the crop into the training
 * framing and its inverse, the stage networks, the merge of stage-1 and part labels, and the paste back into a map
 * of the whole image. Public only so that the parser can reach them; not an API, and free to change.
 */
package io.github.faceparse4j.pipeline.internal;
