// K-quant dot products in the arithmetics of llama.cpp's other CPU kernels, which take each
// super-block's exact integer sums and scale them in one float step:
// - its tiled K-quant matmul (batches of 8 or more rows): r = d·S (− dmin·M, fused), then
//   acc = fma(r, d_x, acc);
// - its repacked Q4_K gemv (one row): acc = fma(S, d·d_x, acc), mins likewise, result acc − mins;
//   and gemm (rows in fours): the same per pair of sub-blocks.
// S = Σ scale·(q·y) and M = Σ min·bsum are exact integers, so the AVX2 and portable paths agree.
#include "internal.h"

/// Integer sums of one Q4_K/Q5_K super-block, per pair of sub-blocks: sums[p] = Σ scale·(q·y)
/// and mins[p] = Σ min·bsum over sub-blocks 2p and 2p+1.
static void k4_pair_sums(const gp_block_q5_K *x, const uint8_t *qs, int five_bits, const gp_block_q8_K *y,
                         int sums[4], int mins[4]) {
#if GP_X86
    if (gp_use_avx2) {
        gp_k4_pair_sums_avx(x, qs, five_bits, y, sums, mins);
        return;
    }
#endif
    for (int p = 0; p < 4; p++) {
        sums[p] = mins[p] = 0;
        for (int j = 2 * p; j < 2 * p + 2; j++) {
            int sc, mn, dot = 0;
            gp_k4_scale_min(j, x->scales, &sc, &mn);
            for (int e = 0; e < 32; e++) {
                const int q = gp_k4_nibble(qs, j, e) | (five_bits ? ((x->qh[e] >> j) & 1) << 4 : 0);
                dot += q * y->qs[32 * j + e];
            }
            sums[p] += sc * dot;
            mins[p] += mn * gp_q8_K_pair_sum(y, j);
        }
    }
}

#if GP_X86
GP_AVX2 static inline int hsum_i32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 1));
    return _mm_cvtsi128_si32(s);
}

GP_AVX2 void gp_k4_pair_sums_avx(const gp_block_q5_K *x, const uint8_t *qs, int five_bits, const gp_block_q8_K *y,
                                 int sums[4], int mins[4]) {
    const __m256i m4 = _mm256_set1_epi8(0xF), one = _mm256_set1_epi8(1);
    const __m256i hbits = five_bits ? _mm256_loadu_si256((const __m256i *)x->qh) : _mm256_setzero_si256();
    for (int p = 0; p < 4; p++) {
        int sc0, m0, sc1, m1;
        gp_k4_scale_min(2 * p, x->scales, &sc0, &m0);
        gp_k4_scale_min(2 * p + 1, x->scales, &sc1, &m1);
        mins[p] = m0 * gp_q8_K_pair_sum(y, 2 * p) + m1 * gp_q8_K_pair_sum(y, 2 * p + 1);
        const __m256i bits = _mm256_loadu_si256((const __m256i *)(qs + 32 * p));
        const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * p), one), 4);
        const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * p + 1), one), 4);
        const __m256i p0 = _mm256_maddubs_epi16(_mm256_add_epi8(_mm256_and_si256(bits, m4), h0),
                                                _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p)));
        const __m256i p1 = _mm256_maddubs_epi16(_mm256_add_epi8(_mm256_and_si256(_mm256_srli_epi16(bits, 4), m4), h1),
                                                _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p + 32)));
        sums[p] = hsum_i32(_mm256_add_epi32(_mm256_madd_epi16(p0, _mm256_set1_epi16((short)sc0)),
                                            _mm256_madd_epi16(p1, _mm256_set1_epi16((short)sc1))));
    }
}
#endif

enum { GEMV, GEMM, TILED };

/// Q4_K (qh unused) and Q5_K share the integer sums; `mode` picks llama.cpp's float steps.
/// (Cloned for x86-64-v3 so that the fused multiply-adds are instructions, not libm calls.)
GP_CLONES static float dot_k4_sums(int64_t n, const void *vx, const void *vy, size_t block_bytes, int five_bits, int mode) {
    const gp_block_q8_K *y = vy;
    float acc = 0, acc_mins = 0;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const gp_block_q5_K *x = (const gp_block_q5_K *)((const char *)vx + b * block_bytes);
        const uint8_t *qs = five_bits ? x->qs : ((const gp_block_q4_K *)x)->qs;
        int sums[4], mins[4];
        k4_pair_sums(x, qs, five_bits, &y[b], sums, mins);
        const float d = gp_h2f(x->d), dmin = gp_h2f(x->dmin);
        const int s = sums[0] + sums[1] + sums[2] + sums[3], m = mins[0] + mins[1] + mins[2] + mins[3];
        if (mode == TILED) {
            acc = __builtin_fmaf(__builtin_fmaf(-dmin, (float)m, d * (float)s), y[b].d, acc);
        } else if (mode == GEMV) {
            acc = __builtin_fmaf((float)s, d * y[b].d, acc);
            acc_mins = __builtin_fmaf((float)m, dmin * y[b].d, acc_mins);
        } else {
            for (int p = 0; p < 4; p++) {
                acc = __builtin_fmaf((float)sums[p], d * y[b].d, acc);
                acc_mins = __builtin_fmaf((float)mins[p], dmin * y[b].d, acc_mins);
            }
        }
    }
    return acc - acc_mins;
}

float gp_dot_q4_K_q8_K_tiled(int64_t n, const void *w, const void *x) { return dot_k4_sums(n, w, x, sizeof(gp_block_q4_K), 0, TILED); }
float gp_dot_q4_K_q8_K_gemv(int64_t n, const void *w, const void *x) { return dot_k4_sums(n, w, x, sizeof(gp_block_q4_K), 0, GEMV); }
float gp_dot_q4_K_q8_K_gemm(int64_t n, const void *w, const void *x) { return dot_k4_sums(n, w, x, sizeof(gp_block_q4_K), 0, GEMM); }
float gp_dot_q5_K_q8_K_tiled(int64_t n, const void *w, const void *x) { return dot_k4_sums(n, w, x, sizeof(gp_block_q5_K), 1, TILED); }

GP_CLONES float gp_dot_q6_K_q8_K_tiled(int64_t n, const void *vw, const void *vx) {
    const gp_block_q6_K *x = vw;
    const gp_block_q8_K *y = vx;
    float acc = 0;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        // The exact S (the vec_dot's lanes summed), scaled by d, then d_x.
        acc = __builtin_fmaf(gp_h2f(x[b].d) * (float)gp_q6_K_block_sum(&x[b], &y[b]), y[b].d, acc);
    }
    return acc;
}
