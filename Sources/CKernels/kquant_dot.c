// K-quant dot products against Q8_K activations, in ggml's AVX2 vec_dot arithmetic: per
// super-block the integer sums of each 4-element lane, scaled by d·d_x into 8 float lanes with
// FMA and folded by gp_hsum8 at the end; mins go to their own accumulator. Integer parts are
// exact in any order, so the portable and AVX2 paths give the same bits.
#include "internal.h"

/// Sub-block j of a Q4_K/Q5_K super-block covers elements 32j..32j+31; its value e lives in
/// byte 32(j/2) + e of qs, low nibble for even j.
int gp_k4_nibble(const uint8_t *qs, int j, int e) {
    const uint8_t byte = qs[32 * (j / 2) + e];
    return j % 2 ? byte >> 4 : byte & 0xF;
}


// --- portable ---

/// Lane l of a 32-value group holds the products of its elements 4l..4l+3.
static inline int lane_dot(const int *q, const int8_t *y, int l) {
    return q[4 * l] * y[4 * l] + q[4 * l + 1] * y[4 * l + 1] + q[4 * l + 2] * y[4 * l + 2] + q[4 * l + 3] * y[4 * l + 3];
}

/// Q4_K (qh NULL) and Q5_K share the lanes; their mins differ: Q5_K folds them into one
/// integer per super-block, Q4_K keeps four lanes (mins 2l and 2l+1 in lane l).
static float dot_k4_portable(int64_t n, const void *vx, const void *vy, size_t block_bytes, int five_bits) {
    const gp_block_q8_K *y = vy;
    float acc[8] = {0}, lanes_m[4] = {0}, summs = 0;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        // Q4_K and Q5_K blocks start alike: d, dmin, scales, then (Q5_K) qh and qs.
        const gp_block_q5_K *x = (const gp_block_q5_K *)((const char *)vx + b * block_bytes);
        const uint8_t *qs = five_bits ? x->qs : ((const gp_block_q4_K *)x)->qs;
        const float d = y[b].d * gp_h2f(x->d), dmin = -y[b].d * gp_h2f(x->dmin);
        int lanes[8] = {0}, mins[4] = {0};
        for (int j = 0; j < 8; j++) {
            int sc, mn, q[32];
            gp_k4_scale_min(j, x->scales, &sc, &mn);
            mins[j / 2] += mn * gp_q8_K_pair_sum(&y[b], j);
            for (int e = 0; e < 32; e++) q[e] = gp_k4_nibble(qs, j, e) | (five_bits ? ((x->qh[e] >> j) & 1) << 4 : 0);
            for (int l = 0; l < 8; l++) lanes[l] += sc * lane_dot(q, y[b].qs + 32 * j, l);
        }
        if (five_bits) summs = __builtin_fmaf(dmin, (float)(mins[0] + mins[1] + mins[2] + mins[3]), summs);
        else for (int l = 0; l < 4; l++) lanes_m[l] = __builtin_fmaf(dmin, (float)mins[l], lanes_m[l]);
        for (int l = 0; l < 8; l++) acc[l] = __builtin_fmaf(d, (float)lanes[l], acc[l]);
    }
    if (!five_bits) summs = (lanes_m[0] + lanes_m[2]) + (lanes_m[1] + lanes_m[3]);
    return gp_hsum8(acc) + summs;
}

static float dot_q4_K_portable(int64_t n, const void *w, const void *x) { return dot_k4_portable(n, w, x, sizeof(gp_block_q4_K), 0); }
static float dot_q5_K_portable(int64_t n, const void *w, const void *x) { return dot_k4_portable(n, w, x, sizeof(gp_block_q5_K), 1); }

/// The integer lanes of one Q6_K super-block.
static void q6_K_lanes(const gp_block_q6_K *x, const gp_block_q8_K *y, int lanes[8]) {
    for (int l = 0; l < 8; l++) lanes[l] = 0;
    // Eight groups of 32; lanes 0-3 of a group take the scale of its first 16 values.
    for (int g = 0; g < 8; g++) {
        int q[32];
        for (int e = 0; e < 32; e++) q[e] = gp_q6_K_value(x, 32 * g + e) + 32;
        for (int l = 0; l < 8; l++) lanes[l] += x->scales[2 * g + l / 4] * lane_dot(q, y->qs + 32 * g, l);
    }
    // The -32 offset: lane l subtracts 32 × the scaled sums of sub-blocks 2l and 2l+1.
    for (int l = 0; l < 8; l++) lanes[l] -= 32 * (y->bsums[2 * l] * x->scales[2 * l] + y->bsums[2 * l + 1] * x->scales[2 * l + 1]);
}

static float dot_q6_K_portable(int64_t n, const void *vw, const void *vx) {
    const gp_block_q6_K *x = vw;
    const gp_block_q8_K *y = vx;
    float acc[8] = {0};
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const float d = y[b].d * gp_h2f(x[b].d);
        int lanes[8];
        q6_K_lanes(&x[b], &y[b], lanes);
        for (int l = 0; l < 8; l++) acc[l] = __builtin_fmaf(d, (float)lanes[l], acc[l]);
    }
    return gp_hsum8(acc);
}

