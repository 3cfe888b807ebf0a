// What the fuzz targets share: an invariant check that stops the run (libFuzzer then saves the input).
#pragma once

#include <cstdio>
#include <cstdlib>

// Aborts with the failed condition and where it is; libFuzzer reports it as a crash and keeps the input.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
