// Hot loops of the engine, in C because Swift SIMD does not reach AVX2's integer
// multiply-add. Every function has an AVX2/FMA/F16C path and a portable path that
// computes the same bits (same lane grouping, same rounding, same summation order).
// The arithmetic follows ggml's CPU backend so greedy decoding matches llama.cpp.
#ifndef GENPLAY_CKERNELS_H
#define GENPLAY_CKERNELS_H
#include <stdint.h>
#include <stddef.h>

/// 1 when the CPU has AVX2, FMA and F16C (the fast paths); 0 selects the portable code.
int gp_cpu_has_avx2(void);
/// Forces the portable paths (tests compare both).
void gp_set_portable(int portable);

typedef uint16_t gp_half;

/// A pause for spin-wait loops.
static inline void gp_cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

// Quantized blocks of 32 values (ggml layouts).
typedef struct { gp_half d; int8_t qs[32]; } gp_block_q8_0;            // x = d*q
typedef struct { gp_half d; gp_half s; int8_t qs[32]; } gp_block_q8_1; // s = d*sum(q)
typedef struct { gp_half d; uint8_t qs[16]; } gp_block_q4_0;           // x = d*(q-8)
typedef struct { gp_half d; gp_half m; uint8_t qs[16]; } gp_block_q4_1;// x = d*q + m
// 5-bit: the fifth bit of element j is bit j of qh.
typedef struct { gp_half d; uint8_t qh[4]; uint8_t qs[16]; } gp_block_q5_0;            // x = d*(q-16)
typedef struct { gp_half d; gp_half m; uint8_t qh[4]; uint8_t qs[16]; } gp_block_q5_1; // x = d*q + m

// K-quants: super-blocks of 256 values in sub-blocks of 32 (Q4_K, Q5_K) or 16 (Q6_K), each
// with its own 6-bit (Q4_K/Q5_K: packed in 12 bytes) or 8-bit (Q6_K) scale.
enum { GP_QK_K = 256 };
typedef struct { gp_half d; gp_half dmin; uint8_t scales[12]; uint8_t qs[128]; } gp_block_q4_K;
typedef struct { gp_half d; gp_half dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; } gp_block_q5_K;
typedef struct { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; gp_half d; } gp_block_q6_K;
/// The activations K-quants multiply against: x = d*q, and the sums of each 16 q.
typedef struct { float d; int8_t qs[256]; int16_t bsums[16]; } gp_block_q8_K;

// --- half precision ---
float gp_half_to_float(gp_half h);
gp_half gp_float_to_half(float f); // round to nearest even
void gp_f32_to_f16(const float *x, gp_half *y, int64_t n);
void gp_f16_to_f32(const gp_half *x, float *y, int64_t n);
void gp_bf16_to_f32(const uint16_t *x, float *y, int64_t n);
void gp_f32_to_bf16(const float *x, uint16_t *y, int64_t n);

// --- conversions between floats and blocks (n a multiple of the block size) ---
void gp_quantize_q8_0(const float *x, void *y, int64_t n);
void gp_quantize_q8_1(const float *x, void *y, int64_t n);
void gp_quantize_q8_K(const float *x, void *y, int64_t n);
void gp_dequantize_q8_0(const void *x, float *y, int64_t n);
void gp_dequantize_q4_0(const void *x, float *y, int64_t n);
void gp_dequantize_q4_1(const void *x, float *y, int64_t n);
void gp_dequantize_q5_0(const void *x, float *y, int64_t n);
void gp_dequantize_q5_1(const void *x, float *y, int64_t n);
void gp_dequantize_q4_K(const void *x, float *y, int64_t n);
void gp_dequantize_q5_K(const void *x, float *y, int64_t n);
void gp_dequantize_q6_K(const void *x, float *y, int64_t n);

