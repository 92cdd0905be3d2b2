#pragma once

// After a bulk build, the parsed document and the column copies are freed, but glibc keeps the pages, so
// a notebook's memory would stay at the build's peak. Handing them back keeps RSS close to what the graph
// itself holds. C++ users own their allocator; only the Python builders (load, loads, from_pandas) call
// this, once their arguments and temporaries are gone.

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace antq::python {

inline void release_free_memory() noexcept {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace antq::python
