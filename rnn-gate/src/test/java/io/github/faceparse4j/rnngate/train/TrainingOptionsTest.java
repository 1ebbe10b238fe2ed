package io.github.faceparse4j.rnngate.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.rnngate.net.Variant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    @Test
    void defaultsAreThePaperSetupAtThreeClasses() {
        TrainingOptions o = TrainingOptions.parse();
        assertEquals(LabelScheme.SKIN_HAIR_BG_3, o.scheme());
        assertEquals(Variant.RNN_G, o.variant());
        assertEquals(128, o.inputSize());
        assertEquals(ClassWeighting.NONE, o.classWeighting());
        assertEquals(Path.of("runs", "rnn-g-3class"), o.out());
        assertFalse(o.resume());
        assertEquals(3, o.convKernel());
        assertEquals(null, o.initFrom());
    }

    @Test
    void parsesEveryArgument() {
        TrainingOptions o = TrainingOptions.parse("--data", "d", "--classes", "11", "--variant", "cnn-s", "--epochs",
                "3", "--batch", "8", "--lr", "0.01", "--lr-decay", "0.9", "--out", "o", "--resume", "--seed", "5",
                "--limit", "64", "--val-limit", "10", "--upsampler", "nearest-convolution", "--workers", "2",
                "--input-size", "64", "--train-list", "a.txt", "--val-list", "b.txt", "--conv-kernel", "5");
        assertEquals(LabelScheme.HELEN_11, o.scheme());
        assertEquals(ClassWeighting.SQRT_MEDIAN_FREQUENCY, o.classWeighting(), "11 classes default to weights");
        assertEquals(Variant.CNN_S, o.variant());
        assertEquals(3, o.epochs());
        assertEquals(8, o.batchSize());
        assertEquals(0.01, o.learningRate());
        assertEquals(0.9, o.learningRateDecay());
        assertEquals(Path.of("o"), o.out());
        assertTrue(o.resume());
        assertEquals(5, o.seed());
        assertEquals(64, o.limit());
        assertEquals(10, o.valLimit());
        assertEquals("nearest-convolution", o.upsampler().name());
        assertEquals(2, o.workers());
        assertEquals(64, o.inputSize());
        assertEquals("a.txt", o.trainList());
        assertEquals("b.txt", o.valList());
        assertEquals(5, o.convKernel());
        assertEquals(Path.of("m.zip"), TrainingOptions.parse("--init-from", "m.zip").initFrom());
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--classes", "19"))
                .getMessage().contains("--classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--epochs", "x"))
                .getMessage().contains("--epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--bogus", "1"))
                .getMessage().contains("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--batch"));
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--input-size", "30"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--conv-kernel", "4"))
                .getMessage().contains("--conv-kernel"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.parse("--resume", "--init-from", "m.zip")).getMessage().contains("--init-from"));
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse("--epochs", "0"));
    }
}