// --- dot products: weight row `w` (n values) against a prepared activation row ---
float gp_dot_q4_0_q8_0(int64_t n, const void *w, const void *x);
float gp_dot_q4_1_q8_1(int64_t n, const void *w, const void *x);
float gp_dot_q8_0_q8_0(int64_t n, const void *w, const void *x);
float gp_dot_q5_0_q8_0(int64_t n, const void *w, const void *x);
float gp_dot_q5_1_q8_1(int64_t n, const void *w, const void *x);
/// K-quant dots in each of llama.cpp's arithmetics: its AVX2 vec_dot (8 float lanes), its
/// tiled matmul (one float step per super-block: (d·Σ)·d_x accumulated with FMA) and, for
/// Q4_K, its repacked gemv (Σ·(d·d_x) per super-block) and gemm (the same per pair of
/// sub-blocks). Integer sums are exact in every one.
float gp_dot_q4_K_q8_K(int64_t n, const void *w, const void *x);
float gp_dot_q4_K_q8_K_tiled(int64_t n, const void *w, const void *x);
float gp_dot_q4_K_q8_K_gemv(int64_t n, const void *w, const void *x);
float gp_dot_q4_K_q8_K_gemm(int64_t n, const void *w, const void *x);
float gp_dot_q5_K_q8_K(int64_t n, const void *w, const void *x);
float gp_dot_q5_K_q8_K_tiled(int64_t n, const void *w, const void *x);
float gp_dot_q6_K_q8_K(int64_t n, const void *w, const void *x);
float gp_dot_q6_K_q8_K_tiled(int64_t n, const void *w, const void *x);
void gp_rows_q4_K_repacked(int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo);
void gp_rows_q4_K_tiled(int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo);
void gp_rows_q5_K_tiled(int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo);
void gp_rows_q6_K_tiled(int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo);
float gp_dot_f16(int64_t n, const gp_half *w, const gp_half *x);
float gp_dot_bf16(int64_t n, const uint16_t *w, const uint16_t *x);
float gp_dot_f32(int64_t n, const float *w, const float *x);
/// The float dots of llama.cpp's tinyBLAS matmul (prompt batches); n a multiple of 8.
float gp_dot_f16_tiled(int64_t n, const gp_half *w, const gp_half *x);
float gp_dot_bf16_tiled(int64_t n, const uint16_t *w, const uint16_t *x);
float gp_dot_f32_tiled(int64_t n, const float *w, const float *x);

// --- weight types: one trait table per ggml type, as ggml's type_traits ---
typedef void (*gp_to_float_fn)(const void *x, float *y, int64_t n);
typedef void (*gp_from_float_fn)(const float *x, void *y, int64_t n);
typedef float (*gp_vec_dot_fn)(int64_t n, const void *w, const void *x);
/// out[k*ldo] = one weight row `w` · activation row k (rows `xstride` bytes apart) for k in
/// [0, ntok), row k being row first + k of a batch of `batch` rows in llama.cpp.
typedef void (*gp_rows_fn)(int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok,
                           int64_t batch, int64_t first, float *out, int64_t ldo);

/// A weight layout that stores `group` rows interleaved, for decode kernels that read one
/// sequential stream. Outputs keep the row-by-row kernel's bits exactly.
typedef struct {
    int64_t group;
    /// Bytes of a `rows` × `n` matrix packed, or 0 when that shape does not pack.
    size_t (*bytes)(int64_t rows, int64_t n);
    void (*pack)(const void *w, size_t wstride, int64_t rows, int64_t n, void *out);
    /// Like gp_matmul over the packed rows [r0, r1), both multiples of `group`.
    void (*matmul)(const void *w, int64_t n, const void *x, size_t xstride, int64_t ntok,
                   float *out, int64_t ldo, int64_t r0, int64_t r1);
} gp_packing;

