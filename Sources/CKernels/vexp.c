// ggml's vector exp (a polynomial after range reduction; max error about 1.5 ulp) and the
// functions built on it. The portable path evaluates the same formula lane by lane.
#include "internal.h"
#include <math.h>

static float vexp_portable(float x) {
    const float r = 0x1.8p23f;
    const float z = __builtin_fmaf(x, 0x1.715476p+0f, r);
    const float n = z - r;
    const float b = __builtin_fmaf(-n, 0x1.7f7d1cp-20f, __builtin_fmaf(-n, 0x1.62e4p-1f, x));
    const uint32_t e = gp_bits(z) << 23;
    const float k = gp_float(e + gp_bits(1.0f));
    const float u = b * b;
    const float j = __builtin_fmaf(__builtin_fmaf(__builtin_fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u,
                                                  __builtin_fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                                   u, 0x1.ffffecp-1f * b);
    const float an = fabsf(n);
    if (!(an > 126)) return __builtin_fmaf(k, j, k);
    const uint32_t g = n <= 0 ? 0x82000000u : 0;
    const float s1 = gp_float(g + 0x7f000000u);
    const float s2 = gp_float(e - g);
    if (an > 192) return s1 * s1;
    return __builtin_fmaf(s2, j, s2) * s1;
}

static inline float silu_portable(float x) { return x / (1.0f + vexp_portable(0.0f - x)); }

#if GP_X86
GP_AVX2 static __m256 vexp_avx(__m256 x) {
    const __m256 r = _mm256_set1_ps(0x1.8p23f);
    const __m256 z = _mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), r);
    const __m256 n = _mm256_sub_ps(z, r);
    const __m256 b = _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256i e = _mm256_slli_epi32(_mm256_castps_si256(z), 23);
    const __m256 k = _mm256_castsi256_ps(_mm256_add_epi32(e, _mm256_castps_si256(_mm256_set1_ps(1))));
    const __m256 an = _mm256_andnot_ps(_mm256_set1_ps(-0.f), n);
    const __m256 c = _mm256_cmp_ps(an, _mm256_set1_ps(126), _CMP_GT_OQ);
    const __m256 u = _mm256_mul_ps(b, b);
    const __m256 j = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f)), u,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f))),
        u, _mm256_mul_ps(_mm256_set1_ps(0x1.ffffecp-1f), b));
    if (!_mm256_movemask_ps(c)) return _mm256_fmadd_ps(j, k, k);
    const __m256i g = _mm256_and_si256(_mm256_castps_si256(_mm256_cmp_ps(n, _mm256_setzero_ps(), _CMP_LE_OQ)),
                                       _mm256_set1_epi32((int)0x82000000u));
    const __m256 s1 = _mm256_castsi256_ps(_mm256_add_epi32(g, _mm256_set1_epi32(0x7f000000)));
    const __m256 s2 = _mm256_castsi256_ps(_mm256_sub_epi32(e, g));
    const __m256 d = _mm256_cmp_ps(an, _mm256_set1_ps(192), _CMP_GT_OQ);
    return _mm256_or_ps(_mm256_and_ps(d, _mm256_mul_ps(s1, s1)),
                        _mm256_andnot_ps(d, _mm256_or_ps(_mm256_and_ps(c, _mm256_mul_ps(_mm256_fmadd_ps(s2, j, s2), s1)),
                                                         _mm256_andnot_ps(c, _mm256_fmadd_ps(k, j, k)))));
}

GP_AVX2 static inline __m256 silu_avx(__m256 x) {
    const __m256 e = vexp_avx(_mm256_sub_ps(_mm256_setzero_ps(), x));
    return _mm256_div_ps(x, _mm256_add_ps(_mm256_set1_ps(1), e));
}

GP_AVX2 static double softmax_exp_avx(int64_t n, float *y, const float *x, float max, int64_t *done) {
    double sum = 0;
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = vexp_avx(_mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_set1_ps(max)));
        _mm256_storeu_ps(y + i, v);
        sum += (double)gp_hsum8_avx(v);
    }
    *done = i;
    return sum;
}

GP_AVX2 static int64_t swiglu_avx(int64_t n, float *y, const float *g, const float *u) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_mul_ps(silu_avx(_mm256_loadu_ps(g + i)), _mm256_loadu_ps(u + i)));
    return i;
}

GP_AVX2 static int64_t silu_rows_avx(int64_t n, float *y, const float *x) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, silu_avx(_mm256_loadu_ps(x + i)));
    return i;
}
#endif

double gp_softmax_exp(int64_t n, float *y, const float *x, float max) {
    double sum = 0;
    int64_t i = 0;
#if GP_X86
    if (gp_use_avx2) sum = softmax_exp_avx(n, y, x, max, &i);
    else
#endif
    for (; i + 8 <= n; i += 8) {
        float v[8];
        for (int l = 0; l < 8; l++) y[i + l] = v[l] = vexp_portable(x[i + l] - max);
        sum += (double)gp_hsum8(v);
    }
    // ggml finishes the tail with libm's expf.
    for (; i < n; i++) {
        const float v = expf(x[i] - max);
        sum += (double)v;
        y[i] = v;
    }
    return sum;
}

void gp_swiglu(int64_t n, float *y, const float *g, const float *u) {
    int64_t i = 0;
#if GP_X86
    if (gp_use_avx2) i = swiglu_avx(n, y, g, u);
    else
#endif
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++) y[i + l] = silu_portable(g[i + l]) * u[i + l];
    for (; i < n; i++) y[i] = g[i] / (1.0f + expf(-g[i])) * u[i];
}

void gp_silu(int64_t n, float *y, const float *x) {
    int64_t i = 0;
#if GP_X86
    if (gp_use_avx2) i = silu_rows_avx(n, y, x);
    else
#endif
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++) y[i + l] = silu_portable(x[i + l]);
    for (; i < n; i++) y[i] = x[i] / (1.0f + expf(-x[i]));
}
