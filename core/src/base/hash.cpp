#include "kronscope/core/base/hash.h"

#include <cstdio>
#include <fstream>

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

std::string contentHashOfFiles(const std::vector<std::string>& paths) {
    Fnv1a h;
    std::vector<char> buf(1 << 20);
    for (const auto& f : paths) {
        std::ifstream in(f, std::ios::binary);
        while (in) {
            in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
            h.update(buf.data(), static_cast<size_t>(in.gcount()));
        }
    }
    return h.hex();
}

}  // namespace kronscope::core
