// The four-direction gated recurrence of RNN-G (paper section 3.2, eq. 3 and 4) for CUDA.
//
// One launch per direction. Each thread owns one line (a row for the horizontal directions, a column for the
// vertical ones) of one map and keeps the channels of its hidden state in registers; the direction's weights and
// biases sit in shared memory. Kernels come in channel capacities CAP = 1, 2, 4, 8, 16, 32 and take the actual
// channel count (1..CAP) at run time; up to CAP = 8 every per-channel loop is fully unrolled so the state stays in
// registers, above that the C x C loops are only partly unrolled (the state may spill to local memory).
//
// Layouts (see GateRecurrence.java): X, G, H, dH, dX, dG are [N, C, H, W] whose maps are contiguous c-order blocks;
// each pointer points at element (0, 0, 0, 0) and the *_stride arguments give the distance between maps in
// elements. W is [4, C, C] (row r holds the weights of output channel r), b is [4, C]. The winner map is
// [N, C, H, W] bytes with contiguous maps.
// Modes: 0 LINEAR  h = x + g (W h' + b)
//        1 CONVEX  h = x + g (h' - x)     (= (1 - g) x + g h'; no W, b)
//        2 UNGATED h = x + W h' + b       (no G)
// with h' = 0 before the first node of a line. Directions: 0 left->right, 1 right->left, 2 top->bottom,
// 3 bottom->top; the host launches them in this order and a later direction takes a node only with a strictly
// greater value (or a NaN), so ties go to the lower direction, as on the CPU.
//
// Built by the Maven 'nvcc' profile: nvcc -ptx -arch=compute_75 and nvcc -cubin -arch=sm_90.

#define MODE_LINEAR 0
#define MODE_CONVEX 1
#define MODE_UNGATED 2
#define MAX_CHANNELS 32

// Where the nodes of one line lie within its map (channel 0), in the order the scan visits them.
struct LineGeometry {
    long long base;   // offset of position 0 of the line
    long long step;   // +1 along a row, +W along a column
    int length;       // W for rows, H for columns
    bool reversed;

    __device__ LineGeometry(int direction, int line, int height, int width) {
        bool horizontal = direction < 2;
        reversed = (direction & 1) != 0;
        base = horizontal ? (long long) line * width : (long long) line;
        step = horizontal ? 1 : width;
        length = horizontal ? width : height;
    }

    // Offset of the s-th node the scan visits.
    __device__ long long at(int s) const {
        int position = reversed ? length - 1 - s : s;
        return base + position * step;
    }
};

// Copies W_d and b_d into shared memory; every thread of the block must call it.
template <typename T>
__device__ void load_weights(const T* weights, const T* biases, int direction, int channels, T* sW, T* sb) {
    if (weights != nullptr) {
        for (int i = threadIdx.x; i < channels * channels; i += blockDim.x) {
            sW[i] = weights[direction * channels * channels + i];
        }
        for (int i = threadIdx.x; i < channels; i += blockDim.x) {
            sb[i] = biases[direction * channels + i];
        }
    }
    __syncthreads();
}

// a = W h' + b for all channels; on the first step h' = 0.
template <typename T, int CAP>
__device__ void pre_gate(const T* sW, const T* sb, int channels, const T (&prev)[CAP], bool has_previous,
        T (&a)[CAP]) {
#pragma unroll (CAP <= 8 ? CAP : 1)
    for (int r = 0; r < CAP; r++) {
        if (r < channels) {
            T sum = sb[r];
            if (has_previous) {
#pragma unroll
                for (int c = 0; c < CAP; c++) {
                    if (c < channels) {
                        sum += sW[r * channels + c] * prev[c];
                    }
                }
            }
            a[r] = sum;
        }
    }
}

// One step along a line: replaces the state h' in `prev` by the new hidden values of node `at`. When `record` is not
// null it receives per channel what the backward pass needs: the pre-gate term a = W h' + b (LINEAR, UNGATED) or
// the hidden value (CONVEX).
template <typename T, int CAP>
__device__ void step_line(const T* sW, const T* sb, int channels, int mode, bool has_previous, const T* xn,
        const T* gn, long long at, long long plane, T (&prev)[CAP], T* record) {
    T a[CAP];
    if (mode != MODE_CONVEX) {
        pre_gate<T, CAP>(sW, sb, channels, prev, has_previous, a);
    }
#pragma unroll (CAP <= 8 ? CAP : 1)
    for (int r = 0; r < CAP; r++) {
        if (r < channels) {
            long long i = at + r * plane;
            T xv = xn[i];
            T v;
            if (mode == MODE_LINEAR) {
                v = xv + gn[i] * a[r];
            } else if (mode == MODE_UNGATED) {
                v = xv + a[r];
            } else {
                v = xv + gn[i] * (prev[r] - xv);
            }
            if (record != nullptr) {
                record[i] = mode == MODE_CONVEX ? v : a[r];
            }
            prev[r] = v;
        }
    }
}