typedef struct {
    int type;                    ///< ggml type number
    const char *name;            ///< as ggml prints it ("Q4_1")
    int64_t block_size;          ///< elements per block
    size_t block_bytes;          ///< bytes per block
    gp_to_float_fn to_float;     ///< blocks → floats (embedding rows, image weights); NULL: none
    gp_from_float_fn from_float; ///< floats → blocks, for the types activations are converted to
    int vec_dot_type;            ///< the type activation rows are converted to for vec_dot
    gp_vec_dot_fn vec_dot;       ///< weight row · activation row; NULL: not usable as weights
    /// llama.cpp's tiled matmul, taken for batches of at least `tiled_batch` activation rows
    /// (K-quants: 8; floats: tinyBLAS from 2, for matrices of 4k rows × 8k columns);
    /// NULL: vec_dot for every batch.
    gp_vec_dot_fn vec_dot_tiled;
    int64_t tiled_batch;
    /// Matrices whose row count is a multiple of repack_rows (> 0) are repacked by llama.cpp on
    /// AVX2 and multiplied by its gemv (one activation row) and gemm (rows in groups of four)
    /// instead, which round differently (Q4_K).
    int64_t repack_rows;
    gp_vec_dot_fn vec_dot_gemv, vec_dot_gemm;
    /// The same arithmetics for one weight row against many activation rows at once (work
    /// that does not depend on the activation row done once); NULL: row by row.
    gp_rows_fn rows_tiled, rows_repacked;
    const gp_packing *packing;   ///< NULL: rows are multiplied as mapped
} gp_type_traits;

/// The traits of ggml type `type`, or NULL for a type genplay has no kernels for.
const gp_type_traits *gp_type_traits_of(int type);

/// The dot products llama.cpp's CPU backend uses for a `rows` × `columns` matrix of type `t`:
/// for one activation row of a batch, for rows in groups of four, and for batches of
/// `tiled_batch` or more.
typedef struct {
    gp_vec_dot_fn single, grouped, tiled;
    int64_t tiled_batch;
    /// Many activation rows at once: for any batch (repacked) or tiled batches.
    gp_rows_fn rows_any, rows_tiled;
} gp_row_dots;
gp_row_dots gp_row_dots_for(const gp_type_traits *t, int64_t rows, int64_t columns);

/// out[t*ldo + r] = dot(row r of w, activation row t) for r in [r0, r1), t in [0, ntok).
/// `x` holds ntok prepared activation rows of `xstride` bytes each (see gp_prepare_activations);
/// activation row t is row first + t of a batch of `batch` rows in llama.cpp, which decides
/// its arithmetic: a tiled matmul for batch >= tiled_batch, four-row groups, or single rows.
void gp_matmul(const gp_row_dots *dots, const void *w, size_t wstride, int64_t n,
               const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first,
               float *out, int64_t ldo, int64_t r0, int64_t r1);

/// Bytes of one activation row of n values prepared for weights of type `t`.
size_t gp_activation_row_bytes(const gp_type_traits *t, int64_t n);
/// Converts ntok float rows (stride n) into the activation format of weights of type `t`.
void gp_prepare_activations(const gp_type_traits *t, const float *x, int64_t n, int64_t ntok, void *out);

// --- attention helpers ---
/// y[i] = half(x[i]*v + y[i]) (fused multiply-add, rounded to half each step).
void gp_mad_f16(int64_t n, gp_half *y, const gp_half *x, float v);
/// y[i] = half(y[i]*v).
void gp_scale_f16(int64_t n, gp_half *y, float v);
/// y[i] = fma(x[i], v, y[i]).
void gp_mad_f32(int64_t n, float *y, const float *x, float v);

/// Reads n bytes (a multiple of 128) as fast as the CPU can and returns a checksum: the read
/// bandwidth the kernel benchmark compares against.
uint64_t gp_read_all(const void *p, size_t n);

// --- attention over a half-precision KV cache (rows of `d` halves, `stride` halves apart) ---
/// ggml's one-chunk flash attention for one query row over positions [first, nkv) (first > 0
/// for a sliding window; ggml skips the masked positions the same way): the query is rounded to
/// half, scores use gp_dot_f16, softmax is online with libm expf and the weighted sum of V
/// accumulates in half precision. `scratch` holds 2*d halves.
void gp_attend_f16(int64_t d, const float *q, const gp_half *k, const gp_half *v, int64_t stride,
                   int64_t first, int64_t nkv, float scale, float *out, gp_half *scratch);

