// Weights repacked four rows at a time, so the decode loop reads one sequential stream and
// converts four block scales with one instruction (four accumulators fit the 16 registers;
// eight spill). Each output keeps the arithmetic of the row-by-row kernels exactly (same
// lanes, same per-block FMA, same fold).
//
// Q4_1 group block (80 bytes): d[4] halves | m[4] halves | pairs[2][32]. Byte j of pair p holds
// element j of row 2p in its low nibble and element j of row 2p+1 in its high one, so one load,
// one shift and two masks give two rows' 32 elements in order (GGUF's own order, low nibbles
// then high, would need a lane shuffle per row).
// Q8_0 group block (136 bytes): d[4] halves | qs[4][32] bytes; Q5_0 packs into it too.
#include "internal.h"

enum { GROUP = 4, Q41_BLOCK = 16 + GROUP * 16, Q80_BLOCK = 8 + GROUP * 32 };

static size_t packed_bytes(int64_t rows, int64_t n, size_t group_block) {
    if (rows % GROUP != 0 || n % 32 != 0) return 0;
    return (size_t)(rows / GROUP) * (size_t)(n / 32) * group_block;
}

static size_t q4_1_bytes(int64_t rows, int64_t n) { return packed_bytes(rows, n, Q41_BLOCK); }
static size_t q8_0_bytes(int64_t rows, int64_t n) { return packed_bytes(rows, n, Q80_BLOCK); }

static void pack_q4_1(const void *w, size_t wstride, int64_t rows, int64_t n, void *out) {
    char *dst = out;
    for (int64_t g = 0; g < rows / GROUP; g++)
        for (int64_t b = 0; b < n / 32; b++, dst += Q41_BLOCK) {
            gp_half *scales = (gp_half *)dst;
            const gp_block_q4_1 *src[GROUP];
            for (int r = 0; r < GROUP; r++) {
                src[r] = (const gp_block_q4_1 *)((const char *)w + (g * GROUP + r) * wstride) + b;
                scales[r] = src[r]->d;
                scales[GROUP + r] = src[r]->m;
            }
            for (int p = 0; p < GROUP / 2; p++) {
                // Elements j and j + 16 of a row are the low and high nibbles of its byte j.
                const uint8_t *even = src[2 * p]->qs, *odd = src[2 * p + 1]->qs;
                uint8_t *pair = (uint8_t *)dst + 4 * GROUP + p * 32;
                for (int j = 0; j < 16; j++) {
                    pair[j] = (uint8_t)((even[j] & 0x0f) | (odd[j] << 4));
                    pair[j + 16] = (uint8_t)((even[j] >> 4) | (odd[j] & 0xf0));
                }
            }
        }
}

/// Q5_0 packs into the Q8_0 layout, its values widened to bytes (q − 16): ggml's Q5_0 dot is
/// the Q8_0 one on those bytes (same lanes, same d·d_x, same fold), so the Q8_0 kernels give
/// its bits without unpacking five-bit values for every activation row.
static void pack_q5_0(const void *w, size_t wstride, int64_t rows, int64_t n, void *out) {
    char *dst = out;
    for (int64_t g = 0; g < rows / GROUP; g++)
        for (int64_t b = 0; b < n / 32; b++, dst += Q80_BLOCK) {
            gp_half *scales = (gp_half *)dst;
            for (int r = 0; r < GROUP; r++) {
                const gp_block_q5_0 *src = (const gp_block_q5_0 *)((const char *)w + (g * GROUP + r) * wstride) + b;
                uint32_t qh;
                memcpy(&qh, src->qh, 4);
                scales[r] = src->d;
                int8_t *q = (int8_t *)dst + 2 * GROUP + r * 32;
                for (int j = 0; j < 16; j++) {
                    q[j] = (int8_t)(((src->qs[j] & 0x0f) | ((qh >> j) & 1) << 4) - 16);
                    q[j + 16] = (int8_t)(((src->qs[j] >> 4) | ((qh >> (j + 16)) & 1) << 4) - 16);
                }
            }
        }
}

static void pack_q8_0(const void *w, size_t wstride, int64_t rows, int64_t n, void *out) {
    char *dst = out;
    for (int64_t g = 0; g < rows / GROUP; g++)
        for (int64_t b = 0; b < n / 32; b++, dst += Q80_BLOCK) {
            gp_half *scales = (gp_half *)dst;
            for (int r = 0; r < GROUP; r++) {
                const gp_block_q8_0 *src = (const gp_block_q8_0 *)((const char *)w + (g * GROUP + r) * wstride) + b;
                scales[r] = src->d;
                memcpy(dst + 2 * GROUP + r * 32, src->qs, 32);
            }
        }
}

