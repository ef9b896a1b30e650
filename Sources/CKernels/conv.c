// 2-D convolution as a GEMM over im2col strips: out (O, N) = W (O, K) · cols (K, N) with
// K = C·k·k and N = batch·out_h·out_w, 16 output columns (pixels) at a time. Each strip's
// columns are gathered ("packed") once into a K × 16 block, then every 6-row weight panel
// runs a 6 × 16 register tile over it. Both paths accumulate acc = fma(w, x, acc) for
// k = 0, 1, ... in order and add the bias and residual afterwards, so they give the same bits.
#include "internal.h"

enum { MR = GP_CONV_MR, NR = GP_CONV_NR };

size_t gp_conv_packed_weight_count(int64_t rows, int64_t k) {
    return (size_t)((rows + MR - 1) / MR * MR * k);
}

void gp_conv_pack_weights(const float *w, int64_t rows, int64_t k, float *packed) {
    const int64_t panels = (rows + MR - 1) / MR;
    for (int64_t p = 0; p < panels; p++)
        for (int64_t j = 0; j < k; j++)
            for (int r = 0; r < MR; r++) {
                const int64_t row = p * MR + r;
                packed[(p * k + j) * MR + r] = row < rows ? w[row * k + j] : 0.0f;
            }
}

static int64_t taps(const gp_conv_geometry *g) { return g->kernel * g->kernel; }
static int64_t reduction(const gp_conv_geometry *g) { return g->channels * taps(g); }
static int64_t columns(const gp_conv_geometry *g) { return g->batch * g->out_h * g->out_w; }

size_t gp_conv_scratch_count(const gp_conv_geometry *g) {
    return (size_t)((reduction(g) + taps(g)) * NR);
}

/// True when output pixel n reads input pixel n + (ky − pad)·W + (kx − pad) for every valid
/// tap (same size, stride 1): a tap's 16 sources are then consecutive in the channel plane.
static int shifts_contiguously(const gp_conv_geometry *g) {
    return g->stride == 1 && g->in_h == g->out_h && g->in_w == g->out_w;
}

/// off[tap][l]: offset in an input channel plane of the value column n0 + l needs at `tap`,
/// or −1 where the kernel reads padding (or the column is past the end).
static void strip_offsets(const gp_conv_geometry *g, int64_t n0, int32_t *off) {
    const int64_t hw = g->out_h * g->out_w, n_end = columns(g), ks = g->kernel;
    int64_t b = n0 / hw, y = n0 % hw / g->out_w, x = n0 % g->out_w; // of column n0 + l, stepped along
    for (int l = 0; l < NR; l++) {
        for (int64_t ky = 0; ky < ks; ky++) {
            const int64_t iy = y * g->stride + ky - g->pad;
            const int row_inside = n0 + l < n_end && iy >= 0 && iy < g->in_h;
            for (int64_t kx = 0; kx < ks; kx++) {
                const int64_t ix = x * g->stride + kx - g->pad;
                const int inside = row_inside && ix >= 0 && ix < g->in_w;
                off[(ky * ks + kx) * NR + l] = inside ? (int32_t)((b * g->in_h + iy) * g->in_w + ix) : -1;
            }
        }
        if (++x == g->out_w) {
            x = 0;
            if (++y == g->out_h) { y = 0; b++; }
        }
    }
}

static void pack_portable(const gp_conv_geometry *g, const float *in, const int32_t *off, float *dst) {
    const int64_t plane = g->batch * g->in_h * g->in_w, nt = taps(g);
    for (int64_t c = 0; c < g->channels; c++) {
        const float *src = in + c * plane;
        for (int64_t t = 0; t < nt; t++, dst += NR)
            for (int l = 0; l < NR; l++) dst[l] = off[t * NR + l] >= 0 ? src[off[t * NR + l]] : 0.0f;
    }
}

/// x (O rows of 16) := acc + bias (+ residual); only `rows` × `cols` of the tile are stored.
static inline void store_tile(float acc[MR][NR], const float *bias, const float *residual,
                              float *out, int64_t ldo, int rows, int cols) {
    for (int r = 0; r < rows; r++)
        for (int l = 0; l < cols; l++) {
            float v = acc[r][l] + bias[r];
            if (residual) v += residual[r * ldo + l];
            out[r * ldo + l] = v;
        }
}

static void tile_portable(int64_t k, const float *a, const float *b, int64_t ldb, const float *bias,
                          const float *residual, float *out, int64_t ldo, int rows, int cols) {
    float acc[MR][NR] = {{0}};
    for (int64_t j = 0; j < k; j++, a += MR, b += ldb)
        for (int r = 0; r < MR; r++)
            for (int l = 0; l < NR; l++) acc[r][l] = __builtin_fmaf(a[r], b[l], acc[r][l]);
    store_tile(acc, bias, residual, out, ldo, rows, cols);
}

