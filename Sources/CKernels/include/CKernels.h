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

// --- half precision ---
float gp_half_to_float(gp_half h);
gp_half gp_float_to_half(float f); // round to nearest even
void gp_f32_to_f16(const float *x, gp_half *y, int64_t n);
void gp_f16_to_f32(const gp_half *x, float *y, int64_t n);
void gp_bf16_to_f32(const uint16_t *x, float *y, int64_t n);
void gp_f32_to_bf16(const float *x, uint16_t *y, int64_t n);

// --- activation quantization (n multiple of 32) ---
void gp_quantize_q8_0(const float *x, gp_block_q8_0 *y, int64_t n);
void gp_quantize_q8_1(const float *x, gp_block_q8_1 *y, int64_t n);

// --- dequantization (n multiple of 32) ---
void gp_dequantize_q8_0(const gp_block_q8_0 *x, float *y, int64_t n);
void gp_dequantize_q4_0(const gp_block_q4_0 *x, float *y, int64_t n);
void gp_dequantize_q4_1(const gp_block_q4_1 *x, float *y, int64_t n);

// --- dot products: weight row `w` (n values) against a prepared activation row ---
float gp_dot_q4_0_q8_0(int64_t n, const void *w, const void *x);
float gp_dot_q4_1_q8_1(int64_t n, const void *w, const void *x);
float gp_dot_q8_0_q8_0(int64_t n, const void *w, const void *x);
float gp_dot_f16(int64_t n, const gp_half *w, const gp_half *x);
float gp_dot_bf16(int64_t n, const uint16_t *w, const uint16_t *x);
float gp_dot_f32(int64_t n, const float *w, const float *x);

/// Weight types understood by gp_matmul (ggml type numbers).
enum { GP_F32 = 0, GP_F16 = 1, GP_Q4_0 = 2, GP_Q4_1 = 3, GP_Q8_0 = 8, GP_BF16 = 30 };

/// out[t*ldo + r] = dot(row r of w, activation row t) for r in [r0, r1), t in [0, ntok).
/// `x` holds ntok prepared activation rows of `xstride` bytes each (see gp_prepare_activations).
void gp_matmul(int wtype, const void *w, size_t wstride, int64_t n,
               const void *x, size_t xstride, int64_t ntok,
               float *out, int64_t ldo, int64_t r0, int64_t r1);

/// Weights repacked four rows at a time (Q4_1 and Q8_0, rows a multiple of 4): bytes needed,
/// or 0 when the type or shape does not pack.
size_t gp_packed_bytes(int wtype, int64_t rows, int64_t n);
void gp_pack_rows(int wtype, const void *w, size_t wstride, int64_t rows, int64_t n, void *out);
/// gp_matmul over a packed matrix; r0 and r1 must be multiples of 4.
void gp_matmul_packed(int wtype, const void *w, int64_t n, const void *x, size_t xstride, int64_t ntok,
                      float *out, int64_t ldo, int64_t r0, int64_t r1);

/// Bytes of one activation row of n values prepared for a weight type.
size_t gp_activation_row_bytes(int wtype, int64_t n);
/// Converts ntok float rows (stride n) into the weight type's activation format.
void gp_prepare_activations(int wtype, const float *x, int64_t n, int64_t ntok, void *out);

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
/// ggml's one-chunk flash attention for one query row over positions [0, nkv): the query is
/// rounded to half, scores use gp_dot_f16, softmax is online with libm expf and the weighted
/// sum of V accumulates in half precision. `scratch` holds 2*d halves.
void gp_attend_f16(int64_t d, const float *q, const gp_half *k, const gp_half *v, int64_t stride,
                   int64_t nkv, float scale, float *out, gp_half *scratch);

/// ggml's tiled flash attention (used when a batch has >= 64 queries): `nq` consecutive query
/// rows (stride `qstride` floats) at positions first_pos.. attend causally in KV tiles of 64
/// with float accumulation. `scratch` holds gp_attend_tiled_scratch(d, nq) floats.
void gp_attend_tiled(int64_t d, const float *q, int64_t qstride, int64_t nq, int64_t first_pos,
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
