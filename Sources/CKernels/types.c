// The trait table: what genplay knows of each ggml weight type (geometry, conversions, the
// dot product and its activation type, an optional repacked layout), and the row-range
// matmul over any of them. Threads split the rows; the reduction inside a dot product never
// splits, so results do not depend on threads.
#include "internal.h"

// ggml type numbers.
enum { F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15, BF16 = 30 };

static void f32_to_float(const void *x, float *y, int64_t n) { memcpy(y, x, (size_t)n * sizeof(float)); }
static void f32_from_float(const float *x, void *y, int64_t n) { memcpy(y, x, (size_t)n * sizeof(float)); }
static void f16_to_float(const void *x, float *y, int64_t n) { gp_f16_to_f32(x, y, n); }
static void f16_from_float(const float *x, void *y, int64_t n) { gp_f32_to_f16(x, y, n); }
static void bf16_to_float(const void *x, float *y, int64_t n) { gp_bf16_to_f32(x, y, n); }
static void bf16_from_float(const float *x, void *y, int64_t n) { gp_f32_to_bf16(x, y, n); }
static float dot_f32(int64_t n, const void *w, const void *x) { return gp_dot_f32(n, w, x); }
static float dot_f16(int64_t n, const void *w, const void *x) { return gp_dot_f16(n, w, x); }
static float dot_bf16(int64_t n, const void *w, const void *x) { return gp_dot_bf16(n, w, x); }
static float dot_f32_tiled(int64_t n, const void *w, const void *x) { return gp_dot_f32_tiled(n, w, x); }
static float dot_f16_tiled(int64_t n, const void *w, const void *x) { return gp_dot_f16_tiled(n, w, x); }
static float dot_bf16_tiled(int64_t n, const void *w, const void *x) { return gp_dot_bf16_tiled(n, w, x); }

#define NO_ALT NULL, 0, 0, NULL, NULL, NULL, NULL
#define TINYBLAS(dot) dot, 2, 0, NULL, NULL, NULL, NULL
static const gp_type_traits traits[] = {
    { F32, "F32", 1, 4, f32_to_float, f32_from_float, F32, dot_f32, TINYBLAS(dot_f32_tiled), NULL },
    { F16, "F16", 1, 2, f16_to_float, f16_from_float, F16, dot_f16, TINYBLAS(dot_f16_tiled), NULL },
    { BF16, "BF16", 1, 2, bf16_to_float, bf16_from_float, BF16, dot_bf16, TINYBLAS(dot_bf16_tiled), NULL },
    { Q4_0, "Q4_0", 32, sizeof(gp_block_q4_0), gp_dequantize_q4_0, NULL, Q8_0, gp_dot_q4_0_q8_0, NO_ALT, NULL },
    { Q4_1, "Q4_1", 32, sizeof(gp_block_q4_1), gp_dequantize_q4_1, NULL, Q8_1, gp_dot_q4_1_q8_1, NO_ALT, &gp_packing_q4_1 },
    { Q5_0, "Q5_0", 32, sizeof(gp_block_q5_0), gp_dequantize_q5_0, NULL, Q8_0, gp_dot_q5_0_q8_0, NO_ALT, &gp_packing_q5_0 },
    { Q5_1, "Q5_1", 32, sizeof(gp_block_q5_1), gp_dequantize_q5_1, NULL, Q8_1, gp_dot_q5_1_q8_1, NO_ALT, NULL },
    { Q8_0, "Q8_0", 32, sizeof(gp_block_q8_0), gp_dequantize_q8_0, gp_quantize_q8_0, Q8_0, gp_dot_q8_0_q8_0, NO_ALT, &gp_packing_q8_0 },
    { Q4_K, "Q4_K", GP_QK_K, sizeof(gp_block_q4_K), gp_dequantize_q4_K, NULL, Q8_K, gp_dot_q4_K_q8_K, gp_dot_q4_K_q8_K_tiled, 8,
      8, gp_dot_q4_K_q8_K_gemv, gp_dot_q4_K_q8_K_gemm, gp_rows_q4_K_tiled, gp_rows_q4_K_repacked, NULL },
    { Q5_K, "Q5_K", GP_QK_K, sizeof(gp_block_q5_K), gp_dequantize_q5_K, NULL, Q8_K, gp_dot_q5_K_q8_K, gp_dot_q5_K_q8_K_tiled, 8,
      0, NULL, NULL, gp_rows_q5_K_tiled, NULL, NULL },
    { Q6_K, "Q6_K", GP_QK_K, sizeof(gp_block_q6_K), gp_dequantize_q6_K, NULL, Q8_K, gp_dot_q6_K_q8_K, gp_dot_q6_K_q8_K_tiled, 8,
      0, NULL, NULL, gp_rows_q6_K_tiled, NULL, NULL },
    // Activations only: the rows Q4_1/Q5_1 and K-quant weights multiply against.
    { Q8_1, "Q8_1", 32, sizeof(gp_block_q8_1), NULL, gp_quantize_q8_1, Q8_1, NULL, NO_ALT, NULL },
    { Q8_K, "Q8_K", GP_QK_K, sizeof(gp_block_q8_K), NULL, gp_quantize_q8_K, Q8_K, NULL, NO_ALT, NULL },
};

