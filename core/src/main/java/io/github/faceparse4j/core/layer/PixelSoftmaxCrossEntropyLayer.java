package io.github.faceparse4j.core.layer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.CnnLossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layer DL4J instantiates from a {@link PixelSoftmaxCrossEntropy} configuration: softmax along axis 1 of the NCHW
 * scores ({@link ChannelSoftmax}), gradient {@code p * sum_k(w_k y_k) - w y} (or {@code p - y} without weights), score from
 * the clipped log-probabilities. Masked batches go through DL4J's {@link CnnLossLayer} code. Not thread-safe.
 */
public class PixelSoftmaxCrossEntropyLayer extends CnnLossLayer {

    private static final long serialVersionUID = 1L;

    public PixelSoftmaxCrossEntropyLayer(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        // Labels left from an earlier fit() may have another batch size; inference does not read them.
        checkRank();
        return softmax(workspaceMgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        checkInput();
        INDArray grad = softmax(workspaceMgr, ArrayType.ACTIVATION_GRAD);
        INDArray y = labels.castTo(grad.dataType());
        INDArray weights = classWeights(grad);
        if (weights == null) {
            grad.subi(y);
        } else {
            INDArray weighted = Nd4j.getExecutioner().exec(new BroadcastMulOp(y, weights, y.ulike(), 1));
            grad.muli(weighted.sum(true, 1)).subi(weighted);
        }
        return new Pair<>(new DefaultGradient(), grad);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        INDArray logLikelihood = weightedLogLikelihood(workspaceMgr);
        score = -logLikelihood.sumNumber().doubleValue() / getInputMiniBatchSize() + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null) {
            return super.computeScoreForExamples(fullNetRegTerm, workspaceMgr);
        }
        INDArray perExample = weightedLogLikelihood(workspaceMgr).sum(1, 2, 3).negi().reshape(input.size(0), 1);
        if (fullNetRegTerm != 0.0) {
            perExample.addi(fullNetRegTerm);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, perExample);
    }

    /** {@code w_k y log(clip(p))} per element. */
    private INDArray weightedLogLikelihood(LayerWorkspaceMgr workspaceMgr) {
        checkInput();
        INDArray p = softmax(workspaceMgr, ArrayType.FF_WORKING_MEM);
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        if (eps > 0) {
            Transforms.max(p, eps, false);
            Transforms.min(p, 1.0 - eps, false);
        }
        INDArray ll = Transforms.log(p, false).muli(labels.castTo(p.dataType()));
        INDArray weights = classWeights(p);
        return weights == null ? ll : Nd4j.getExecutioner().exec(new BroadcastMulOp(ll, weights, ll, 1));
    }

    private INDArray softmax(LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        INDArray z = HostArray.dense(input);
        INDArray out = workspaceMgr.createUninitialized(arrayType, z.dataType(), z.shape(), 'c');
        ChannelSoftmax.apply(HostArray.of(z), HostArray.of(out), (int) z.size(0), (int) z.size(1),
                (int) (z.size(2) * z.size(3)));
        return out;
    }

    private INDArray classWeights(INDArray like) {
        INDArray w = ((LossMCXENT) layerConf().getLossFn()).getWeights();
        return w == null ? null : w.castTo(like.dataType()).reshape(w.length());
    }

    private void checkRank() {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("PixelSoftmaxCrossEntropy " + layerId() + " needs scores of rank 4 "
                    + "[N, K, H, W]; got " + java.util.Arrays.toString(input.shape()));
        }
    }

    private void checkInput() {
        if (input.rank() != 4 || labels == null || !input.equalShapes(labels)) {
            throw new IllegalArgumentException("PixelSoftmaxCrossEntropy " + layerId() + " needs scores and labels of "
                    + "equal shape [N, K, H, W]; got scores " + java.util.Arrays.toString(input.shape()) + " labels "
                    + (labels == null ? "none" : java.util.Arrays.toString(labels.shape())));
        }
    }
}
