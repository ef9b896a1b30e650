// GELU in its tanh form as ggml's CPU backend computes it: the float formula is evaluated
// once per half-precision input into a 64 Ki-entry table of halves, and activations are
// rounded to half and looked up (ggml builds with GGML_GELU_FP16).
#include "internal.h"
#include <math.h>
#include <pthread.h>

static gp_half gelu_table[1 << 16];
static pthread_once_t gelu_once = PTHREAD_ONCE_INIT;

float gp_gelu_tanh(float x) {
    const float a = 0.044715f, sqrt_2_over_pi = 0.79788456080286535587989211986876f;
    // ggml's build contracts 1 + a·x·x into one fused multiply-add.
    return 0.5f * x * (1.0f + tanhf(sqrt_2_over_pi * x * __builtin_fmaf(a * x, x, 1.0f)));
}

static void fill_gelu_table(void) {
    for (uint32_t i = 0; i < (1u << 16); i++) gelu_table[i] = gp_f2h(gp_gelu_tanh(gp_h2f((gp_half)i)));
}

void gp_geglu(int64_t n, float *y, const float *g, const float *u) {
    pthread_once(&gelu_once, fill_gelu_table);
    for (int64_t i = 0; i < n; i++) {
        const float x = g[i];
        if (x <= -10.0f) y[i] = 0.0f;
        else if (x >= 10.0f) y[i] = x * u[i];
        else y[i] = gp_h2f(gelu_table[gp_f2h(x)]) * u[i];
    }
}
