package io.github.faceparse4j.rnngate.net;

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link SubsetVertex} (channels {@code from..to} inclusive of an {@code [N, C, H, W]} activation) with the
 * output shape inference fixed: DL4J 1.0.0-M2.1 reports {@code from - to + 1} channels for a CNN subset, a negative
 * number that breaks the next layer's configuration. The forward and backward passes are SubsetVertex's own.
 * Serialised to JSON by class name with the rest of the graph configuration.
 */
public final class ChannelSubsetVertex extends SubsetVertex {

    private static final long serialVersionUID = 1L;

    /**
     * @param from first channel, inclusive
     * @param to   last channel, inclusive
     */
    public ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("Channel range must satisfy 0 <= from <= to, got " + from + ".." + to);
        }
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional conv) {
            if (getTo() >= conv.getChannels()) {
                throw new InvalidInputTypeException("Cannot take channels " + getFrom() + ".." + getTo() + " of "
                        + conv);
            }
            return InputType.convolutional(conv.getHeight(), conv.getWidth(), getTo() - getFrom() + 1,
                    conv.getFormat());
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSubsetVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
