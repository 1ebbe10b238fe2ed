/**
 * Face parsing of any photo: {@link io.github.faceparse4j.pipeline.FaceParser} finds the faces, parses each with the
 * networks of a {@link io.github.faceparse4j.pipeline.ParserConfiguration}, and returns a
 * {@link io.github.faceparse4j.pipeline.FaceParsing}: one HELEN-11 label map at the photo's resolution, with the face
 * boxes, per-class masks, an overlay and JSON. {@link io.github.faceparse4j.pipeline.ParserModel} lists the model
 * files a parser loads and what their metadata must say.
 */
package io.github.faceparse4j.pipeline;