#if GP_X86
/// Four halves (8 bytes) as floats.
GP_AVX2 static inline __m128 halves4(const char *p) { return _mm_cvtph_ps(_mm_loadl_epi64((const __m128i *)p)); }

/// Lane i of v in all eight lanes (i is a constant once the row loop is unrolled).
GP_AVX2 static inline __m256 lane(__m128 v, int i) {
    switch (i) {
    case 0: return _mm256_broadcastss_ps(v);
    case 1: return _mm256_broadcastss_ps(_mm_movehdup_ps(v));
    case 2: return _mm256_broadcastss_ps(_mm_movehl_ps(v, v));
    default: return _mm256_broadcastss_ps(_mm_shuffle_ps(v, v, 0xFF));
    }
}

/// The four rows' 32 elements of a Q4_1 group block, one row per register.
GP_AVX2 static inline void unpack_pairs(const char *blk, __m256i rows[GROUP]) {
    const __m256i mask = _mm256_set1_epi8(0x0f);
    for (int p = 0; p < GROUP / 2; p++) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(blk + 4 * GROUP + p * 32));
        rows[2 * p] = _mm256_and_si256(v, mask);
        rows[2 * p + 1] = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask);
    }
}

/// Groups [g0, g1) of a packed Q4_1 matrix against `ntok` Q8_1 activation rows. With several
/// activation rows (prompt processing) a group's nibbles are unpacked once and reused.
GP_AVX2 static void packed_q4_1_avx(const char *w, int64_t n, const char *x, size_t xstride, int64_t ntok,
                                float *out, int64_t ldo, int64_t g0, int64_t g1) {
    enum { MAX_BLOCKS = 256 };
    const int64_t nb = n / 32;
    uint8_t unpacked[GROUP * 32 * MAX_BLOCKS]; // 64 KiB: rows of up to 8192 values
    const int reuse = ntok > 1 && nb <= MAX_BLOCKS;
    for (int64_t g = g0; g < g1; g++) {
        const char *group = w + g * nb * Q41_BLOCK;
        if (reuse)
            for (int64_t b = 0; b < nb; b++) {
                __m256i rows[GROUP];
                unpack_pairs(group + b * Q41_BLOCK, rows);
                for (int r = 0; r < GROUP; r++) _mm256_storeu_si256((__m256i *)(unpacked + (b * GROUP + r) * 32), rows[r]);
            }
        for (int64_t t = 0; t < ntok; t++) {
            const gp_block_q8_1 *xb = (const gp_block_q8_1 *)(x + t * xstride);
            __m256 acc[GROUP];
            for (int r = 0; r < GROUP; r++) acc[r] = _mm256_setzero_ps();
            __m128 mins = _mm_setzero_ps();
            for (int64_t b = 0; b < nb; b++) {
                const char *blk = group + b * Q41_BLOCK;
                const __m256i qx = _mm256_loadu_si256((const __m256i *)xb[b].qs);
                const __m128 d = _mm_mul_ps(halves4(blk), _mm_set1_ps(_cvtsh_ss(xb[b].d)));
                mins = _mm_fmadd_ps(halves4(blk + 2 * GROUP), _mm_set1_ps(_cvtsh_ss(xb[b].s)), mins);
                __m256i qw[GROUP];
                if (reuse)
                    for (int r = 0; r < GROUP; r++) qw[r] = _mm256_loadu_si256((const __m256i *)(unpacked + (b * GROUP + r) * 32));
                else
                    unpack_pairs(blk, qw);
                for (int r = 0; r < GROUP; r++) acc[r] = _mm256_fmadd_ps(lane(d, r), gp_lanes_us8(qw[r], qx), acc[r]);
            }
            float m[GROUP];
            _mm_storeu_ps(m, mins);
            for (int r = 0; r < GROUP; r++) out[t * ldo + g * GROUP + r] = gp_hsum8_avx(acc[r]) + m[r];
        }
    }
}

