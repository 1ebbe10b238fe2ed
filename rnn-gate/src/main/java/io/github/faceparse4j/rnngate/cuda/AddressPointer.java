package io.github.faceparse4j.rnngate.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A JCuda device pointer to a raw device address obtained elsewhere (ND4J's allocator). JCuda has no public way to
 * wrap an address; as an offset from the null pointer it is passed to the driver unchanged.
 */
final class AddressPointer extends CUdeviceptr {

    AddressPointer(long address) {
        super(new CUdeviceptr(), address);
    }
}
