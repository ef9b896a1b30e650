// Flash attention over the half-precision KV cache, with ggml's CPU arithmetic.
#include "internal.h"
#include <math.h>

void gp_attend_f16(int64_t d, const float *q, const gp_half *k, const gp_half *v, int64_t stride,
                   int64_t first, int64_t nkv, float scale, float *out, gp_half *scratch) {
    gp_half *qh = scratch, *acc = scratch + d;
    gp_f32_to_f16(q, qh, d);
    memset(acc, 0, (size_t)d * sizeof(gp_half));
    float m = -INFINITY, s = 0.0f;
    for (int64_t i = first; i < nkv; i++) {
        const float score = gp_dot_f16(d, k + i * stride, qh) * scale + 0.0f; // + mask 0
        float ms = 1.0f, vs = 1.0f;
        if (score > m) {
            const float old = m;
            m = score;
            ms = expf(old - m);
            gp_scale_f16(d, acc, ms);
        } else {
            vs = expf(score - m);
        }
        gp_mad_f16(d, acc, v + i * stride, vs);
        s = __builtin_fmaf(s, ms, vs); // ggml's build contracts S*ms + vs
    }
    const float inv = s == 0.0f ? 0.0f : 1.0f / s;
    for (int64_t j = 0; j < d; j++) out[j] = gp_h2f(acc[j]) * inv;
}

enum { TILE = 64 };

size_t gp_attend_tiled_scratch(int64_t d, int64_t nq) {
    // Q tile, K tile (transposed), V tile, scores, accumulators, M and S per row.
    return (size_t)(nq * d + d * TILE + TILE * d + nq * TILE + nq * d + 2 * nq);
}

/// The body, compiled twice (AVX2+FMA and baseline) through target_clones: every value is a
/// sequential fmaf chain, so both clones give the same bits.
GP_CLONES
static void tiled_body(int64_t d, const float *q, int64_t qstride, int64_t nq, int64_t first_pos, int64_t window,
                       const gp_half *k, const gp_half *v, int64_t stride, float scale,
                       float *out, int64_t ostride, float *scratch) {
    float *qt = scratch, *kt = qt + nq * d, *vt = kt + d * TILE, *kq = vt + TILE * d;
    float *acc = kq + nq * TILE, *mrow = acc + nq * d, *srow = mrow + nq;
    for (int64_t i = 0; i < nq; i++) {
        memcpy(qt + i * d, q + i * qstride, (size_t)d * sizeof(float));
        mrow[i] = -INFINITY;
        srow[i] = 0.0f;
    }
    memset(acc, 0, (size_t)(nq * d) * sizeof(float));
    memset(vt, 0, (size_t)(TILE * d) * sizeof(float));
    const int64_t nkv = first_pos + nq; // the last query sees every position up to its own
    // The first query's window starts lowest: tiles wholly below it are masked for every row.
    const int64_t lowest = window > 0 && first_pos - window + 1 > 0 ? first_pos - window + 1 : 0;
    for (int64_t t0 = lowest / TILE * TILE; t0 < nkv; t0 += TILE) {
        const int64_t n = nkv - t0 < TILE ? nkv - t0 : TILE;
        for (int64_t j = 0; j < n; j++)
            for (int64_t c = 0; c < d; c++) kt[c * TILE + j] = gp_h2f(k[(t0 + j) * stride + c]);
        for (int64_t j = 0; j < n; j++) gp_f16_to_f32(v + (t0 + j) * stride, vt + j * d, d);
        for (int64_t i = 0; i < nq; i++) {
            float *row = kq + i * TILE;
            for (int64_t j = 0; j < TILE; j++) row[j] = 0.0f;
            for (int64_t c = 0; c < d; c++) {
                const float qc = qt[i * d + c];
                for (int64_t j = 0; j < TILE; j++) row[j] = __builtin_fmaf(kt[c * TILE + j], qc, row[j]);
            }
            // The mask inside this tile: causal, and above the window's lower end.
            const int64_t visible = first_pos + i - t0 + 1;
            const int64_t hidden = window > 0 ? first_pos + i - window + 1 - t0 : 0;
            float tile_max = -INFINITY;
            for (int64_t j = 0; j < TILE; j++) {
                row[j] = (j < n && j < visible && j >= hidden) ? row[j] * scale + 0.0f : -INFINITY;
                tile_max = row[j] > tile_max ? row[j] : tile_max;
            }
            if (tile_max == -INFINITY) {
                for (int64_t j = 0; j < TILE; j++) row[j] = 0.0f;
                continue;
            }
            const float m_old = mrow[i], m_new = fmaxf(m_old, tile_max);
            if (m_new > m_old) {
                const float ms = expf(m_old - m_new);
                for (int64_t c = 0; c < d; c++) acc[i * d + c] *= ms;
                srow[i] *= ms;
            }
            mrow[i] = m_new;
            srow[i] = (float)((double)srow[i] + gp_softmax_exp(TILE, row, row, m_new));
        }
        for (int64_t i = 0; i < nq; i++)
            for (int64_t j = 0; j < TILE; j++) {
                const float p = kq[i * TILE + j];
                for (int64_t c = 0; c < d; c++) acc[i * d + c] = __builtin_fmaf(p, vt[j * d + c], acc[i * d + c]);
            }
    }
    for (int64_t i = 0; i < nq; i++) {
        const float inv = srow[i] == 0.0f ? 0.0f : 1.0f / srow[i];
        for (int64_t c = 0; c < d; c++) out[i * ostride + c] = acc[i * d + c] * inv;
    }
}

void gp_attend_tiled(int64_t d, const float *q, int64_t qstride, int64_t nq, int64_t first_pos, int64_t window,
                     const gp_half *k, const gp_half *v, int64_t stride, float scale,
                     float *out, int64_t ostride, float *scratch) {
    tiled_body(d, q, qstride, nq, first_pos, window, k, v, stride, scale, out, ostride, scratch);
}
