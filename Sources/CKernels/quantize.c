// Activation quantization to 8-bit blocks (as ggml's AVX2 quantize_row_q8_0/q8_1:
// scale = max|x|/127, values rounded to nearest even) and dequantization of weight blocks.
#include "internal.h"
#include <math.h>

static void quantize_block_portable(const float *x, int8_t *q, float *d_out, int *sum_out) {
    float amax = 0.0f;
    for (int j = 0; j < 32; j++) {
        float a = fabsf(x[j]);
        amax = a > amax ? a : amax;
    }
    const float d = amax / 127.f;
    const float id = amax != 0.0f ? 127.f / amax : 0.0f;
    int sum = 0;
    for (int j = 0; j < 32; j++) {
        q[j] = (int8_t)nearbyintf(x[j] * id);
        sum += q[j];
    }
    *d_out = d;
    *sum_out = sum;
}

#if GP_X86
/// One block: returns d, writes 32 signed bytes in element order and their sum.
GP_AVX2 static float quantize_block_avx(const float *x, int8_t *q, int *sum_out) {
    __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 m = _mm256_andnot_ps(sign, v0);
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign, v1));
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign, v2));
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign, v3));
    __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    const float amax = _mm_cvtss_f32(m4);
    const float d = amax / 127.f;
    const __m256 id = _mm256_set1_ps(amax != 0.0f ? 127.f / amax : 0.0f);
    __m256i i0 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v0, id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i1 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v1, id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i2 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v2, id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i3 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v3, id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    if (sum_out) {
        __m256i s = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
        __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
        s4 = _mm_add_epi32(s4, _mm_unpackhi_epi64(s4, s4));
        s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, 1));
        *sum_out = _mm_cvtsi128_si32(s4);
    }
    // Pack to bytes; the in-lane packs interleave 4-element groups, the permute restores order.
    i0 = _mm256_packs_epi32(i0, i1);
    i2 = _mm256_packs_epi32(i2, i3);
    i0 = _mm256_packs_epi16(i0, i2);
    i0 = _mm256_permutevar8x32_epi32(i0, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)q, i0);
    return d;
}
#endif

void gp_quantize_q8_0(const float *x, void *out, int64_t n) {
    gp_block_q8_0 *y = out;
    for (int64_t b = 0; b < n / 32; b++) {
        float d;
        int sum;
#if GP_X86
        if (gp_use_avx2) d = quantize_block_avx(x + b * 32, y[b].qs, NULL);
        else
#endif
        quantize_block_portable(x + b * 32, y[b].qs, &d, &sum);
        y[b].d = gp_f2h(d);
    }
}

void gp_quantize_q8_1(const float *x, void *out, int64_t n) {
    gp_block_q8_1 *y = out;
    for (int64_t b = 0; b < n / 32; b++) {
        float d;
        int sum;
#if GP_X86
        if (gp_use_avx2) d = quantize_block_avx(x + b * 32, y[b].qs, &sum);
        else
#endif
        quantize_block_portable(x + b * 32, y[b].qs, &d, &sum);
        y[b].d = gp_f2h(d);
        y[b].s = gp_f2h(d * (float)sum);
    }
}

void gp_dequantize_q8_0(const void *in, float *y, int64_t n) {
    const gp_block_q8_0 *x = in;
    for (int64_t b = 0; b < n / 32; b++) {
        const float d = gp_h2f(x[b].d);
        for (int j = 0; j < 32; j++) y[b * 32 + j] = x[b].qs[j] * d;
    }
}

void gp_dequantize_q4_0(const void *in, float *y, int64_t n) {
    const gp_block_q4_0 *x = in;
    for (int64_t b = 0; b < n / 32; b++) {
        const float d = gp_h2f(x[b].d);
        for (int j = 0; j < 16; j++) {
            y[b * 32 + j] = ((x[b].qs[j] & 0x0f) - 8) * d;
            y[b * 32 + j + 16] = ((x[b].qs[j] >> 4) - 8) * d;
        }
    }
}

void gp_dequantize_q4_1(const void *in, float *y, int64_t n) {
    const gp_block_q4_1 *x = in;
    for (int64_t b = 0; b < n / 32; b++) {
        const float d = gp_h2f(x[b].d), m = gp_h2f(x[b].m);
        for (int j = 0; j < 16; j++) {
            y[b * 32 + j] = __builtin_fmaf((float)(x[b].qs[j] & 0x0f), d, m); // ggml is built with FP contraction
            y[b * 32 + j + 16] = __builtin_fmaf((float)(x[b].qs[j] >> 4), d, m);
        }
    }
}

void gp_dequantize_q5_0(const void *in, float *y, int64_t n) {
    const gp_block_q5_0 *x = in;
    for (int64_t b = 0; b < n / 32; b++) {
        const float d = gp_h2f(x[b].d);
        uint32_t qh;
        memcpy(&qh, x[b].qh, 4);
        for (int j = 0; j < 16; j++) {
            const int x0 = ((x[b].qs[j] & 0x0f) | (int)(((qh >> j) << 4) & 0x10)) - 16;
            const int x1 = ((x[b].qs[j] >> 4) | (int)((qh >> (j + 12)) & 0x10)) - 16;
            y[b * 32 + j] = (float)x0 * d;
            y[b * 32 + j + 16] = (float)x1 * d;
        }
    }
}

void gp_dequantize_q5_1(const void *in, float *y, int64_t n) {
    const gp_block_q5_1 *x = in;
    for (int64_t b = 0; b < n / 32; b++) {
        const float d = gp_h2f(x[b].d), m = gp_h2f(x[b].m);
        uint32_t qh;
        memcpy(&qh, x[b].qh, 4);
        for (int j = 0; j < 16; j++) {
            const int x0 = (x[b].qs[j] & 0x0f) | (int)(((qh >> j) << 4) & 0x10);
            const int x1 = (x[b].qs[j] >> 4) | (int)((qh >> (j + 12)) & 0x10);
            y[b * 32 + j] = __builtin_fmaf((float)x0, d, m);
            y[b * 32 + j + 16] = __builtin_fmaf((float)x1, d, m);
        }
    }
}
