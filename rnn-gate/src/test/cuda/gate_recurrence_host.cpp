// Runs the CUDA kernels of src/main/cuda/gate_recurrence.cu on the CPU, so that their arithmetic and indexing can be
// tested on machines without a GPU (CudaKernelHostEmulationTest compiles this with g++ when it is available).
//
// Every block has one thread: the weight loads then need no barrier, and a "warp" reduction is the thread's own
// value. Blocks run one after another in launch order, the launches in the order CudaGateKernel issues them.
// This checks the kernels' arithmetic, line geometry, direction order and accumulation flags, not their parallel
// behaviour (races, shuffles across lanes, memory coalescing) nor the JCuda launch code.
//
// Usage: gate_recurrence_host IN OUT
//   IN:  int32 mode (0 LINEAR, 1 CONVEX, 2 UNGATED), precision (0 float, 1 double), N, C, H, W, then float64 arrays
//        X [N,C,H,W], G (when gated), W [4,C,C] and b [4,C] (when weighted), dH [N,C,H,W]
//   OUT: float64 H, uint8 winners, float64 dX, dG (when gated), dW and db (when weighted)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct Dim3 {
    unsigned x, y, z;
};
static Dim3 threadIdx = {0, 0, 0};
static Dim3 blockIdx = {0, 0, 0};
static Dim3 blockDim = {1, 1, 1};

#define __global__
#define __device__
#define __shared__ static
#define __syncthreads()

template <typename T>
static T __shfl_down_sync(unsigned, T, int) {
    return 0;  // a one-thread warp has no other lanes
}

static double atomicAdd(double* target, double value) {
    double old = *target;
    *target += value;
    return old;
}

#include "../../main/cuda/gate_recurrence.cu"

static std::vector<double> read_doubles(FILE* in, size_t count) {
    std::vector<double> values(count);
    if (count > 0 && fread(values.data(), sizeof(double), count, in) != count) {
        fprintf(stderr, "short input\n");
        exit(2);
    }
    return values;
}

template <typename T>
static std::vector<T> convert(const std::vector<double>& values) {
    return std::vector<T>(values.begin(), values.end());
}

template <typename T>
static void write_doubles(FILE* out, const std::vector<T>& values) {
    std::vector<double> doubles(values.begin(), values.end());
    fwrite(doubles.data(), sizeof(double), doubles.size(), out);
}

// Calls kernel(...) once per block of a launch over all lines of a direction.
template <typename Kernel>
static void launch(int lines, Kernel kernel) {
    for (int block = 0; block < lines; block++) {
        blockIdx.x = block;
        kernel();
    }
}

#define KERNELS(T, SUFFIX, CAP) \
    { gate_forward_##SUFFIX##_c##CAP, gate_backward_##SUFFIX##_c##CAP }

template <typename T>
struct Kernels {
    void (*forward)(const T*, long long, const T*, long long, T*, long long, unsigned char*, long long, const T*,
            const T*, int, int, int, int, int, int, int);
    void (*backward)(const T*, long long, const T*, long long, const unsigned char*, long long, const T*, long long,
            T*, long long, T*, long long, T*, const T*, const T*, double*, double*, int, int, int, int, int, int,
            int);
};

template <typename T>
static Kernels<T> kernels_for(int channels);

template <>
Kernels<float> kernels_for<float>(int channels) {
    static const Kernels<float> table[] = {KERNELS(float, f32, 1), KERNELS(float, f32, 2), KERNELS(float, f32, 4),
        KERNELS(float, f32, 8), KERNELS(float, f32, 16), KERNELS(float, f32, 32)};
    int index = channels <= 1 ? 0 : channels <= 2 ? 1 : channels <= 4 ? 2 : channels <= 8 ? 3 : channels <= 16 ? 4 : 5;
    return table[index];
}

template <>
Kernels<double> kernels_for<double>(int channels) {
    static const Kernels<double> table[] = {KERNELS(double, f64, 1), KERNELS(double, f64, 2),
        KERNELS(double, f64, 4), KERNELS(double, f64, 8), KERNELS(double, f64, 16), KERNELS(double, f64, 32)};
    int index = channels <= 1 ? 0 : channels <= 2 ? 1 : channels <= 4 ? 2 : channels <= 8 ? 3 : channels <= 16 ? 4 : 5;
    return table[index];
}

template <typename T>
static void run(FILE* in, FILE* out, int mode, int n, int c, int h, int w) {
    bool gated = mode != MODE_UNGATED;
    bool weighted = mode != MODE_CONVEX;
    size_t size = (size_t) n * c * h * w;
    long long plane = (long long) c * h * w;
    std::vector<T> x = convert<T>(read_doubles(in, size));
    std::vector<T> g = convert<T>(read_doubles(in, gated ? size : 0));
    std::vector<T> weights = convert<T>(read_doubles(in, weighted ? 4 * c * c : 0));
    std::vector<T> biases = convert<T>(read_doubles(in, weighted ? 4 * c : 0));
    std::vector<T> dh = convert<T>(read_doubles(in, size));
    const T* gp = gated ? g.data() : nullptr;
    const T* wp = weighted ? weights.data() : nullptr;
    const T* bp = weighted ? biases.data() : nullptr;
    Kernels<T> k = kernels_for<T>(c);

    std::vector<T> hidden(size, (T) std::nan(""));
    std::vector<unsigned char> winners(size, 0x7F);
    for (int d = 0; d < 4; d++) {
        launch(n * (d < 2 ? h : w), [&] {
            k.forward(x.data(), plane, gp, plane, hidden.data(), plane, winners.data(), plane, wp, bp, n, c, h, w, d,
                    mode, d == 0);
        });
    }

    std::vector<T> dx(size, (T) std::nan("")), dg(size, (T) std::nan("")), scratch(size, (T) std::nan(""));
    std::vector<double> sums(4 * (c * c + c), 0.0);
    for (int d = 0; d < 4; d++) {
        launch(n * (d < 2 ? h : w), [&] {
            k.backward(x.data(), plane, gp, plane, winners.data(), plane, dh.data(), plane, dx.data(), plane,
                    gated ? dg.data() : nullptr, plane, scratch.data(), wp, bp, sums.data(), sums.data() + 4 * c * c,
                    n, c, h, w, d, mode, d > 0);
        });
    }

    write_doubles(out, hidden);
    fwrite(winners.data(), 1, size, out);
    write_doubles(out, dx);
    if (gated) {
        write_doubles(out, dg);
    }
    if (weighted) {
        write_doubles(out, sums);
    }
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN OUT\n", argv[0]);
        return 2;
    }
    FILE* in = fopen(argv[1], "rb");
    FILE* out = fopen(argv[2], "wb");
    if (in == nullptr || out == nullptr) {
        fprintf(stderr, "cannot open files\n");
        return 2;
    }
    int header[6];
    if (fread(header, sizeof(int), 6, in) != 6) {
        fprintf(stderr, "short header\n");
        return 2;
    }
    if (header[1] == 1) {
        run<double>(in, out, header[0], header[2], header[3], header[4], header[5]);
    } else {
        run<float>(in, out, header[0], header[2], header[3], header[4], header[5]);
    }
    fclose(in);
    fclose(out);
    return 0;
}
