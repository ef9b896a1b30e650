// K-quant super-blocks of 256 values: the Q8_K activation quantizer and dequantization, as
// ggml's reference code computes them (quantize_row_q8_K_ref, dequantize_row_q*_K; ggml builds
// with FP contraction, so d·q − m is one fused multiply-add).
#include "internal.h"
#include <math.h>

/// ggml's nearest_int: round half to even through the float adder (|x| < 2^22).
static inline int nearest_int(float x) {
    const float v = x + 12582912.f;
    int32_t i;
    memcpy(&i, &v, 4);
    return (i & 0x007fffff) - 0x00400000;
}

void gp_quantize_q8_K(const float *x, void *out, int64_t n) {
    gp_block_q8_K *y = out;
    for (int64_t b = 0; b < n / GP_QK_K; b++, x += GP_QK_K) {
        // The value of largest magnitude, the first one on ties, sets the scale's sign too.
        float max = 0, amax = 0;
        for (int j = 0; j < GP_QK_K; j++) {
            const float ax = fabsf(x[j]);
            if (ax > amax) { amax = ax; max = x[j]; }
        }
        if (amax == 0) {
            memset(&y[b], 0, sizeof y[b]);
            continue;
        }
        const float iscale = -127.f / max;
        for (int j = 0; j < GP_QK_K; j++) {
            const int v = nearest_int(iscale * x[j]);
            y[b].qs[j] = (int8_t)(v < 127 ? v : 127);
        }
        for (int j = 0; j < GP_QK_K / 16; j++) {
            int sum = 0;
            for (int k = 0; k < 16; k++) sum += y[b].qs[j * 16 + k];
            y[b].bsums[j] = (int16_t)sum;
        }
        y[b].d = 1 / iscale;
    }
}

void gp_dequantize_q4_K(const void *in, float *y, int64_t n) {
    const gp_block_q4_K *x = in;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const float d = gp_h2f(x[b].d), dmin = gp_h2f(x[b].dmin);
        const uint8_t *q = x[b].qs;
        for (int j = 0; j < 8; j += 2, q += 32) {
            int sc, m;
            gp_k4_scale_min(j, x[b].scales, &sc, &m);
            const float d1 = d * (float)sc, m1 = dmin * (float)m;
            gp_k4_scale_min(j + 1, x[b].scales, &sc, &m);
            const float d2 = d * (float)sc, m2 = dmin * (float)m;
            for (int l = 0; l < 32; l++) *y++ = __builtin_fmaf(d1, (float)(q[l] & 0xF), -m1);
            for (int l = 0; l < 32; l++) *y++ = __builtin_fmaf(d2, (float)(q[l] >> 4), -m2);
        }
    }
}

void gp_dequantize_q5_K(const void *in, float *y, int64_t n) {
    const gp_block_q5_K *x = in;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const float d = gp_h2f(x[b].d), dmin = gp_h2f(x[b].dmin);
        const uint8_t *ql = x[b].qs, *qh = x[b].qh;
        uint8_t u1 = 1, u2 = 2;
        for (int j = 0; j < 8; j += 2, ql += 32, u1 <<= 2, u2 <<= 2) {
            int sc, m;
            gp_k4_scale_min(j, x[b].scales, &sc, &m);
            const float d1 = d * (float)sc, m1 = dmin * (float)m;
            gp_k4_scale_min(j + 1, x[b].scales, &sc, &m);
            const float d2 = d * (float)sc, m2 = dmin * (float)m;
            for (int l = 0; l < 32; l++) *y++ = __builtin_fmaf(d1, (float)((ql[l] & 0xF) + (qh[l] & u1 ? 16 : 0)), -m1);
            for (int l = 0; l < 32; l++) *y++ = __builtin_fmaf(d2, (float)((ql[l] >> 4) + (qh[l] & u2 ? 16 : 0)), -m2);
        }
    }
}

int gp_q6_K_value(const gp_block_q6_K *x, int e) {
    // Halves of 128: element l + 32k of a half takes its low four bits from ql (nibble k/2 of
    // byte l + 32(k%2)) and its top two from bits 2k of qh[l].
    const int half = e / 128, r = e % 128, k = r / 32, l = r % 32;
    const uint8_t *ql = x->ql + 64 * half, *qh = x->qh + 32 * half;
    const int low = (ql[l + 32 * (k % 2)] >> (4 * (k / 2))) & 0xF;
    return (low | ((qh[l] >> (2 * k)) & 3) << 4) - 32;
}

void gp_dequantize_q6_K(const void *in, float *y, int64_t n) {
    const gp_block_q6_K *x = in;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const float d = gp_h2f(x[b].d);
        for (int e = 0; e < GP_QK_K; e++) *y++ = d * (float)x[b].scales[e / 16] * (float)gp_q6_K_value(&x[b], e);
    }
}