template <typename T, int CAP>
__device__ void gate_forward(const T* x, long long x_stride, const T* g, long long g_stride, T* h,
        long long h_stride, unsigned char* win, long long win_stride, const T* weights, const T* biases, int batch,
        int channels, int height, int width, int direction, int mode, int first) {
    __shared__ T sW[MAX_CHANNELS * MAX_CHANNELS];
    __shared__ T sb[MAX_CHANNELS];
    load_weights<T>(weights, biases, direction, channels, sW, sb);
    int lines = direction < 2 ? height : width;
    long long id = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (id >= (long long) batch * lines) {
        return;
    }
    int n = (int) (id / lines);
    LineGeometry geometry(direction, (int) (id % lines), height, width);
    long long plane = (long long) height * width;
    const T* xn = x + n * x_stride;
    const T* gn = g == nullptr ? nullptr : g + n * g_stride;
    T* hn = h + n * h_stride;
    unsigned char* wn = win + n * win_stride;
    T prev[CAP];
#pragma unroll
    for (int c = 0; c < CAP; c++) {
        prev[c] = 0;
    }
    for (int s = 0; s < geometry.length; s++) {
        long long at = geometry.at(s);
        step_line<T, CAP>(sW, sb, channels, mode, s > 0, xn, gn, at, plane, prev, (T*) nullptr);
#pragma unroll (CAP <= 8 ? CAP : 1)
        for (int r = 0; r < CAP; r++) {
            if (r < channels) {
                long long i = at + r * plane;
                T v = prev[r];
                if (first || v > hn[i] || v != v) {
                    hn[i] = v;
                    wn[i] = (unsigned char) direction;
                }
            }
        }
    }
}

// Sums a value over the warp and adds it to a double in global memory from lane 0.
__device__ void warp_add(double* target, double value) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        value += __shfl_down_sync(0xffffffffu, value, offset);
    }
    if ((threadIdx.x & 31) == 0) {
        atomicAdd(target, value);
    }
}

