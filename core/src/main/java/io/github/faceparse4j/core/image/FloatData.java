package io.github.faceparse4j.core.image;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies INDArray contents to Java in one bulk transfer, whatever the array's type, order or view offset. */
final class FloatData {

    private FloatData() {
    }

    /** The array's values in C (row-major) order as floats. */
    static float[] of(INDArray array) {
        // dup gives a fresh, offset-free, C-ordered buffer of exactly length() elements; a view's data() would
        // expose the whole parent buffer.
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
