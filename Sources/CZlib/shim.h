// zlib (Debian: zlib1g-dev) for unpacking model wheels and compressing PNG output.
#include <zlib.h>

/// inflateInit2 is a macro; Swift needs a function.
static inline int gp_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -15); }
