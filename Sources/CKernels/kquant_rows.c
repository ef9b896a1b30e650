// K-quant dot products in the arithmetics of llama.cpp's other CPU kernels, which take each
// super-block's exact integer sums and scale them in one float step:
// - its tiled K-quant matmul (batches of 8 or more rows): r = d·S (− dmin·M, fused), then
//   acc = fma(r, d_x, acc);
// - its repacked Q4_K gemv (one row): acc = fma(S, d·d_x, acc), mins likewise, result acc − mins;
//   and gemm (rows in fours): the same per pair of sub-blocks.
// S = Σ scale·(q·y) and M = Σ min·bsum are exact integers, so the AVX2 and portable paths agree.
// One weight row is taken against many activation rows at once (prompt processing): each
// super-block is decoded once, then dotted with every activation row; a single dot is one row.
#include "internal.h"

enum { MAX_TOKENS = 512 };

/// A decoded super-block: values widened to bytes (Q4_K/Q5_K: 0..31; Q6_K: 0..63, offset 32
/// still in), with its scales and (Q4_K/Q5_K) mins.
typedef struct {
    _Alignas(32) uint8_t q[GP_QK_K];
    int16_t scales[16];
    int mins[8];
} decoded;

static void decode_k4(const gp_block_q5_K *x, const uint8_t *qs, int five_bits, decoded *out) {
    for (int j = 0; j < 8; j++) {
        int scale;
        gp_k4_scale_min(j, x->scales, &scale, &out->mins[j]);
        out->scales[j] = (int16_t)scale;
    }
#if GP_X86
    if (gp_use_avx2) { gp_k4_widen_avx(qs, five_bits ? x->qh : NULL, out->q); return; }
#endif
    for (int j = 0; j < 8; j++)
        for (int e = 0; e < 32; e++)
            out->q[32 * j + e] = (uint8_t)(gp_k4_nibble(qs, j, e) | (five_bits ? ((x->qh[e] >> j) & 1) << 4 : 0));
}

static void decode_q6(const gp_block_q6_K *x, decoded *out) {
    for (int s = 0; s < 16; s++) out->scales[s] = x->scales[s];
#if GP_X86
    if (gp_use_avx2) { gp_q6_K_widen_avx(x, out->q); return; }
#endif
    for (int e = 0; e < GP_QK_K; e++) out->q[e] = (uint8_t)(gp_q6_K_value(x, e) + 32);
}

/// Q4_K/Q5_K against `ntok` activation blocks `ystride` bytes apart: sums[k][p] = Σ scale·(q·y)
/// over sub-blocks 2p and 2p+1.
static void k4_pair_sums(const decoded *b, const gp_block_q8_K *y, size_t ystride, int64_t ntok, int (*sums)[4]) {
#if GP_X86
    if (gp_use_avx2) { gp_k4_pair_sums_avx(b->q, b->scales, y, ystride, ntok, sums); return; }
#endif
    for (int64_t k = 0; k < ntok; k++, y = (const gp_block_q8_K *)((const char *)y + ystride))
        for (int p = 0; p < 4; p++) {
            sums[k][p] = 0;
            for (int j = 2 * p; j < 2 * p + 2; j++) {
                int dot = 0;
                for (int e = 0; e < 32; e++) dot += b->q[32 * j + e] * y->qs[32 * j + e];
                sums[k][p] += b->scales[j] * dot;
            }
        }
}

/// Q6_K: sums[k] = Σ scale·(q − 32)·y over the super-block.
static void q6_sums(const decoded *b, const gp_block_q8_K *y, size_t ystride, int64_t ntok, int *sums) {
#if GP_X86
    if (gp_use_avx2) { gp_q6_K_sums_avx(b->q, b->scales, y, ystride, ntok, sums); return; }
#endif
    for (int64_t k = 0; k < ntok; k++, y = (const gp_block_q8_K *)((const char *)y + ystride)) {
        sums[k] = 0;
        for (int e = 0; e < GP_QK_K; e++) sums[k] += b->scales[e / 16] * (b->q[e] - 32) * y->qs[e];
    }
}

typedef enum { Q4_K_REPACKED, Q4_K_TILED, Q5_K_TILED, Q6_K_TILED } rows_kind;