#if GP_X86
GP_AVX2 static void pack_avx(const gp_conv_geometry *g, const float *in, const int32_t *off, float *dst) {
    const int64_t plane = g->batch * g->in_h * g->in_w, nt = taps(g);
    const int contiguous = shifts_contiguously(g);
    __m256i mask[2 * 49], index[2 * 49];
    int64_t base[49];
    for (int64_t t = 0; t < nt; t++) {
        base[t] = 0;
        for (int l = NR - 1; l >= 0; l--)
            if (off[t * NR + l] >= 0) base[t] = off[t * NR + l] - l;
        for (int h = 0; h < 2; h++) {
            index[2 * t + h] = _mm256_loadu_si256((const __m256i *)(off + t * NR + 8 * h));
            mask[2 * t + h] = _mm256_cmpgt_epi32(index[2 * t + h], _mm256_set1_epi32(-1));
        }
    }
    for (int64_t c = 0; c < g->channels; c++) {
        const float *src = in + c * plane;
        for (int64_t t = 0; t < nt; t++, dst += NR)
            for (int h = 0; h < 2; h++) {
                // Masked-off lanes are neither read nor faulted on; they become 0 (padding).
                const __m256 v = contiguous
                    ? _mm256_maskload_ps(src + base[t] + 8 * h, mask[2 * t + h])
                    : _mm256_mask_i32gather_ps(_mm256_setzero_ps(), src, index[2 * t + h],
                                               _mm256_castsi256_ps(mask[2 * t + h]), 4);
                _mm256_storeu_ps(dst + 8 * h, v);
            }
    }
}

GP_AVX2 static void tile_avx(int64_t k, const float *a, const float *b, int64_t ldb, const float *bias,
                             const float *residual, float *out, int64_t ldo, int rows, int cols) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int64_t j = 0; j < k; j++, a += MR, b += ldb) {
        const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
        __m256 w = _mm256_broadcast_ss(a);
        c00 = _mm256_fmadd_ps(w, b0, c00); c01 = _mm256_fmadd_ps(w, b1, c01);
        w = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_fmadd_ps(w, b0, c10); c11 = _mm256_fmadd_ps(w, b1, c11);
        w = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_fmadd_ps(w, b0, c20); c21 = _mm256_fmadd_ps(w, b1, c21);
        w = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_fmadd_ps(w, b0, c30); c31 = _mm256_fmadd_ps(w, b1, c31);
        w = _mm256_broadcast_ss(a + 4);
        c40 = _mm256_fmadd_ps(w, b0, c40); c41 = _mm256_fmadd_ps(w, b1, c41);
        w = _mm256_broadcast_ss(a + 5);
        c50 = _mm256_fmadd_ps(w, b0, c50); c51 = _mm256_fmadd_ps(w, b1, c51);
    }
    const __m256 acc[MR][2] = { { c00, c01 }, { c10, c11 }, { c20, c21 }, { c30, c31 }, { c40, c41 }, { c50, c51 } };
    if (cols < NR) {
        float spill[MR][NR];
        for (int r = 0; r < MR; r++) {
            _mm256_storeu_ps(spill[r], acc[r][0]);
            _mm256_storeu_ps(spill[r] + 8, acc[r][1]);
        }
        store_tile(spill, bias, residual, out, ldo, rows, cols);
        return;
    }
    for (int r = 0; r < rows; r++)
        for (int h = 0; h < 2; h++) {
            __m256 v = _mm256_add_ps(acc[r][h], _mm256_set1_ps(bias[r]));
            if (residual) v = _mm256_add_ps(v, _mm256_loadu_ps(residual + r * ldo + 8 * h));
            _mm256_storeu_ps(out + r * ldo + 8 * h, v);
        }
}
#endif

void gp_conv2d(const gp_conv_geometry *g, const float *packed_w, int64_t out_channels, const float *bias,
               const float *in, const float *residual, float *out, int64_t strip0, int64_t strip1, float *scratch) {
    const int64_t k = reduction(g), n_end = columns(g), panels = (out_channels + MR - 1) / MR;
    int32_t *off = (int32_t *)(scratch + k * NR);
    // A full strip of a 1×1 convolution reads its columns in place: no packing.
    const int direct = g->kernel == 1 && g->pad == 0 && shifts_contiguously(g);
#if GP_X86
    const int avx = gp_use_avx2;
#else
    const int avx = 0;
#endif
    for (int64_t s = strip0; s < strip1; s++) {
        const int64_t n0 = s * NR;
        const int cols = n_end - n0 < NR ? (int)(n_end - n0) : NR;
        const float *b = in + n0;
        int64_t ldb = n_end;
        if (!direct || cols < NR) {
            strip_offsets(g, n0, off);
#if GP_X86
            if (avx) pack_avx(g, in, off, scratch); else
#endif
            pack_portable(g, in, off, scratch);
            b = scratch;
            ldb = NR;
        }
        for (int64_t p = 0; p < panels; p++) {
            const int64_t o0 = p * MR;
            const int rows = out_channels - o0 < MR ? (int)(out_channels - o0) : MR;
            const float *res = residual ? residual + o0 * n_end + n0 : NULL;
#if GP_X86
            if (avx) { tile_avx(k, packed_w + o0 * k, b, ldb, bias + o0, res, out + o0 * n_end + n0, n_end, rows, cols); continue; }
#endif
            tile_portable(k, packed_w + o0 * k, b, ldb, bias + o0, res, out + o0 * n_end + n0, n_end, rows, cols);
        }
    }
}
