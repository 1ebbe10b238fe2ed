package io.github.faceparse4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FloatExpTest {

    @Test
    void matchesMathExpWithinAFewUlps() {
        Random random = new Random(7);
        int length = 4099;
        float[] values = new float[length];
        float[] scratch = new float[length];
        double worst = 0;
        for (int round = 0; round < 50; round++) {
            float[] inputs = new float[length];
            for (int i = 0; i < length; i++) {
                inputs[i] = round % 2 == 0 ? -random.nextFloat() * 43f : (float) -Math.abs(random.nextGaussian());
            }
            System.arraycopy(inputs, 0, values, 0, length);
            FloatExp.expInPlace(values, scratch, length);
            for (int i = 0; i < length; i++) {
                double exact = Math.exp(inputs[i]);
                worst = Math.max(worst, Math.abs(values[i] - exact) / exact);
            }
        }
        assertTrue(worst < 4e-7, "worst relative error " + worst);
    }

    @Test
    void exactAtZeroAndPowersOfTwoApart() {
        float[] values = {0f, -0f, (float) -Math.log(2), -43f, -1000f, Float.NEGATIVE_INFINITY};
        FloatExp.expInPlace(values, new float[values.length], values.length);
        assertEquals(1f, values[0]);
        assertEquals(1f, values[1]);
        assertEquals(0.5f, values[2], 1e-7f);
        float lowest = (float) Math.exp(FloatExp.LOWEST);
        assertEquals(lowest, values[3], lowest * 4e-7f);
        assertEquals(values[3], values[4], "inputs below LOWEST count as LOWEST");
        assertEquals(values[3], values[5]);
    }

    @Test
    void nanStaysNan() {
        float[] values = {Float.NaN, -1f};
        FloatExp.expInPlace(values, new float[2], 2);
        assertTrue(Float.isNaN(values[0]));
        assertEquals((float) Math.exp(-1), values[1], 1e-7f);
    }

    @Test
    void floatSoftmaxMatchesTheDoublePathAcrossChunkBoundaries() {
        // 2 x 5 x 37 x 41 pixels: planes of 1,517 values, so the float path's 1,024-pixel chunks end mid-plane.
        INDArray z = Nd4j.rand(DataType.DOUBLE, 2, 5, 37 * 41).muli(40).subi(20);
        INDArray expected = Nd4j.create(DataType.DOUBLE, 2, 5, 37 * 41);
        ChannelSoftmax.apply(HostArray.of(z), HostArray.of(expected), 2, 5, 37 * 41);
        INDArray zf = z.castTo(DataType.FLOAT);
        INDArray actual = Nd4j.create(DataType.FLOAT, 2, 5, 37 * 41);
        ChannelSoftmax.apply(HostArray.of(zf), HostArray.of(actual), 2, 5, 37 * 41);
        double error = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
        assertTrue(error < 1e-6, "max |float - double| " + error);
    }
}
