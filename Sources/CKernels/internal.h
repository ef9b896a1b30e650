// Shared by the kernel files: dispatch flag and scalar half conversions.
#ifndef GENPLAY_CKERNELS_INTERNAL_H
#define GENPLAY_CKERNELS_INTERNAL_H
#pragma STDC FP_CONTRACT OFF
#include "CKernels.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define GP_X86 1
#define GP_AVX2 __attribute__((target("avx2,fma,f16c")))
/// For plain C loops of fmaf that the compiler vectorizes: an AVX2 clone and a baseline one.
#define GP_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define GP_X86 0
#define GP_CLONES
#endif

/// One block's contribution in the portable arithmetic: 8 lanes of 4 integer products each,
/// scaled by d_w·d_x and added with FMA (Q4_1 also accumulates m·s into `mins`).
void gp_q4_0_block_lanes(const gp_block_q4_0 *w, const gp_block_q8_0 *x, float acc[8]);
void gp_q4_1_block_lanes(const gp_block_q4_1 *w, const gp_block_q8_1 *x, float acc[8], float *mins);
void gp_q8_0_block_lanes(const gp_block_q8_0 *w, const gp_block_q8_0 *x, float acc[8]);

/// Scale and min j (0..7) of a Q4_K/Q5_K super-block, from its 12 packed bytes.
static inline void gp_k4_scale_min(int j, const uint8_t *q, int *scale, int *min) {
    if (j < 4) {
        *scale = q[j] & 63;
        *min = q[j + 4] & 63;
    } else {
        *scale = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        *min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}
/// Element e (0..255) of a Q6_K super-block, offset removed (-32..31).
int gp_q6_K_value(const gp_block_q6_K *x, int e);
/// Element e of sub-block j of a Q4_K/Q5_K super-block's low four bits; the sum of a Q8_K
/// block's 32 values of sub-block j.
int gp_k4_nibble(const uint8_t *qs, int j, int e);
static inline int gp_q8_K_pair_sum(const gp_block_q8_K *y, int j) { return y->bsums[2 * j] + y->bsums[2 * j + 1]; }
#if defined(__x86_64__)
/// The AVX2 halves of kquant_rows.c: a Q4_K/Q5_K (qh NULL for Q4_K) or Q6_K super-block's
/// values widened to bytes; against `ntok` activation blocks `ystride` bytes apart, the integer sums per
/// pair of its sub-blocks, and a Q6_K super-block's sums.
__attribute__((target("avx2,fma,f16c"))) void gp_k4_widen_avx(const uint8_t *qs, const uint8_t *qh, uint8_t q[GP_QK_K]);
__attribute__((target("avx2,fma,f16c"))) void gp_q6_K_widen_avx(const gp_block_q6_K *x, uint8_t q[GP_QK_K]);
__attribute__((target("avx2,fma,f16c"))) void gp_k4_pair_sums_avx(const uint8_t q[GP_QK_K], const int16_t scales[8],
    const gp_block_q8_K *y, size_t ystride, int64_t ntok, int (*sums)[4]);
__attribute__((target("avx2,fma,f16c"))) void gp_q6_K_sums_avx(const uint8_t q[GP_QK_K], const int16_t scales[16],
    const gp_block_q8_K *y, size_t ystride, int64_t ntok, int *sums);
#endif

/// The repacked layouts of packed.c, referenced by the trait table.
extern const gp_packing gp_packing_q4_1, gp_packing_q8_0, gp_packing_q5_0;

/// Nonzero when the AVX2 paths may be used (set once at load, changed only by tests).
extern int gp_use_avx2;

static inline uint32_t gp_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float gp_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

static inline float gp_h2f(gp_half h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    if (exponent == 0) {
        float magnitude = (float)mantissa * 0x1p-24f; // subnormal (or zero): exact
        return gp_float(gp_bits(magnitude) | sign);
    }
    if (exponent == 31) return gp_float(sign | 0x7f800000 | (mantissa << 13));
    return gp_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

/// Round to nearest even, as F16C's vcvtps2ph with immediate 0.
static inline gp_half gp_f2h(float f) {
    uint32_t x = gp_bits(f);
    uint32_t sign = (x >> 16) & 0x8000;
    uint32_t a = x & 0x7fffffff;
    if (a >= 0x7f800000) return (gp_half)(sign | 0x7c00 | (a > 0x7f800000 ? 0x200 | ((a >> 13) & 0x3ff) : 0));
    if (a >= 0x477ff000) return (gp_half)(sign | 0x7c00);
    if (a < 0x38800000) {
        // Below the smallest normal half: adding 0.5 makes the FPU round to a multiple of 2^-24.
        uint32_t r = gp_bits(gp_float(a) + 0.5f) - 0x3f000000;
        return (gp_half)(sign | r);
    }
    a += 0xfff + ((a >> 13) & 1);
    return (gp_half)(sign | ((a - 0x38000000) >> 13));
}

/// Horizontal sum of 8 lanes in the order of ggml's hsum_float_8.
static inline float gp_hsum8(const float v[8]) {
    float r0 = v[4] + v[0], r1 = v[5] + v[1], r2 = v[6] + v[2], r3 = v[7] + v[3];
    r0 = r0 + r2;
    r1 = r1 + r3;
    return r0 + r1;
}

#if GP_X86
/// Unsigned × signed bytes, neighbours summed to 8 int32 lanes (4 products each), as floats.
GP_AVX2 static inline __m256 gp_lanes_us8(__m256i u, __m256i s) {
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1)));
}

/// Signed × signed bytes the same way, through |a| and b with a's sign.
GP_AVX2 static inline __m256 gp_lanes_s8(__m256i a, __m256i b) {
    return gp_lanes_us8(_mm256_sign_epi8(a, a), _mm256_sign_epi8(b, a));
}

/// 16 bytes of nibbles as 32 bytes: low nibbles are elements 0..15, high nibbles 16..31.
GP_AVX2 static inline __m256i gp_unpack_nibbles(const uint8_t *qs) {
    const __m128i t = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_insertf128_si256(_mm256_castsi128_si256(t), _mm_srli_epi16(t, 4), 1),
                            _mm256_set1_epi8(0x0f));
}

/// The sum of 8 int32 lanes (exact, any order).
GP_AVX2 static inline int gp_hsum_i32_avx(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    return _mm_cvtsi128_si32(_mm_add_epi32(s, _mm_shuffle_epi32(s, 1)));
}

GP_AVX2 static inline float gp_hsum8_avx(__m256 x) {
    __m128 r = _mm_add_ps(_mm256_extractf128_ps(x, 1), _mm256_castps256_ps128(x));
    r = _mm_add_ps(r, _mm_movehl_ps(r, r));
    r = _mm_add_ss(r, _mm_movehdup_ps(r));
    return _mm_cvtss_f32(r);
}
#define GP_PICK(avx, portable) (gp_use_avx2 ? avx : portable)
#else
#define GP_PICK(avx, portable) (portable)
#endif

#endif