/// ggml's tiled flash attention (used when a batch has >= 64 queries): `nq` consecutive query
/// rows (stride `qstride` floats) at positions first_pos.. attend causally in KV tiles of 64
/// with float accumulation. With `window` > 0 the query at position p sees only positions
/// p - window + 1 ... p (a sliding window); tiles no query sees are skipped, as ggml skips
/// fully masked tiles. `scratch` holds gp_attend_tiled_scratch(d, nq) floats.
void gp_attend_tiled(int64_t d, const float *q, int64_t qstride, int64_t nq, int64_t first_pos, int64_t window,
                     const gp_half *k, const gp_half *v, int64_t stride, float scale,
                     float *out, int64_t ostride, float *scratch);
size_t gp_attend_tiled_scratch(int64_t d, int64_t nq);

// --- elementwise math ---
/// y[i] = exp(x[i] - max) with ggml's vector exp; returns the sum (8-lane partial sums in double).
double gp_softmax_exp(int64_t n, float *y, const float *x, float max);
/// y[i] = silu(g[i]) * u[i] with ggml's vector silu.
void gp_swiglu(int64_t n, float *y, const float *g, const float *u);
/// y[i] = silu(x[i]).
void gp_silu(int64_t n, float *y, const float *x);
/// y[i] = gelu(g[i]) * u[i], GELU in its tanh form looked up in ggml's half-precision table
/// (0 below -10, the identity above 10), as ggml's CPU geglu computes it.
void gp_geglu(int64_t n, float *y, const float *g, const float *u);
/// The tanh GELU in float, as ggml's gelu_f32 (the values its table holds, before rounding).
float gp_gelu_tanh(float x);

// --- image networks: convolution as GEMM over im2col strips (conv.c) ---
/// Register tile of the convolution kernel: 6 output channels × 16 output pixels.
enum { GP_CONV_MR = 6, GP_CONV_NR = 16, GP_CONV_MAX_KERNEL = 7 };

/// A convolution over a channel-major batch: input element (c, b, y, x) at
/// ((c·batch + b)·in_h + y)·in_w + x, output likewise with out_h × out_w (zero padding).
typedef struct {
    int64_t channels, batch, in_h, in_w, out_h, out_w, kernel, stride, pad;
} gp_conv_geometry;

/// Floats of the packed weights of `rows` output channels × k = C·kernel² inputs.
size_t gp_conv_packed_weight_count(int64_t rows, int64_t k);
/// Reorders w (rows, k) into panels of GP_CONV_MR rows, k-major: packed[p][j][r] = w[p·MR + r][j]
/// (rows past the end are 0).
void gp_conv_pack_weights(const float *w, int64_t rows, int64_t k, float *packed);
/// Floats of the per-thread scratch gp_conv2d needs.
size_t gp_conv_scratch_count(const gp_conv_geometry *g);
/// out (O, N) = bias + residual + W (O, K) · im2col(in) (K, N) for the output columns of strips
/// [strip0, strip1) (GP_CONV_NR columns each; N = batch·out_h·out_w). `residual` (same layout
/// as out) may be NULL or equal to `out`; `in` must not overlap `out`.
void gp_conv2d(const gp_conv_geometry *g, const float *packed_w, int64_t out_channels, const float *bias,
               const float *in, const float *residual, float *out, int64_t strip0, int64_t strip1,
               float *scratch);

// --- image networks: spatial self-attention (spatial_attention.c) ---
size_t gp_spatial_attention_scratch(int64_t n);
/// One head over n positions: q, k, v hold `channels` rows of n values, `cstride` apart;
/// out[c·ostride + i] = Σ_j softmax_j(scale · Σ_c q[c][i]·k[c][j]) · v[c][j].
void gp_spatial_attention(int64_t channels, int64_t n, const float *q, const float *k, const float *v,
                          int64_t cstride, float scale, float *out, int64_t ostride, float *scratch);

#endif
