// Quantized dot products: integer products summed in 8 lanes of 4 neighbours, each block's
// lanes scaled by d_w*d_x and accumulated with FMA, then folded by gp_hsum8 (ggml's order).
#include "internal.h"

// --- portable: the same lanes and roundings in plain C ---

static inline int nibble(const uint8_t *qs, int j) { return j < 16 ? (qs[j] & 0x0f) : (qs[j - 16] >> 4); }

static inline void accumulate_lanes(float acc[8], float d, const int lanes[8]) {
    for (int l = 0; l < 8; l++) acc[l] = __builtin_fmaf(d, (float)lanes[l], acc[l]);
}

void gp_q4_0_block_lanes(const gp_block_q4_0 *w, const gp_block_q8_0 *x, float acc[8]) {
    int lanes[8] = {0};
    for (int j = 0; j < 32; j++) lanes[j / 4] += (nibble(w->qs, j) - 8) * x->qs[j];
    accumulate_lanes(acc, gp_h2f(w->d) * gp_h2f(x->d), lanes);
}

void gp_q4_1_block_lanes(const gp_block_q4_1 *w, const gp_block_q8_1 *x, float acc[8], float *mins) {
    *mins = __builtin_fmaf(gp_h2f(w->m), gp_h2f(x->s), *mins);
    int lanes[8] = {0};
    for (int j = 0; j < 32; j++) lanes[j / 4] += nibble(w->qs, j) * x->qs[j];
    accumulate_lanes(acc, gp_h2f(w->d) * gp_h2f(x->d), lanes);
}

void gp_q8_0_block_lanes(const gp_block_q8_0 *w, const gp_block_q8_0 *x, float acc[8]) {
    int lanes[8] = {0};
    for (int j = 0; j < 32; j++) lanes[j / 4] += w->qs[j] * x->qs[j];
    accumulate_lanes(acc, gp_h2f(w->d) * gp_h2f(x->d), lanes);
}

/// The 5-bit value of element j: its nibble and bit j of qh as the fifth bit.
static inline int five_bits(const uint8_t *qs, const uint8_t qh[4], int j) {
    uint32_t h;
    memcpy(&h, qh, 4);
    return nibble(qs, j) | (int)((h >> j) & 1) << 4;
}

static void q5_0_block_lanes(const gp_block_q5_0 *w, const gp_block_q8_0 *x, float acc[8]) {
    int lanes[8] = {0};
    for (int j = 0; j < 32; j++) lanes[j / 4] += (five_bits(w->qs, w->qh, j) - 16) * x->qs[j];
    accumulate_lanes(acc, gp_h2f(w->d) * gp_h2f(x->d), lanes);
}

static void q5_1_block_lanes(const gp_block_q5_1 *w, const gp_block_q8_1 *x, float acc[8], float *mins) {
    *mins = __builtin_fmaf(gp_h2f(w->m), gp_h2f(x->s), *mins);
    int lanes[8] = {0};
    for (int j = 0; j < 32; j++) lanes[j / 4] += five_bits(w->qs, w->qh, j) * x->qs[j];
    accumulate_lanes(acc, gp_h2f(w->d) * gp_h2f(x->d), lanes);
}

static float dot_q5_0_portable(int64_t n, const void *vw, const void *vx) {
    float acc[8] = {0};
    for (int64_t b = 0; b < n / 32; b++) q5_0_block_lanes((const gp_block_q5_0 *)vw + b, (const gp_block_q8_0 *)vx + b, acc);
    return gp_hsum8(acc);
}

static float dot_q5_1_portable(int64_t n, const void *vw, const void *vx) {
    float acc[8] = {0}, mins = 0;
    for (int64_t b = 0; b < n / 32; b++) q5_1_block_lanes((const gp_block_q5_1 *)vw + b, (const gp_block_q8_1 *)vx + b, acc, &mins);
    return gp_hsum8(acc) + mins;
}

static float dot_q4_0_portable(int64_t n, const void *vw, const void *vx) {
    float acc[8] = {0};
    for (int64_t b = 0; b < n / 32; b++) gp_q4_0_block_lanes((const gp_block_q4_0 *)vw + b, (const gp_block_q8_0 *)vx + b, acc);
    return gp_hsum8(acc);
}

static float dot_q4_1_portable(int64_t n, const void *vw, const void *vx) {
    float acc[8] = {0}, mins = 0;
    for (int64_t b = 0; b < n / 32; b++) gp_q4_1_block_lanes((const gp_block_q4_1 *)vw + b, (const gp_block_q8_1 *)vx + b, acc, &mins);
    return gp_hsum8(acc) + mins;
}

static float dot_q8_0_portable(int64_t n, const void *vw, const void *vx) {
    float acc[8] = {0};
    for (int64_t b = 0; b < n / 32; b++) gp_q8_0_block_lanes((const gp_block_q8_0 *)vw + b, (const gp_block_q8_0 *)vx + b, acc);
    return gp_hsum8(acc);
}

