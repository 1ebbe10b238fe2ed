/**
 * Evaluation of label maps against ground truth: a {@link io.github.faceparse4j.core.metric.ConfusionMatrix} that
 * accumulates pixel counts, {@link io.github.faceparse4j.core.metric.ParsingMetrics} that derives per-class and
 * grouped scores from it (including the papers' "overall" F-measure), and
 * {@link io.github.faceparse4j.core.metric.PaperComparison}, which prints the published figures beside ours.
 */
package io.github.faceparse4j.core.metric;
