/**
 * Scoring the iCNN stages on labelled faces ({@link io.github.faceparse4j.icnn.eval.IcnnEvaluation}) and reporting
 * them in the columns of the iCNN paper's Table 1 ({@link io.github.faceparse4j.icnn.eval.IcnnTable1},
 * {@link io.github.faceparse4j.icnn.eval.IcnnEvaluator}).
 */
package io.github.faceparse4j.icnn.eval;
