// One K-quant weight row against many activation rows (prompt processing): each super-block's
// scales are decoded and its values widened to bytes once, then dotted with every activation
// row. Same integer sums and float steps as kquant_sums.c, so the same bits; only the work
// that does not depend on the activation row is shared.
#include "internal.h"

enum { MAX_TOKENS = 512 };

/// Where the float steps come from: llama.cpp's repacked Q4_K gemv/gemm, or its tiled matmul.
typedef enum { REPACKED, TILED } rows_mode;

#if GP_X86
GP_AVX2 static inline int hsum_i32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    return _mm_cvtsi128_si32(_mm_add_epi32(s, _mm_shuffle_epi32(s, 1)));
}

/// Q4_K (five_bits 0) and Q5_K rows. Token k is row first + k of llama.cpp's batch of `batch`.
GP_AVX2 static void k4_rows_avx(int64_t n, const void *vw, size_t block_bytes, int five_bits, rows_mode mode,
                                const void *vx, size_t xstride, int64_t ntok, int64_t batch, int64_t first,
                                float *out, int64_t ldo) {
    const __m256i m4 = _mm256_set1_epi8(0xF), one = _mm256_set1_epi8(1);
    float acc[MAX_TOKENS], acc_mins[MAX_TOKENS];
    for (int64_t k = 0; k < ntok; k++) acc[k] = acc_mins[k] = 0;
    const int64_t grouped = batch - batch % 4;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const gp_block_q5_K *x = (const gp_block_q5_K *)((const char *)vw + b * block_bytes);
        const uint8_t *qs = five_bits ? x->qs : ((const gp_block_q4_K *)x)->qs;
        const __m256i hbits = five_bits ? _mm256_loadu_si256((const __m256i *)x->qh) : _mm256_setzero_si256();
        __m256i q[8], sc[8];
        int mn[8];
        for (int j = 0; j < 8; j++) {
            int s;
            gp_k4_scale_min(j, x->scales, &s, &mn[j]);
            sc[j] = _mm256_set1_epi16((short)s);
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(qs + 32 * (j / 2)));
            const __m256i low = _mm256_and_si256(j % 2 ? _mm256_srli_epi16(bits, 4) : bits, m4);
            q[j] = _mm256_add_epi8(low, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, j), one), 4));
        }
        const float d = _cvtsh_ss(x->d), dmin = _cvtsh_ss(x->dmin);
        for (int64_t k = 0; k < ntok; k++) {
            const gp_block_q8_K *y = (const gp_block_q8_K *)((const char *)vx + k * xstride) + b;
            int sums[4], mins[4];
            for (int p = 0; p < 4; p++) {
                const __m256i p0 = _mm256_maddubs_epi16(q[2 * p], _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p)));
                const __m256i p1 = _mm256_maddubs_epi16(q[2 * p + 1], _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p + 32)));
                sums[p] = hsum_i32(_mm256_add_epi32(_mm256_madd_epi16(p0, sc[2 * p]), _mm256_madd_epi16(p1, sc[2 * p + 1])));
                mins[p] = mn[2 * p] * gp_q8_K_pair_sum(y, 2 * p) + mn[2 * p + 1] * gp_q8_K_pair_sum(y, 2 * p + 1);
            }
            const int s = sums[0] + sums[1] + sums[2] + sums[3], m = mins[0] + mins[1] + mins[2] + mins[3];
            if (mode == TILED) {
                acc[k] = __builtin_fmaf(__builtin_fmaf(-dmin, (float)m, d * (float)s), y->d, acc[k]);
            } else if (first + k < grouped) {  // the gemm: one step per pair of sub-blocks
                for (int p = 0; p < 4; p++) {
                    acc[k] = __builtin_fmaf((float)sums[p], d * y->d, acc[k]);
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

/// Q6_K rows in the tiled matmul's arithmetic: fma(d·S, d_x, acc) per super-block.
GP_AVX2 static void q6_K_rows_avx(int64_t n, const void *vw, const void *vx, size_t xstride, int64_t ntok,
                                  float *out, int64_t ldo) {
    const __m256i m3 = _mm256_set1_epi8(3), m15 = _mm256_set1_epi8(15);
    float acc[MAX_TOKENS];
    for (int64_t k = 0; k < ntok; k++) acc[k] = 0;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const gp_block_q6_K *x = (const gp_block_q6_K *)vw + b;
        __m256i q[8], sc[8];
        for (int half = 0; half < 2; half++) {
            const uint8_t *ql = x->ql + 64 * half, *qh = x->qh + 32 * half;
            const int8_t *s = x->scales + 8 * half;
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)ql), l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            const __m256i h = _mm256_loadu_si256((const __m256i *)qh);
            q[4 * half] = _mm256_or_si256(_mm256_and_si256(l0, m15), _mm256_slli_epi16(_mm256_and_si256(h, m3), 4));
            q[4 * half + 1] = _mm256_or_si256(_mm256_and_si256(l1, m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m3), 4));
            q[4 * half + 2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m3), 4));
            q[4 * half + 3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m3), 4));
            for (int k = 0; k < 4; k++) sc[4 * half + k] = _mm256_setr_m128i(_mm_set1_epi16(s[2 * k]), _mm_set1_epi16(s[2 * k + 1]));
        }
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)x->scales));
        const float d = _cvtsh_ss(x->d);
        for (int64_t t = 0; t < ntok; t++) {
            const gp_block_q8_K *y = (const gp_block_q8_K *)((const char *)vx + t * xstride) + b;
            __m256i sumi = _mm256_slli_epi32(_mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)y->bsums), scales16), 5);
            sumi = _mm256_sub_epi32(_mm256_setzero_si256(), sumi);  // the −32 offset
            for (int g = 0; g < 8; g++) {
                const __m256i p = _mm256_maddubs_epi16(q[g], _mm256_loadu_si256((const __m256i *)(y->qs + 32 * g)));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(sc[g], p));
            }
            acc[t] = __builtin_fmaf(d * (float)hsum_i32(sumi), y->d, acc[t]);
        }
    }
    for (int64_t t = 0; t < ntok; t++) out[t * ldo] = acc[t];
}
#endif