// --- AVX2 ---
#if GP_X86
GP_AVX2 static float dot_q4_0_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q4_0 *w = vw;
    const gp_block_q8_0 *x = vx;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; b++) {
        const __m256 d = _mm256_set1_ps(gp_h2f(w[b].d) * gp_h2f(x[b].d));
        const __m256i qw = _mm256_sub_epi8(gp_unpack_nibbles(w[b].qs), _mm256_set1_epi8(8));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        acc = _mm256_fmadd_ps(d, gp_lanes_s8(qw, qx), acc);
    }
    return gp_hsum8_avx(acc);
}

GP_AVX2 static float dot_q4_1_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q4_1 *w = vw;
    const gp_block_q8_1 *x = vx;
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t b = 0; b < n / 32; b++) {
        mins = __builtin_fmaf(gp_h2f(w[b].m), gp_h2f(x[b].s), mins);
        const __m256 d = _mm256_set1_ps(gp_h2f(w[b].d) * gp_h2f(x[b].d));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        acc = _mm256_fmadd_ps(d, gp_lanes_us8(gp_unpack_nibbles(w[b].qs), qx), acc);
    }
    return gp_hsum8_avx(acc) + mins;
}

GP_AVX2 static float dot_q8_0_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q8_0 *w = vw;
    const gp_block_q8_0 *x = vx;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; b++) {
        const __m256 d = _mm256_set1_ps(gp_h2f(w[b].d) * gp_h2f(x[b].d));
        const __m256i qw = _mm256_loadu_si256((const __m256i *)w[b].qs);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        acc = _mm256_fmadd_ps(d, gp_lanes_s8(qw, qx), acc);
    }
    return gp_hsum8_avx(acc);
}
/// 32 bits as 32 bytes: 0xFF where the bit is set (ggml's bytes_from_bits_32).
GP_AVX2 static inline __m256i bytes_from_bits(const uint8_t qh[4]) {
    uint32_t x32;
    memcpy(&x32, qh, 4);
    const __m256i shuf = _mm256_setr_epi64x(0x0000000000000000, 0x0101010101010101, 0x0202020202020202, 0x0303030303030303);
    __m256i bytes = _mm256_shuffle_epi8(_mm256_set1_epi32((int)x32), shuf);
    const __m256i bit = _mm256_set1_epi64x((long long)0x7fbfdfeff7fbfdfe);
    bytes = _mm256_or_si256(bytes, bit);
    return _mm256_cmpeq_epi8(bytes, _mm256_set1_epi64x(-1));
}

GP_AVX2 static float dot_q5_0_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q5_0 *w = vw;
    const gp_block_q8_0 *x = vx;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; b++) {
        const __m256 d = _mm256_set1_ps(gp_h2f(w[b].d) * gp_h2f(x[b].d));
        // Without the fifth bit a value is nibble − 16, i.e. the nibble with the high nibble set.
        const __m256i high = _mm256_andnot_si256(bytes_from_bits(w[b].qh), _mm256_set1_epi8((char)0xF0));
        const __m256i qw = _mm256_or_si256(gp_unpack_nibbles(w[b].qs), high);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        acc = _mm256_fmadd_ps(d, gp_lanes_s8(qw, qx), acc);
    }
    return gp_hsum8_avx(acc);
}

GP_AVX2 static float dot_q5_1_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q5_1 *w = vw;
    const gp_block_q8_1 *x = vx;
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t b = 0; b < n / 32; b++) {
        mins = __builtin_fmaf(gp_h2f(w[b].m), gp_h2f(x[b].s), mins);
        const __m256i high = _mm256_and_si256(bytes_from_bits(w[b].qh), _mm256_set1_epi8(0x10));
        const __m256i qw = _mm256_or_si256(gp_unpack_nibbles(w[b].qs), high);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        acc = _mm256_fmadd_ps(gp_lanes_us8(qw, qx), _mm256_set1_ps(gp_h2f(w[b].d) * gp_h2f(x[b].d)), acc);
    }
    return gp_hsum8_avx(acc) + mins;
}
#endif

float gp_dot_q5_0_q8_0(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q5_0_avx, dot_q5_0_portable)(n, w, x); }
float gp_dot_q5_1_q8_1(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q5_1_avx, dot_q5_1_portable)(n, w, x); }
float gp_dot_q4_0_q8_0(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q4_0_avx, dot_q4_0_portable)(n, w, x); }
float gp_dot_q4_1_q8_1(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q4_1_avx, dot_q4_1_portable)(n, w, x); }
float gp_dot_q8_0_q8_0(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q8_0_avx, dot_q8_0_portable)(n, w, x); }
