#ifndef GENPLAY_CKERNELS_H
#define GENPLAY_CKERNELS_H
#include <stdint.h>
#include <stddef.h>

/// 1 when the CPU has AVX2, FMA and F16C (the fast paths); 0 selects the portable code.
int gp_cpu_has_avx2(void);

#endif