/// The portable path: the one-row dots, token by token.
static void rows_portable(gp_vec_dot_fn grouped_dot, gp_vec_dot_fn dot, int64_t n, const void *w, const void *x, size_t xstride,
                          int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo) {
    const int64_t grouped = grouped_dot ? batch - batch % 4 : 0;
    for (int64_t k = 0; k < ntok; k++) out[k * ldo] = (first + k < grouped ? grouped_dot : dot)(n, w, (const char *)x + k * xstride);
}

typedef enum { Q4_K_REPACKED, Q4_K_TILED, Q5_K_TILED, Q6_K_TILED } rows_kind;

static void rows(rows_kind kind, int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch,
                 int64_t first, float *out, int64_t ldo) {
#if GP_X86
    if (gp_use_avx2 && ntok <= MAX_TOKENS) {
        if (kind == Q6_K_TILED) q6_K_rows_avx(n, w, x, xstride, ntok, out, ldo);
        else k4_rows_avx(n, w, kind == Q5_K_TILED ? sizeof(gp_block_q5_K) : sizeof(gp_block_q4_K), kind == Q5_K_TILED,
                         kind == Q4_K_REPACKED ? REPACKED : TILED, x, xstride, ntok, batch, first, out, ldo);
        return;
    }
#endif
    static const gp_vec_dot_fn grouped[] = { gp_dot_q4_K_q8_K_gemm, NULL, NULL, NULL };
    static const gp_vec_dot_fn single[] = { gp_dot_q4_K_q8_K_gemv, gp_dot_q4_K_q8_K_tiled, gp_dot_q5_K_q8_K_tiled, gp_dot_q6_K_q8_K_tiled };
    rows_portable(grouped[kind], single[kind], n, w, x, xstride, ntok, batch, first, out, ldo);
}

#define ROWS_ARGS int64_t n, const void *w, const void *x, size_t xstride, int64_t ntok, int64_t batch, int64_t first, float *out, int64_t ldo
void gp_rows_q4_K_repacked(ROWS_ARGS) { rows(Q4_K_REPACKED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q4_K_tiled(ROWS_ARGS) { rows(Q4_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q5_K_tiled(ROWS_ARGS) { rows(Q5_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }
void gp_rows_q6_K_tiled(ROWS_ARGS) { rows(Q6_K_TILED, n, w, x, xstride, ntok, batch, first, out, ldo); }