// --- AVX2 ---
#if GP_X86
/// Sub-block j of a Q4_K/Q5_K super-block as 32 bytes: its nibbles plus, from `hbits` (zero
/// for Q4_K), bit j of qh as the fifth bit.
GP_AVX2 static inline __m256i k4_values_avx(const uint8_t *qs, __m256i hbits, int j) {
    const __m256i m4 = _mm256_set1_epi8(0xF), one = _mm256_set1_epi8(1);
    const __m256i bits = _mm256_loadu_si256((const __m256i *)(qs + 32 * (j / 2)));
    const __m256i low = _mm256_and_si256(j % 2 ? _mm256_srli_epi16(bits, 4) : bits, m4);
    return _mm256_add_epi8(low, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, j), one), 4));
}

GP_AVX2 static float dot_k4_avx(int64_t n, const void *vx, const void *vy, size_t block_bytes, int five_bits) {
    const gp_block_q8_K *y = vy;
    __m256 acc = _mm256_setzero_ps();
    __m128 acc_m = _mm_setzero_ps();
    float summs = 0;
    for (int64_t b = 0; b < n / GP_QK_K; b++) {
        const gp_block_q5_K *x = (const gp_block_q5_K *)((const char *)vx + b * block_bytes);
        const uint8_t *qs = five_bits ? x->qs : ((const gp_block_q4_K *)x)->qs;
        const float d = y[b].d * _cvtsh_ss(x->d), dmin = -y[b].d * _cvtsh_ss(x->dmin);
        const __m256i hbits = five_bits ? _mm256_loadu_si256((const __m256i *)x->qh) : _mm256_setzero_si256();
        __m256i sumi = _mm256_setzero_si256();
        int mins[4];
        for (int j = 0; j < 4; j++) {
            int sc0, m0, sc1, m1;
            gp_k4_scale_min(2 * j, x->scales, &sc0, &m0);
            gp_k4_scale_min(2 * j + 1, x->scales, &sc1, &m1);
            mins[j] = m0 * gp_q8_K_pair_sum(&y[b], 2 * j) + m1 * gp_q8_K_pair_sum(&y[b], 2 * j + 1);
            const __m256i q0 = k4_values_avx(qs, hbits, 2 * j), q1 = k4_values_avx(qs, hbits, 2 * j + 1);
            const __m256i p0 = _mm256_maddubs_epi16(q0, _mm256_loadu_si256((const __m256i *)(y[b].qs + 64 * j)));
            const __m256i p1 = _mm256_maddubs_epi16(q1, _mm256_loadu_si256((const __m256i *)(y[b].qs + 64 * j + 32)));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(_mm256_madd_epi16(_mm256_set1_epi16((short)sc0), p0),
                                                           _mm256_madd_epi16(_mm256_set1_epi16((short)sc1), p1)));
        }
        if (five_bits) summs = __builtin_fmaf(dmin, (float)(mins[0] + mins[1] + mins[2] + mins[3]), summs);
        else acc_m = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(_mm_loadu_si128((const __m128i *)mins)), acc_m);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    if (!five_bits) {
        acc_m = _mm_add_ps(acc_m, _mm_movehl_ps(acc_m, acc_m));
        summs = _mm_cvtss_f32(_mm_add_ss(acc_m, _mm_movehdup_ps(acc_m)));
    }
    return gp_hsum8_avx(acc) + summs;
}

GP_AVX2 static float dot_q4_K_avx(int64_t n, const void *w, const void *x) { return dot_k4_avx(n, w, x, sizeof(gp_block_q4_K), 0); }
GP_AVX2 static float dot_q5_K_avx(int64_t n, const void *w, const void *x) { return dot_k4_avx(n, w, x, sizeof(gp_block_q5_K), 1); }

/// Half of a Q6_K super-block (128 values, in order) as bytes 0..63: four groups of 32.
GP_AVX2 static inline void q6_K_half_avx(const uint8_t *ql, const uint8_t *qh, __m256i q[4]) {
    const __m256i m3 = _mm256_set1_epi8(3), m15 = _mm256_set1_epi8(15);
    const __m256i l0 = _mm256_loadu_si256((const __m256i *)ql), l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
    const __m256i h = _mm256_loadu_si256((const __m256i *)qh);
    q[0] = _mm256_or_si256(_mm256_and_si256(l0, m15), _mm256_slli_epi16(_mm256_and_si256(h, m3), 4));
    q[1] = _mm256_or_si256(_mm256_and_si256(l1, m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m3), 4));
    q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m3), 4));
    q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m15), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m3), 4));
}

