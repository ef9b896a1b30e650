// Float dot products in llama.cpp's two summation orders. ggml's vec_dot (one activation row):
// four 8-lane accumulators over chunks of 32, folded pairwise, then a horizontal add, leftovers
// summed in double. Its tinyBLAS matmul (llamafile sgemm, prompt batches): one 8-lane
// accumulator over chunks of 8, then halves added (4 + 4, 2 + 2, 1 + 1).
#include "internal.h"

/// Folds acc[4][8] as GGML_F32x8_REDUCE does: (0+2, 1+3), then (0+1), then hadd twice.
static inline float reduce4x8(float acc[4][8]) {
    float a[8];
    for (int l = 0; l < 8; l++) {
        float s02 = acc[0][l] + acc[2][l], s13 = acc[1][l] + acc[3][l];
        a[l] = s02 + s13;
    }
    float t[4] = { a[0] + a[4], a[1] + a[5], a[2] + a[6], a[3] + a[7] };
    return (t[0] + t[1]) + (t[2] + t[3]);
}

#define DOT_PORTABLE(name, T, load)                                            \
    static float name(int64_t n, const T *w, const T *x) {                     \
        float acc[4][8] = {{0}};                                               \
        const int64_t np = n & ~(int64_t)31;                                   \
        for (int64_t i = 0; i < np; i += 32)                                   \
            for (int j = 0; j < 4; j++)                                        \
                for (int l = 0; l < 8; l++)                                    \
                    acc[j][l] = __builtin_fmaf(load(x[i + j * 8 + l]),         \
                                               load(w[i + j * 8 + l]), acc[j][l]); \
        double sum = reduce4x8(acc);                                           \
        for (int64_t i = np; i < n; i++) sum += (double)(load(w[i]) * load(x[i])); \
        return (float)sum;                                                     \
    }

/// tinyBLAS's hsum: lanes (l, l+4), then (l, l+2), then the two left.
static inline float reduce1x8(const float a[8]) {
    const float t[4] = { a[4] + a[0], a[5] + a[1], a[6] + a[2], a[7] + a[3] };
    return (t[0] + t[2]) + (t[1] + t[3]);
}

/// n is a multiple of 8 (tinyBLAS declines other sizes).
#define DOT_TILED_PORTABLE(name, T, load)                                      \
    static float name(int64_t n, const T *w, const T *x) {                     \
        float acc[8] = {0};                                                    \
        for (int64_t i = 0; i < n; i += 8)                                     \
            for (int l = 0; l < 8; l++)                                        \
                acc[l] = __builtin_fmaf(load(w[i + l]), load(x[i + l]), acc[l]); \
        return reduce1x8(acc);                                                 \
    }

static inline float load_f32(float v) { return v; }
static inline float load_bf16(uint16_t v) { return gp_float((uint32_t)v << 16); }

DOT_PORTABLE(dot_f16_portable, gp_half, gp_h2f)
DOT_PORTABLE(dot_f32_portable, float, load_f32)
DOT_PORTABLE(dot_bf16_portable, uint16_t, load_bf16)
DOT_TILED_PORTABLE(dot_f16_tiled_portable, gp_half, gp_h2f)
DOT_TILED_PORTABLE(dot_f32_tiled_portable, float, load_f32)
DOT_TILED_PORTABLE(dot_bf16_tiled_portable, uint16_t, load_bf16)

#if GP_X86
GP_AVX2 static inline float reduce4x8_avx(__m256 s[4]) {
    s[0] = _mm256_add_ps(s[0], s[2]);
    s[1] = _mm256_add_ps(s[1], s[3]);
    s[0] = _mm256_add_ps(s[0], s[1]);
    const __m128 t0 = _mm_add_ps(_mm256_castps256_ps128(s[0]), _mm256_extractf128_ps(s[0], 1));
    const __m128 t1 = _mm_hadd_ps(t0, t0);
    return _mm_cvtss_f32(_mm_hadd_ps(t1, t1));
}

GP_AVX2 static inline __m256 load8_f16(const gp_half *p) { return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p)); }
GP_AVX2 static inline __m256 load8_f32(const float *p) { return _mm256_loadu_ps(p); }
GP_AVX2 static inline __m256 load8_bf16(const uint16_t *p) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p)), 16));
}

#define DOT_AVX(name, T, load8, load1)                                         \
    GP_AVX2 static float name(int64_t n, const T *w, const T *x) {             \
        __m256 s[4] = { _mm256_setzero_ps(), _mm256_setzero_ps(),              \
                        _mm256_setzero_ps(), _mm256_setzero_ps() };            \
        const int64_t np = n & ~(int64_t)31;                                   \
        for (int64_t i = 0; i < np; i += 32)                                   \
            for (int j = 0; j < 4; j++)                                        \
                s[j] = _mm256_fmadd_ps(load8(x + i + j * 8), load8(w + i + j * 8), s[j]); \
        double sum = reduce4x8_avx(s);                                         \
        for (int64_t i = np; i < n; i++) sum += (double)(load1(w[i]) * load1(x[i])); \
        return (float)sum;                                                     \
    }

DOT_AVX(dot_f16_avx, gp_half, load8_f16, gp_h2f)
DOT_AVX(dot_f32_avx, float, load8_f32, load_f32)
DOT_AVX(dot_bf16_avx, uint16_t, load8_bf16, load_bf16)

#define DOT_TILED_AVX(name, T, load8)                                          \
    GP_AVX2 static float name(int64_t n, const T *w, const T *x) {             \
        __m256 s = _mm256_setzero_ps();                                        \
        for (int64_t i = 0; i < n; i += 8) s = _mm256_fmadd_ps(load8(w + i), load8(x + i), s); \
        __m128 t = _mm_add_ps(_mm256_extractf128_ps(s, 1), _mm256_castps256_ps128(s)); \
        t = _mm_add_ps(t, _mm_movehl_ps(t, t));                                \
        return _mm_cvtss_f32(_mm_add_ss(t, _mm_movehdup_ps(t)));               \
    }

DOT_TILED_AVX(dot_f16_tiled_avx, gp_half, load8_f16)
DOT_TILED_AVX(dot_f32_tiled_avx, float, load8_f32)
DOT_TILED_AVX(dot_bf16_tiled_avx, uint16_t, load8_bf16)
#endif

float gp_dot_f16(int64_t n, const gp_half *w, const gp_half *x) { return GP_PICK(dot_f16_avx, dot_f16_portable)(n, w, x); }
float gp_dot_f32(int64_t n, const float *w, const float *x) { return GP_PICK(dot_f32_avx, dot_f32_portable)(n, w, x); }
float gp_dot_bf16(int64_t n, const uint16_t *w, const uint16_t *x) { return GP_PICK(dot_bf16_avx, dot_bf16_portable)(n, w, x); }
float gp_dot_f16_tiled(int64_t n, const gp_half *w, const gp_half *x) { return GP_PICK(dot_f16_tiled_avx, dot_f16_tiled_portable)(n, w, x); }
float gp_dot_f32_tiled(int64_t n, const float *w, const float *x) { return GP_PICK(dot_f32_tiled_avx, dot_f32_tiled_portable)(n, w, x); }
float gp_dot_bf16_tiled(int64_t n, const uint16_t *w, const uint16_t *x) { return GP_PICK(dot_bf16_tiled_avx, dot_bf16_tiled_portable)(n, w, x); }
