#include "kronscope/core/base/hash.h"

#include <cstdio>

namespace kronscope::core {

std::string Fnv1a::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
}

std::string contentHashOf(std::string_view bytes) {
    Fnv1a h;
    h.update(bytes);
    return h.hex();
}

}  // namespace kronscope::core