/// Token k is row first + k of llama.cpp's batch of `batch` (that picks gemm or gemv).
/// (Cloned for x86-64-v3 so that the fused multiply-adds are instructions, not libm calls.)
GP_CLONES static void rows_chunk(rows_kind kind, int64_t n, const void *vw, const void *vx, size_t xstride, int64_t ntok,
                                 int64_t batch, int64_t first, float *out, int64_t ldo) {
    const int five_bits = kind == Q5_K_TILED;
    const size_t block_bytes = kind == Q6_K_TILED ? sizeof(gp_block_q6_K) : five_bits ? sizeof(gp_block_q5_K) : sizeof(gp_block_q4_K);
    const int64_t grouped = batch - batch % 4;
    float acc[MAX_TOKENS], acc_mins[MAX_TOKENS];
    for (int64_t k = 0; k < ntok; k++) acc[k] = acc_mins[k] = 0;
    decoded block;
    int sums[MAX_TOKENS][4], totals[MAX_TOKENS];
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const void *xb = (const char *)vw + b * block_bytes;
        const gp_block_q8_K *y0 = (const gp_block_q8_K *)vx + b;
        if (kind == Q6_K_TILED) {
            decode_q6(xb, &block);
            q6_sums(&block, y0, xstride, ntok, totals);
            const float d = gp_h2f(((const gp_block_q6_K *)xb)->d);
            for (int64_t k = 0; k < ntok; k++)
                acc[k] = __builtin_fmaf(d * (float)totals[k], ((const gp_block_q8_K *)((const char *)y0 + k * xstride))->d, acc[k]);
            continue;
        }
        const gp_block_q5_K *x = xb;
        decode_k4(x, five_bits ? x->qs : ((const gp_block_q4_K *)x)->qs, five_bits, &block);
        k4_pair_sums(&block, y0, xstride, ntok, sums);
        const float d = gp_h2f(x->d), dmin = gp_h2f(x->dmin);
        for (int64_t k = 0; k < ntok; k++) {
            const gp_block_q8_K *y = (const gp_block_q8_K *)((const char *)y0 + k * xstride);
            int mins[4];
            for (int p = 0; p < 4; p++)
                mins[p] = block.mins[2 * p] * gp_q8_K_pair_sum(y, 2 * p) + block.mins[2 * p + 1] * gp_q8_K_pair_sum(y, 2 * p + 1);
            const int s = sums[k][0] + sums[k][1] + sums[k][2] + sums[k][3], m = mins[0] + mins[1] + mins[2] + mins[3];
            if (kind != Q4_K_REPACKED) {
                acc[k] = __builtin_fmaf(__builtin_fmaf(-dmin, (float)m, d * (float)s), y->d, acc[k]);
            } else if (first + k < grouped) {  // the gemm: one step per pair of sub-blocks
                for (int p = 0; p < 4; p++) {
                    acc[k] = __builtin_fmaf((float)sums[k][p], d * y->d, acc[k]);
                    acc_mins[k] = __builtin_fmaf((float)mins[p], dmin * y->d, acc_mins[k]);
                }
            } else {                            // the gemv: one step per super-block
                acc[k] = __builtin_fmaf((float)s, d * y->d, acc[k]);
                acc_mins[k] = __builtin_fmaf((float)m, dmin * y->d, acc_mins[k]);
            }
        }
    }
    for (int64_t k = 0; k < ntok; k++) out[k * ldo] = acc[k] - acc_mins[k];
}

static void rows(rows_kind kind, int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch,
                 int64_t first, float *out, int64_t ldo) {
    for (int64_t k = 0; k < ntok; k += MAX_TOKENS) {
        const int64_t count = ntok - k < MAX_TOKENS ? ntok - k : MAX_TOKENS;
        rows_chunk(kind, n, w, (const char *)x + k * xstride, xstride, count, batch, first + k, out + k * ldo, ldo);
    }
}

#define ROWS_ARGS int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo
void gp_rows_q4_K_repacked(ROWS_ARGS) { rows(Q4_K_REPACKED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q4_K_tiled(ROWS_ARGS) { rows(Q4_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q5_K_tiled(ROWS_ARGS) { rows(Q5_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q6_K_tiled(ROWS_ARGS) { rows(Q6_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }

/// Single dots are one activation row; the gemm's is row 0 of a batch of four.
static float one(rows_kind kind, int64_t batch, int64_t n, const void *w, const void *x) {
    float out;
    rows(kind, n, w, x, 0, 1, batch, 0, &out, 1);
    return out;
}

float gp_dot_q4_K_q8_K_gemv(int64_t n, const void *w, const void *x) { return one(Q4_K_REPACKED, 1, n, w, x); }
float gp_dot_q4_K_q8_K_gemm(int64_t n, const void *w, const void *x) { return one(Q4_K_REPACKED, 4, n, w, x); }
float gp_dot_q4_K_q8_K_tiled(int64_t n, const void *w, const void *x) { return one(Q4_K_TILED, 8, n, w, x); }
float gp_dot_q5_K_q8_K_tiled(int64_t n, const void *w, const void *x) { return one(Q5_K_TILED, 8, n, w, x); }
float gp_dot_q6_K_q8_K_tiled(int64_t n, const void *w, const void *x) { return one(Q6_K_TILED, 8, n, w, x); }