/// Groups [g0, g1) of a packed Q8_0 matrix against `ntok` Q8_0 activation rows.
GP_AVX2 static void packed_q8_0_avx(const char *w, int64_t n, const char *x, size_t xstride, int64_t ntok,
                                float *out, int64_t ldo, int64_t g0, int64_t g1) {
    const int64_t nb = n / 32;
    for (int64_t g = g0; g < g1; g++) {
        const char *group = w + g * nb * Q80_BLOCK;
        for (int64_t t = 0; t < ntok; t++) {
            const gp_block_q8_0 *xb = (const gp_block_q8_0 *)(x + t * xstride);
            __m256 acc[GROUP];
            for (int r = 0; r < GROUP; r++) acc[r] = _mm256_setzero_ps();
            for (int64_t b = 0; b < nb; b++) {
                const char *blk = group + b * Q80_BLOCK;
                const __m256i qx = _mm256_loadu_si256((const __m256i *)xb[b].qs);
                const __m128 d = _mm_mul_ps(halves4(blk), _mm_set1_ps(_cvtsh_ss(xb[b].d)));
                for (int r = 0; r < GROUP; r++) {
                    const __m256i qw = _mm256_loadu_si256((const __m256i *)(blk + 2 * GROUP + r * 32));
                    acc[r] = _mm256_fmadd_ps(lane(d, r), gp_lanes_s8(qw, qx), acc[r]);
                }
            }
            for (int r = 0; r < GROUP; r++) out[t * ldo + g * GROUP + r] = gp_hsum8_avx(acc[r]);
        }
    }
}
#endif

/// The portable path reads the packed layout block by block with the row kernels' arithmetic.
static void packed_portable(int q4_1, const char *w, int64_t n, const char *x, size_t xstride, int64_t ntok,
                            float *out, int64_t ldo, int64_t g0, int64_t g1) {
    const int64_t nb = n / 32;
    const size_t group_block = q4_1 ? Q41_BLOCK : Q80_BLOCK;
    gp_block_q4_1 row41[1];
    gp_block_q8_0 row80[1];
    for (int64_t g = g0; g < g1; g++)
        for (int r = 0; r < GROUP; r++)
            for (int64_t t = 0; t < ntok; t++) {
                float acc[8] = {0}, mins = 0;
                for (int64_t b = 0; b < nb; b++) {
                    const char *blk = w + (g * nb + b) * group_block;
                    if (q4_1) {
                        memcpy(&row41->d, blk + 2 * r, 2);
                        memcpy(&row41->m, blk + 2 * GROUP + 2 * r, 2);
                        const uint8_t *pair = (const uint8_t *)blk + 4 * GROUP + (r / 2) * 32;
                        for (int j = 0; j < 16; j++)
                            row41->qs[j] = (uint8_t)(((pair[j] >> (4 * (r % 2))) & 0x0f) | (((pair[j + 16] >> (4 * (r % 2))) & 0x0f) << 4));
                        gp_q4_1_block_lanes(row41, (const gp_block_q8_1 *)(x + t * xstride) + b, acc, &mins);
                    } else {
                        memcpy(&row80->d, blk + 2 * r, 2);
                        memcpy(row80->qs, blk + 2 * GROUP + r * 32, 32);
                        gp_q8_0_block_lanes(row80, (const gp_block_q8_0 *)(x + t * xstride) + b, acc);
                    }
                }
                out[t * ldo + g * GROUP + r] = q4_1 ? gp_hsum8(acc) + mins : gp_hsum8(acc);
            }
}

static void portable_q4_1(const char *w, int64_t n, const char *x, size_t xstride, int64_t ntok,
                          float *out, int64_t ldo, int64_t g0, int64_t g1) {
    packed_portable(1, w, n, x, xstride, ntok, out, ldo, g0, g1);
}

static void portable_q8_0(const char *w, int64_t n, const char *x, size_t xstride, int64_t ntok,
                          float *out, int64_t ldo, int64_t g0, int64_t g1) {
    packed_portable(0, w, n, x, xstride, ntok, out, ldo, g0, g1);
}

static void matmul_q4_1(const void *w, int64_t n, const void *x, size_t xstride, int64_t ntok,
                        float *out, int64_t ldo, int64_t r0, int64_t r1) {
    GP_PICK(packed_q4_1_avx, portable_q4_1)(w, n, x, xstride, ntok, out, ldo, r0 / GROUP, r1 / GROUP);
}

static void matmul_q8_0(const void *w, int64_t n, const void *x, size_t xstride, int64_t ntok,
                        float *out, int64_t ldo, int64_t r0, int64_t r1) {
    GP_PICK(packed_q8_0_avx, portable_q8_0)(w, n, x, xstride, ntok, out, ldo, r0 / GROUP, r1 / GROUP);
}

const gp_packing gp_packing_q4_1 = { GROUP, q4_1_bytes, pack_q4_1, matmul_q4_1 };
const gp_packing gp_packing_q8_0 = { GROUP, q8_0_bytes, pack_q8_0, matmul_q8_0 };
const gp_packing gp_packing_q5_0 = { GROUP, q8_0_bytes, pack_q5_0, matmul_q8_0 };
