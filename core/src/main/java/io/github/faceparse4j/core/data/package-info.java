/**
 * Training data: a lazily read {@link io.github.faceparse4j.core.data.FaceDataset} of
 * {@link io.github.faceparse4j.core.data.FaceSample}s, seeded
 * {@link io.github.faceparse4j.core.data.Augmentation} (the iCNN paper's rotation, scale, shift and a
 * left/right-swapping mirror), {@link io.github.faceparse4j.core.data.BoundaryMap}s for the RNN-G gate, and the
 * DL4J iterator {@link io.github.faceparse4j.core.data.FaceBatchIterator}, which decodes and augments on a
 * background thread and hands each sample to a {@link io.github.faceparse4j.core.data.SampleEncoder} that fills the
 * batch arrays.
 *
 * <p>Data flow: {@code FaceDataset.load -> Augmentation.apply -> SampleEncoder.encode -> MultiDataSet}.
 */
package io.github.faceparse4j.core.data;
