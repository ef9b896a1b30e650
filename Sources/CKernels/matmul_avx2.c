// AVX2 matrix multiplication for quantized weights: four weight rows at a time against each
// activation row. Every output keeps the exact arithmetic of the single-row dot products
// (8 integer lanes per block, one FMA per block into its own accumulator, the same final
// fold), so results equal gp_dot_* bit for bit; only memory traffic and latency change.
#include "internal.h"

#if GP_X86
enum { ROWS = 4 };

GP_AVX2 static inline __m256 lanes_us8(__m256i u, __m256i s) {
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1)));
}

GP_AVX2 static inline __m256i unpack_nibbles(const uint8_t *qs) {
    const __m128i t = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_insertf128_si256(_mm256_castsi128_si256(t), _mm_srli_epi16(t, 4), 1),
                            _mm256_set1_epi8(0x0f));
}

GP_AVX2 static inline float h2f(gp_half h) { return _cvtsh_ss(h); }

/// Q4_1 rows × one Q8_1 activation row (decoding): nibbles unpacked on the fly.
GP_AVX2 static void matvec_q4_1(const char *w, size_t wstride, int64_t n, const gp_block_q8_1 *xb,
                                float *out, int64_t r0, int64_t r1) {
    const int64_t nb = n / 32;
    int64_t r = r0;
    for (; r + ROWS <= r1; r += ROWS) {
        const gp_block_q4_1 *rows[ROWS];
        __m256 acc[ROWS];
        float mins[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = (const gp_block_q4_1 *)(w + (r + i) * wstride);
            acc[i] = _mm256_setzero_ps();
            mins[i] = 0;
        }
        for (int64_t b = 0; b < nb; b++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)xb[b].qs);
            const float dx = h2f(xb[b].d), sx = h2f(xb[b].s);
            for (int i = 0; i < ROWS; i++) {
                mins[i] = __builtin_fmaf(h2f(rows[i][b].m), sx, mins[i]);
                const __m256 d = _mm256_set1_ps(h2f(rows[i][b].d) * dx);
                acc[i] = _mm256_fmadd_ps(d, lanes_us8(unpack_nibbles(rows[i][b].qs), qx), acc[i]);
            }
        }
        for (int i = 0; i < ROWS; i++) out[r + i] = gp_hsum8_avx(acc[i]) + mins[i];
    }
    for (; r < r1; r++) out[r] = gp_dot_q4_1_q8_1(n, w + r * wstride, xb);
}

/// Q4_1 rows × Q8_1 activations. The rows' nibbles are unpacked once into `unpacked`
/// (ROWS × n bytes) and reused for every activation row.
GP_AVX2 static void matmul_q4_1(const char *w, size_t wstride, int64_t n, const char *x, size_t xstride,
                                int64_t ntok, float *out, int64_t ldo, int64_t r0, int64_t r1, uint8_t *unpacked) {
    const int64_t nb = n / 32;
    int64_t r = r0;
    for (; r + ROWS <= r1; r += ROWS) {
        const gp_block_q4_1 *rows[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = (const gp_block_q4_1 *)(w + (r + i) * wstride);
            for (int64_t b = 0; b < nb; b++)
                _mm256_storeu_si256((__m256i *)(unpacked + (i * nb + b) * 32), unpack_nibbles(rows[i][b].qs));
        }
        for (int64_t t = 0; t < ntok; t++) {
            const gp_block_q8_1 *xb = (const gp_block_q8_1 *)(x + t * xstride);
            __m256 acc[ROWS];
            float mins[ROWS];
            for (int i = 0; i < ROWS; i++) { acc[i] = _mm256_setzero_ps(); mins[i] = 0; }
            for (int64_t b = 0; b < nb; b++) {
                const __m256i qx = _mm256_loadu_si256((const __m256i *)xb[b].qs);
                const float dx = h2f(xb[b].d), sx = h2f(xb[b].s);
                for (int i = 0; i < ROWS; i++) {
                    mins[i] = __builtin_fmaf(h2f(rows[i][b].m), sx, mins[i]);
                    const __m256i qw = _mm256_loadu_si256((const __m256i *)(unpacked + (i * nb + b) * 32));
                    acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(h2f(rows[i][b].d) * dx), lanes_us8(qw, qx), acc[i]);
                }
            }
            for (int i = 0; i < ROWS; i++) out[t * ldo + r + i] = gp_hsum8_avx(acc[i]) + mins[i];
        }
    }
    for (; r < r1; r++)
        for (int64_t t = 0; t < ntok; t++) out[t * ldo + r] = gp_dot_q4_1_q8_1(n, w + r * wstride, x + t * xstride);
}

/// Q8_0 rows × Q8_0 activations (signed × signed through |w| and sign-transferred x).
GP_AVX2 static void matmul_q8_0(const char *w, size_t wstride, int64_t n, const char *x, size_t xstride,
                                int64_t ntok, float *out, int64_t ldo, int64_t r0, int64_t r1) {
    const int64_t nb = n / 32;
    int64_t r = r0;
    for (; r + ROWS <= r1; r += ROWS) {
        const gp_block_q8_0 *rows[ROWS];
        for (int i = 0; i < ROWS; i++) rows[i] = (const gp_block_q8_0 *)(w + (r + i) * wstride);
        for (int64_t t = 0; t < ntok; t++) {
            const gp_block_q8_0 *xb = (const gp_block_q8_0 *)(x + t * xstride);
            __m256 acc[ROWS];
            for (int i = 0; i < ROWS; i++) acc[i] = _mm256_setzero_ps();
            for (int64_t b = 0; b < nb; b++) {
                const __m256i qx = _mm256_loadu_si256((const __m256i *)xb[b].qs);
                const float dx = h2f(xb[b].d);
                for (int i = 0; i < ROWS; i++) {
                    const __m256i qw = _mm256_loadu_si256((const __m256i *)rows[i][b].qs);
                    const __m256 p = lanes_us8(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw));
                    acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(h2f(rows[i][b].d) * dx), p, acc[i]);
                }
            }
            for (int i = 0; i < ROWS; i++) out[t * ldo + r + i] = gp_hsum8_avx(acc[i]);
        }
    }
    for (; r < r1; r++)
        for (int64_t t = 0; t < ntok; t++) out[t * ldo + r] = gp_dot_q8_0_q8_0(n, w + r * wstride, x + t * xstride);
}

int gp_matmul_avx2(int wtype, const void *w, size_t wstride, int64_t n, const void *x, size_t xstride,
                   int64_t ntok, float *out, int64_t ldo, int64_t r0, int64_t r1) {
    switch (wtype) {
    case GP_Q4_1: {
        if (ntok == 1) {
            matvec_q4_1(w, wstride, n, x, out, r0, r1);
            return 1;
        }
        uint8_t unpacked[ROWS * 32 * 1024]; // rows up to 32768 values
        if (n > 32 * 1024) return 0;
        matmul_q4_1(w, wstride, n, x, xstride, ntok, out, ldo, r0, r1, unpacked);
        return 1;
    }
    case GP_Q8_0:
        matmul_q8_0(w, wstride, n, x, xstride, ntok, out, ldo, r0, r1);
        return 1;
    default:
        return 0;
    }
}
#endif
