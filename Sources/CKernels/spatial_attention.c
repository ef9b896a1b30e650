// Single-head self-attention over the pixels of one feature map (the UNet's attention blocks).
// Every value is a sequential fmaf chain, so the AVX2 and baseline clones give the same bits.
#include "internal.h"
#include <math.h>

size_t gp_spatial_attention_scratch(int64_t n) { return (size_t)(2 * n * n); }

GP_CLONES
void gp_spatial_attention(int64_t channels, int64_t n, const float *q, const float *k, const float *v,
                          int64_t cstride, float scale, float *out, int64_t ostride, float *scratch) {
    float *s = scratch, *at = scratch + n * n;
    // s (n, n) = qᵀ (n, C) · k (C, n), one row of k at a time so the inner loop is contiguous.
    for (int64_t i = 0; i < n * n; i++) s[i] = 0.0f;
    for (int64_t c = 0; c < channels; c++) {
        const float *qc = q + c * cstride, *kc = k + c * cstride;
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++) s[i * n + j] = __builtin_fmaf(qc[i], kc[j], s[i * n + j]);
    }
    // Softmax over j of s·scale, stored transposed: at[j][i] = A[i][j].
    for (int64_t i = 0; i < n; i++) {
        float *row = s + i * n, max = -INFINITY;
        for (int64_t j = 0; j < n; j++) {
            row[j] *= scale;
            if (row[j] > max) max = row[j];
        }
        const float inv = (float)(1.0 / gp_softmax_exp(n, row, row, max));
        for (int64_t j = 0; j < n; j++) at[j * n + i] = row[j] * inv;
    }
    // out (C, n) = v (C, n) · aᵀ (n, n).
    for (int64_t c = 0; c < channels; c++) {
        const float *vc = v + c * cstride;
        float *oc = out + c * ostride;
        for (int64_t i = 0; i < n; i++) oc[i] = 0.0f;
        for (int64_t j = 0; j < n; j++)
            for (int64_t i = 0; i < n; i++) oc[i] = __builtin_fmaf(vc[j], at[j * n + i], oc[i]);
    }
}