const gp_type_traits *gp_type_traits_of(int type) {
    for (size_t i = 0; i < sizeof traits / sizeof traits[0]; i++)
        if (traits[i].type == type) return &traits[i];
    return NULL;
}

size_t gp_activation_row_bytes(const gp_type_traits *t, int64_t n) {
    const gp_type_traits *a = gp_type_traits_of(t->vec_dot_type);
    return (size_t)(n / a->block_size) * a->block_bytes;
}

void gp_prepare_activations(const gp_type_traits *t, const float *x, int64_t n, int64_t ntok, void *out) {
    const gp_type_traits *a = gp_type_traits_of(t->vec_dot_type);
    const size_t stride = (size_t)(n / a->block_size) * a->block_bytes;
    for (int64_t r = 0; r < ntok; r++) a->from_float(x + r * n, (char *)out + r * stride, n);
}

gp_row_dots gp_row_dots_for(const gp_type_traits *t, int64_t rows, int64_t columns) {
    if (t->repack_rows > 0 && rows % t->repack_rows == 0)
        return (gp_row_dots){ t->vec_dot_gemv, t->vec_dot_gemm, NULL, 0, t->rows_repacked, NULL };
    // tinyBLAS takes float matrices whose rows tile by 4 and whose columns by 8 lanes.
    const int tiles = t->block_size > 1 || (rows % 4 == 0 && columns % 8 == 0);
    return (gp_row_dots){ t->vec_dot, NULL, tiles ? t->vec_dot_tiled : NULL, t->tiled_batch, NULL, t->rows_tiled };
}

void gp_matmul(const gp_row_dots *dots, const void *w, size_t wstride, int64_t n,
               const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first,
               float *out, int64_t ldo, int64_t r0, int64_t r1) {
    const int tiled = dots->tiled && batch >= dots->tiled_batch;
    const gp_rows_fn rows = dots->rows_any ? dots->rows_any : tiled ? dots->rows_tiled : NULL;
    if (rows && ntok > 1) {
        for (int64_t r = r0; r < r1; r++) rows(n, (const char *)w + r * wstride, x, xstride, ntok, batch, first, out + r, ldo);
        return;
    }
    const int64_t grouped = dots->grouped ? batch - batch % 4 : 0;
    const gp_vec_dot_fn rest = tiled ? dots->tiled : dots->single;
    for (int64_t r = r0; r < r1; r++) {
        const char *row = (const char *)w + r * wstride;
        for (int64_t k = 0; k < ntok; k++)
            out[k * ldo + r] = (first + k < grouped ? dots->grouped : rest)(n, row, (const char *)x + k * xstride);
    }
}