GP_AVX2 static inline __m256i q6_K_lanes_avx(const gp_block_q6_K *x, const gp_block_q8_K *y) {
    const int8_t *q8 = y->qs, *sc = x->scales;
    const __m256i offsets = _mm256_slli_epi32(
        _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)y->bsums), _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc))), 5);
    __m256i sumi = _mm256_setzero_si256();
    for (int half = 0; half < 2; half++, q8 += 128, sc += 8) {
        __m256i q[4];
        q6_K_half_avx(x->ql + 64 * half, x->qh + 32 * half, q);
        for (int k = 0; k < 4; k++) {
            const __m256i p = _mm256_maddubs_epi16(q[k], _mm256_loadu_si256((const __m256i *)(q8 + 32 * k)));
            // The group's first 16 values take scale 2k, the next 16 scale 2k+1.
            const __m256i scales = _mm256_setr_m128i(_mm_set1_epi16(sc[2 * k]), _mm_set1_epi16(sc[2 * k + 1]));
            sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(scales, p));
        }
    }
    return _mm256_sub_epi32(sumi, offsets);
}

GP_AVX2 static float dot_q6_K_avx(int64_t n, const void *vw, const void *vx) {
    const gp_block_q6_K *x = vw;
    const gp_block_q8_K *y = vx;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / GP_QK_K; b++)
        acc = _mm256_fmadd_ps(_mm256_set1_ps(y[b].d * _cvtsh_ss(x[b].d)), _mm256_cvtepi32_ps(q6_K_lanes_avx(&x[b], &y[b])), acc);
    return gp_hsum8_avx(acc);
}

/// A Q4_K/Q5_K super-block's values widened to bytes, sub-block j at q[32j] (qh NULL: Q4_K).
GP_AVX2 void gp_k4_widen_avx(const uint8_t *qs, const uint8_t *qh, uint8_t q[GP_QK_K]) {
    const __m256i hbits = qh ? _mm256_loadu_si256((const __m256i *)qh) : _mm256_setzero_si256();
    for (int j = 0; j < 8; j++) _mm256_store_si256((__m256i *)(q + 32 * j), k4_values_avx(qs, hbits, j));
}

/// A Q6_K super-block's values widened to bytes (0..63, the offset 32 still in), in order.
GP_AVX2 void gp_q6_K_widen_avx(const gp_block_q6_K *x, uint8_t q[GP_QK_K]) {
    for (int half = 0; half < 2; half++) {
        __m256i v[4];
        q6_K_half_avx(x->ql + 64 * half, x->qh + 32 * half, v);
        for (int k = 0; k < 4; k++) _mm256_store_si256((__m256i *)(q + 128 * half + 32 * k), v[k]);
    }
}

GP_AVX2 void gp_k4_pair_sums_avx(const uint8_t q[GP_QK_K], const int16_t scales[8], const gp_block_q8_K *y, size_t ystride,
                                 int64_t ntok, int (*sums)[4]) {
    __m256i w[8], sc[8];
    for (int j = 0; j < 8; j++) {
        w[j] = _mm256_load_si256((const __m256i *)(q + 32 * j));
        sc[j] = _mm256_set1_epi16(scales[j]);
    }
    for (int64_t k = 0; k < ntok; k++, y = (const gp_block_q8_K *)((const char *)y + ystride))
        for (int p = 0; p < 4; p++) {
            const __m256i p0 = _mm256_maddubs_epi16(w[2 * p], _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p)));
            const __m256i p1 = _mm256_maddubs_epi16(w[2 * p + 1], _mm256_loadu_si256((const __m256i *)(y->qs + 64 * p + 32)));
            sums[k][p] = gp_hsum_i32_avx(_mm256_add_epi32(_mm256_madd_epi16(p0, sc[2 * p]), _mm256_madd_epi16(p1, sc[2 * p + 1])));
        }
}

GP_AVX2 void gp_q6_K_sums_avx(const uint8_t q[GP_QK_K], const int16_t scales[16], const gp_block_q8_K *y, size_t ystride,
                              int64_t ntok, int *sums) {
    const __m256i scales16 = _mm256_loadu_si256((const __m256i *)scales);
    __m256i w[8], sc[8];
    for (int g = 0; g < 8; g++) {
        w[g] = _mm256_load_si256((const __m256i *)(q + 32 * g));
        sc[g] = _mm256_setr_m128i(_mm_set1_epi16(scales[2 * g]), _mm_set1_epi16(scales[2 * g + 1]));
    }
    for (int64_t k = 0; k < ntok; k++, y = (const gp_block_q8_K *)((const char *)y + ystride)) {
        // The −32 offset first: 32 × Σ scale·bsum, then every group's products.
        __m256i sumi = _mm256_sub_epi32(_mm256_setzero_si256(),
                                        _mm256_slli_epi32(_mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)y->bsums), scales16), 5));
        for (int g = 0; g < 8; g++)
            sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(sc[g], _mm256_maddubs_epi16(w[g], _mm256_loadu_si256((const __m256i *)(y->qs + 32 * g)))));
        sums[k] = gp_hsum_i32_avx(sumi);
    }
}
#endif

float gp_dot_q4_K_q8_K(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q4_K_avx, dot_q4_K_portable)(n, w, x); }
float gp_dot_q5_K_q8_K(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q5_K_avx, dot_q5_K_portable)(n, w, x); }
float gp_dot_q6_K_q8_K(int64_t n, const void *w, const void *x) { return GP_PICK(dot_q6_K_avx, dot_q6_K_portable)(n, w, x); }
