package io.github.faceparse4j.rnngate.train;

import io.github.faceparse4j.core.model.ModelMetadata;

/** A {@link ModelMetadata.Builder} pre-filled from existing metadata, for files that add training facts. */
final class MetadataCopy {

    private MetadataCopy() {
    }

    /** A builder holding every field and training fact of {@code metadata}. */
    static ModelMetadata.Builder of(ModelMetadata metadata) {
        ModelMetadata.Builder builder = ModelMetadata.builder().setKind(metadata.kind())
                .setLabelScheme(metadata.labelScheme()).setInputSize(metadata.inputHeight(), metadata.inputWidth())
                .setNormalization(metadata.normalization()).optChannels(metadata.channels());
        metadata.trainingInfo().forEach(builder::optTrainingInfo);
        return builder;
    }
}
