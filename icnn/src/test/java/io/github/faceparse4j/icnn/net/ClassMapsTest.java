package io.github.faceparse4j.icnn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ClassMapsTest {

    @Test
    void oneHotThenArgmaxGivesTheClassesBack() {
        byte[] a = {0, 1, 2, 3, 3, 2};
        byte[] b = {3, 3, 0, 0, 1, 1};
        float[] data = new float[2 * 4 * 6];
        ClassMaps.fillOneHot(a, 4, data, 0);
        ClassMaps.fillOneHot(b, 4, data, 4 * 6);

        byte[][] back = ClassMaps.argmax(Nd4j.create(data, new long[] {2, 4, 2, 3}, 'c'));

        assertArrayEquals(a, back[0]);
        assertArrayEquals(b, back[1]);
    }

    @Test
    void argmaxTiesGoToTheLowerClass() {
        byte[][] classes = ClassMaps.argmax(Nd4j.ones(DataType.FLOAT, 1, 3, 2, 2));
        assertArrayEquals(new byte[4], classes[0]);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassMaps.fillOneHot(new byte[] {2}, 2, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> ClassMaps.fillOneHot(new byte[] {0, 1}, 2, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> ClassMaps.argmax(Nd4j.zeros(DataType.FLOAT, 3, 4)));
    }
}
