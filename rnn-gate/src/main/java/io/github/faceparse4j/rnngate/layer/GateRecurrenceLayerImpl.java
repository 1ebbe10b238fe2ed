package io.github.faceparse4j.rnngate.layer;

import io.github.faceparse4j.rnngate.cuda.KernelSelection;
import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateKernel;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import io.github.faceparse4j.rnngate.op.RecurrenceGradients;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The DL4J layer of the RNN-G gated recurrence; see {@link GateRecurrenceLayer} for its configuration, input
 * [N, 2C, H, W] = [X ; G_raw] (or [N, C, H, W] = X for UNGATED) and output [N, C, H, W].
 *
 * <p>Forward: g = gateActivation(G_raw), H = {@link GateRecurrence} over (X, g, W, b), output = activation(H), on
 * the kernel {@link KernelSelection} picks (the CPU kernel unless ND4J runs on CUDA) or {@link #setKernel}. The
 * winner map of the training forward pass is kept (outside any workspace, reused while the shape stays) for the
 * backward pass; if backprop comes for an input the layer has not seen, the forward pass is rerun first. Masks are
 * not supported. Like every DL4J layer, an instance is not thread-safe.
 */
public class GateRecurrenceLayerImpl extends BaseLayer<GateRecurrenceLayer> {

    private GateKernel kernel;
    private INDArray winners;
    /** The input {@link #winners} belongs to. */
    private INDArray winnersInput;

    /** Creates the layer; DL4J calls this through {@link GateRecurrenceLayer#instantiate}. */
    public GateRecurrenceLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Runs the recurrence on the given kernel instead of the one {@link KernelSelection} picks. */
    public void setKernel(GateKernel kernel) {
        this.kernel = kernel;
    }

    private GateRecurrence op() {
        if (kernel == null) {
            kernel = KernelSelection.fromSystemProperty();
        }
        return GateRecurrence.builder().setMode(layerConf().getMode()).optKernel(kernel).build();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray hidden = forward(workspaceMgr, ArrayType.ACTIVATIONS, ArrayType.FF_WORKING_MEM);
        return layerConf().getActivationFn().getActivation(hidden, training);
    }

    /** H before the layer's activation, into an array of the given type; refreshes the winner map. */
    private INDArray forward(LayerWorkspaceMgr workspaceMgr, ArrayType outputType, ArrayType scratchType) {
        INDArray in = checkedInput();
        long[] shape = outputShape(in);
        INDArray hidden = workspaceMgr.createUninitialized(outputType, in.dataType(), shape, 'c');
        if (winners == null || !Arrays.equals(winners.shape(), shape)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                winners = Nd4j.createUninitialized(DataType.BYTE, shape);
            }
        }
        op().forward(inputs(in, gate(in, workspaceMgr, scratchType)), hidden, winners);
        winnersInput = input;
        return hidden;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = checkedInput();
        IActivation activation = layerConf().getActivationFn();
        INDArray dHidden = epsilon;
        if (winnersInput != input || !(activation instanceof ActivationIdentity)) {
            INDArray hidden = forward(workspaceMgr, ArrayType.BP_WORKING_MEM, ArrayType.BP_WORKING_MEM);
            if (!(activation instanceof ActivationIdentity)) {
                dHidden = activation.backprop(hidden, epsilon).getFirst();
            }
        }
        GateMode mode = layerConf().getMode();
        long c = layerConf().getNOut();
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(),
                'c');
        INDArray dGate = mode.hasGate() ? epsilonNext.get(channels(c, 2 * c)) : null;
        INDArray gate = gate(in, workspaceMgr, ArrayType.BP_WORKING_MEM);
        boolean weighted = mode.hasRecurrentWeights();
        RecurrenceGradients gradients = new RecurrenceGradients(epsilonNext.get(channels(0, c)), dGate,
                weighted ? gradientViews.get(GateRecurrenceParamInitializer.WEIGHT_KEY) : null,
                weighted ? gradientViews.get(GateRecurrenceParamInitializer.BIAS_KEY) : null);
        op().backward(inputs(in, gate), winners, dHidden, gradients);
        if (mode.hasGate()) {
            INDArray rawGate = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, in.get(channels(c, 2 * c)), 'c');
            dGate.assign(layerConf().getGateActivation().backprop(rawGate, dGate).getFirst());
        }
        Gradient gradient = new DefaultGradient();
        if (weighted) {
            gradient.gradientForVariable().put(GateRecurrenceParamInitializer.WEIGHT_KEY, gradients.dWeights());
            gradient.gradientForVariable().put(GateRecurrenceParamInitializer.BIAS_KEY, gradients.dBiases());
        }
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /** The input in the network's data type, checked against the configuration. */
    private INDArray checkedInput() {
        INDArray in = input.castTo(dataType);
        long expected = GateRecurrenceLayer.inputChannels(layerConf().getMode(), layerConf().getNOut());
        if (in.rank() != 4 || in.size(1) != expected) {
            throw new IllegalArgumentException(layerId() + " (" + layerConf().getMode() + ", C = "
                    + layerConf().getNOut() + ") expects input [N, " + expected + ", H, W], got "
                    + Arrays.toString(in.shape()));
        }
        return in;
    }

    private long[] outputShape(INDArray in) {
        return new long[] {in.size(0), layerConf().getNOut(), in.size(2), in.size(3)};
    }

    /** The bounded gate g = gateActivation(G_raw), or {@code null} when the mode has none. */
    private INDArray gate(INDArray in, LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        if (!layerConf().getMode().hasGate()) {
            return null;
        }
        long c = layerConf().getNOut();
        INDArray raw = workspaceMgr.dup(arrayType, in.get(channels(c, 2 * c)), 'c');
        return layerConf().getGateActivation().getActivation(raw, true);
    }

    private GateInputs inputs(INDArray in, INDArray gate) {
        long c = layerConf().getNOut();
        INDArray x = layerConf().getMode().hasGate() ? in.get(channels(0, c)) : in;
        return GateInputs.of(x, gate, getParam(GateRecurrenceParamInitializer.WEIGHT_KEY),
                getParam(GateRecurrenceParamInitializer.BIAS_KEY));
    }

    private static INDArrayIndex[] channels(long from, long to) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(),
            NDArrayIndex.all()};
    }

    @Override
    public void clear() {
        super.clear();
        winnersInput = null;
    }
}