// BPTT along one direction. Each thread first re-runs its line forward, storing per node the pre-gate term
// a = W h' + b (LINEAR, UNGATED) or the hidden value h (CONVEX) in `scratch` ([N, C, H, W], contiguous), then walks
// the line backwards. dX and dG are overwritten when `accumulate` is 0 and added to otherwise; dW and db are summed
// into double accumulators [4][C][C] and [4][C] that the host zeroes before the first direction.
template <typename T, int CAP>
__device__ void gate_backward(const T* x, long long x_stride, const T* g, long long g_stride,
        const unsigned char* win, long long win_stride, const T* dh, long long dh_stride, T* dx, long long dx_stride,
        T* dg, long long dg_stride, T* scratch, const T* weights, const T* biases, double* dw_sum, double* db_sum,
        int batch, int channels, int height, int width, int direction, int mode, int accumulate) {
    __shared__ T sW[MAX_CHANNELS * MAX_CHANNELS];
    __shared__ T sb[MAX_CHANNELS];
    load_weights<T>(weights, biases, direction, channels, sW, sb);
    int lines = direction < 2 ? height : width;
    long long id = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    // Threads past the end stay alive with zero gradients so that the warp reductions at the end see every lane.
    bool active = id < (long long) batch * lines;
    int n = active ? (int) (id / lines) : 0;
    LineGeometry geometry(direction, active ? (int) (id % lines) : 0, height, width);
    long long plane = (long long) height * width;
    const T* xn = x + n * x_stride;
    const T* gn = g == nullptr ? nullptr : g + n * g_stride;
    const unsigned char* wn = win + n * win_stride;
    const T* dhn = dh + n * dh_stride;
    T* dxn = dx + n * dx_stride;
    T* dgn = dg == nullptr ? nullptr : dg + n * dg_stride;
    T* an = scratch + n * (long long) channels * plane;
    bool weighted = mode != MODE_CONVEX;
    bool gated = mode != MODE_UNGATED;

    T prev[CAP];
#pragma unroll
    for (int c = 0; c < CAP; c++) {
        prev[c] = 0;
    }
    for (int s = 0; active && s < geometry.length; s++) {
        step_line<T, CAP>(sW, sb, channels, mode, s > 0, xn, gn, geometry.at(s), plane, prev, an);
    }

    T carry[CAP];
    T db[CAP];
    T dw[CAP * CAP];
#pragma unroll
    for (int c = 0; c < CAP; c++) {
        carry[c] = 0;
        db[c] = 0;
    }
#pragma unroll (CAP <= 8 ? CAP * CAP : 1)
    for (int i = 0; i < CAP * CAP; i++) {
        dw[i] = 0;
    }
    for (int s = geometry.length - 1; active && s >= 0; s--) {
        long long at = geometry.at(s);
        long long before = s > 0 ? geometry.at(s - 1) : 0;
        T e[CAP];
#pragma unroll (CAP <= 8 ? CAP : 1)
        for (int r = 0; r < CAP; r++) {
            if (r < channels) {
                long long i = at + r * plane;
                T delta = carry[r] + (wn[i] == direction ? dhn[i] : (T) 0);
                T dxv;
                if (weighted) {
                    dxv = delta;
                    if (gated) {
                        T dgv = delta * an[i];
                        dgn[i] = accumulate ? dgn[i] + dgv : dgv;
                        e[r] = gn[i] * delta;
                    } else {
                        e[r] = delta;
                    }
                    db[r] += e[r];
                } else {
                    T xv = xn[i];
                    T gv = gn[i];
                    T previous = s > 0 ? an[before + r * plane] : (T) 0;
                    dxv = (1 - gv) * delta;
                    T dgv = delta * (previous - xv);
                    dgn[i] = accumulate ? dgn[i] + dgv : dgv;
                    carry[r] = gv * delta;
                }
                dxn[i] = accumulate ? dxn[i] + dxv : dxv;
            }
        }
        if (weighted && s > 0) {
            T hp[CAP];
#pragma unroll (CAP <= 8 ? CAP : 1)
            for (int c = 0; c < CAP; c++) {
                if (c < channels) {
                    long long j = before + c * plane;
                    hp[c] = gated ? xn[j] + gn[j] * an[j] : xn[j] + an[j];
                }
            }
#pragma unroll (CAP <= 8 ? CAP : 1)
            for (int r = 0; r < CAP; r++) {
#pragma unroll (CAP <= 8 ? CAP : 1)
                for (int c = 0; c < CAP; c++) {
                    if (r < channels && c < channels) {
                        dw[r * CAP + c] += e[r] * hp[c];
                    }
                }
            }
#pragma unroll (CAP <= 8 ? CAP : 1)
            for (int c = 0; c < CAP; c++) {
                if (c < channels) {
                    T sum = 0;
#pragma unroll (CAP <= 8 ? CAP : 1)
                    for (int r = 0; r < CAP; r++) {
                        if (r < channels) {
                            sum += sW[r * channels + c] * e[r];
                        }
                    }
                    carry[c] = sum;
                }
            }
        }
    }
    if (weighted) {
        // `channels` is the same in every lane, so all lanes of the warp take part in each reduction; the loops run
        // over the capacity so that dw[] is indexed by constants and can stay in registers.
#pragma unroll (CAP <= 8 ? CAP : 1)
        for (int r = 0; r < CAP; r++) {
#pragma unroll (CAP <= 8 ? CAP : 1)
            for (int c = 0; c < CAP; c++) {
                if (r < channels && c < channels) {
                    warp_add(dw_sum + (direction * channels + r) * channels + c, (double) dw[r * CAP + c]);
                }
            }
            if (r < channels) {
                warp_add(db_sum + direction * channels + r, (double) db[r]);
            }
        }
    }
}

#define GATE_KERNELS(T, SUFFIX, CAP)                                                                                 \
    extern "C" __global__ void gate_forward_##SUFFIX##_c##CAP(const T* x, long long x_stride, const T* g,           \
            long long g_stride, T* h, long long h_stride, unsigned char* win, long long win_stride,                 \
            const T* weights, const T* biases, int batch, int channels, int height, int width, int direction,       \
            int mode, int first) {                                                                                   \
        gate_forward<T, CAP>(x, x_stride, g, g_stride, h, h_stride, win, win_stride, weights, biases, batch,        \
                channels, height, width, direction, mode, first);                                                    \
    }                                                                                                                \
    extern "C" __global__ void gate_backward_##SUFFIX##_c##CAP(const T* x, long long x_stride, const T* g,          \
            long long g_stride, const unsigned char* win, long long win_stride, const T* dh, long long dh_stride,    \
            T* dx, long long dx_stride, T* dg, long long dg_stride, T* scratch, const T* weights, const T* biases,  \
            double* dw_sum, double* db_sum, int batch, int channels, int height, int width, int direction,          \
            int mode, int accumulate) {                                                                              \
        gate_backward<T, CAP>(x, x_stride, g, g_stride, win, win_stride, dh, dh_stride, dx, dx_stride, dg,          \
                dg_stride, scratch, weights, biases, dw_sum, db_sum, batch, channels, height, width, direction,     \
                mode, accumulate);                                                                                   \
    }

#define GATE_KERNELS_BOTH(CAP) GATE_KERNELS(float, f32, CAP) GATE_KERNELS(double, f64, CAP)

GATE_KERNELS_BOTH(1)
GATE_KERNELS_BOTH(2)
GATE_KERNELS_BOTH(4)
GATE_KERNELS_BOTH(8)
GATE_KERNELS_BOTH(16)
GATE_KERNELS_BOTH(32)
