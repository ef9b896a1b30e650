// Row-range matrix multiplication over any supported weight type. Threads split the rows;
// the reduction inside a dot product never splits, so results do not depend on threads.
#include "internal.h"

size_t gp_activation_row_bytes(int wtype, int64_t n) {
    switch (wtype) {
    case GP_F32: return (size_t)n * 4;
    case GP_F16: case GP_BF16: return (size_t)n * 2;
    case GP_Q4_0: case GP_Q8_0: return (size_t)(n / 32) * sizeof(gp_block_q8_0);
    case GP_Q4_1: return (size_t)(n / 32) * sizeof(gp_block_q8_1);
    default: return 0;
    }
}

void gp_prepare_activations(int wtype, const float *x, int64_t n, int64_t ntok, void *out) {
    const size_t stride = gp_activation_row_bytes(wtype, n);
    for (int64_t t = 0; t < ntok; t++) {
        const float *row = x + t * n;
        char *dst = (char *)out + t * stride;
        switch (wtype) {
        case GP_F32: memcpy(dst, row, stride); break;
        case GP_F16: gp_f32_to_f16(row, (gp_half *)dst, n); break;
        case GP_BF16: gp_f32_to_bf16(row, (uint16_t *)dst, n); break;
        case GP_Q4_0: case GP_Q8_0: gp_quantize_q8_0(row, (gp_block_q8_0 *)dst, n); break;
        case GP_Q4_1: gp_quantize_q8_1(row, (gp_block_q8_1 *)dst, n); break;
        default: break;
        }
    }
}

typedef float (*dot_fn)(int64_t n, const void *w, const void *x);

static float dot_f16_any(int64_t n, const void *w, const void *x) { return gp_dot_f16(n, w, x); }
static float dot_bf16_any(int64_t n, const void *w, const void *x) { return gp_dot_bf16(n, w, x); }
static float dot_f32_any(int64_t n, const void *w, const void *x) { return gp_dot_f32(n, w, x); }

static dot_fn dot_for(int wtype) {
    switch (wtype) {
    case GP_F32: return dot_f32_any;
    case GP_F16: return dot_f16_any;
    case GP_BF16: return dot_bf16_any;
    case GP_Q4_0: return gp_dot_q4_0_q8_0;
    case GP_Q4_1: return gp_dot_q4_1_q8_1;
    case GP_Q8_0: return gp_dot_q8_0_q8_0;
    default: return NULL;
    }
}

void gp_matmul(int wtype, const void *w, size_t wstride, int64_t n,
               const void *x, size_t xstride, int64_t ntok,
               float *out, int64_t ldo, int64_t r0, int64_t r1) {
    const dot_fn dot = dot_for(wtype);
    if (!dot) return;
    for (int64_t r = r0; r < r1; r++) {
        const char *row = (const char *)w + r * wstride;
        for (int64_t t = 0; t < ntok; t++)
            out[t * ldo + r] = dot(n, row, (const char *)x + t * xstride);
    }
}
