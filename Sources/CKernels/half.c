// Half/bfloat conversions and the half-precision vector helpers used by attention.
#include "internal.h"

int gp_use_avx2 = 0;

__attribute__((constructor)) static void gp_detect_cpu(void) { gp_use_avx2 = gp_cpu_has_avx2(); }

int gp_cpu_has_avx2(void) {
#if GP_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
#else
    return 0;
#endif
}

void gp_set_portable(int portable) { gp_use_avx2 = portable ? 0 : gp_cpu_has_avx2(); }

float gp_half_to_float(gp_half h) { return gp_h2f(h); }
gp_half gp_float_to_half(float f) { return gp_f2h(f); }

#if GP_X86
GP_AVX2 static void f32_to_f16_avx(const float *x, gp_half *y, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(y + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), 0));
    for (; i < n; i++) y[i] = gp_f2h(x[i]);
}

GP_AVX2 static void f16_to_f32_avx(const gp_half *x, float *y, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
    for (; i < n; i++) y[i] = gp_h2f(x[i]);
}
#endif

void gp_f32_to_f16(const float *x, gp_half *y, int64_t n) {
#if GP_X86
    if (gp_use_avx2) { f32_to_f16_avx(x, y, n); return; }
#endif
    for (int64_t i = 0; i < n; i++) y[i] = gp_f2h(x[i]);
}

void gp_f16_to_f32(const gp_half *x, float *y, int64_t n) {
#if GP_X86
    if (gp_use_avx2) { f16_to_f32_avx(x, y, n); return; }
#endif
    for (int64_t i = 0; i < n; i++) y[i] = gp_h2f(x[i]);
}

void gp_bf16_to_f32(const uint16_t *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; i++) y[i] = gp_float((uint32_t)x[i] << 16);
}

void gp_f32_to_bf16(const float *x, uint16_t *y, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        uint32_t u = gp_bits(x[i]);
        if ((u & 0x7fffffff) > 0x7f800000) y[i] = (uint16_t)((u >> 16) | 64); // quiet NaN
        else y[i] = (uint16_t)((u + (0x7fff + ((u >> 16) & 1))) >> 16);
    }
}

#if GP_X86
GP_AVX2 static void mad_f16_avx(int64_t n, gp_half *y, const gp_half *x, float v) {
    const __m256 vv = _mm256_set1_ps(v);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 ay = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(y + i)));
        __m256 ax = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i)));
        _mm_storeu_si128((__m128i *)(y + i), _mm256_cvtps_ph(_mm256_fmadd_ps(ax, vv, ay), 0));
    }
    for (; i < n; i++) y[i] = gp_f2h(__builtin_fmaf(gp_h2f(x[i]), v, gp_h2f(y[i])));
}
#endif

void gp_mad_f16(int64_t n, gp_half *y, const gp_half *x, float v) {
#if GP_X86
    if (gp_use_avx2) { mad_f16_avx(n, y, x, v); return; }
#endif
    for (int64_t i = 0; i < n; i++) y[i] = gp_f2h(__builtin_fmaf(gp_h2f(x[i]), v, gp_h2f(y[i])));
}

void gp_scale_f16(int64_t n, gp_half *y, float v) {
    for (int64_t i = 0; i < n; i++) y[i] = gp_f2h(gp_h2f(y[i]) * v);
}

void gp_mad_f32(int64_t n, float *y, const float *x, float v) {
    for (int64_t i = 0; i < n; i++) y[i] = __builtin_fmaf(x[i], v, y[i]);
}

#if GP_X86
GP_AVX2 static uint64_t read_all_avx(const void *p, size_t n) {
    __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
    const __m256i *v = p;
    for (size_t i = 0; i < n / 32; i += 4) {
        a = _mm256_add_epi64(a, _mm256_load_si256(v + i));
        b = _mm256_add_epi64(b, _mm256_load_si256(v + i + 1));
        c = _mm256_add_epi64(c, _mm256_load_si256(v + i + 2));
        d = _mm256_add_epi64(d, _mm256_load_si256(v + i + 3));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, _mm256_add_epi64(_mm256_add_epi64(a, b), _mm256_add_epi64(c, d)));
    return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}
#endif

uint64_t gp_read_all(const void *p, size_t n) {
#if GP_X86
    if (gp_use_avx2) return read_all_avx(p, n);
#endif
    uint64_t sum = 0;
    const uint64_t *v = p;
    for (size_t i = 0; i < n / 8; i++) sum += v[i];
    return sum;
}
