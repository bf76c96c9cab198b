#include "cli_args.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace kronscope::cli {

namespace {

/// An argument as typed, for a message: at most 80 bytes, control characters escaped.
std::string quoted(const std::string& s) {
    std::string out;
    for (const char c : s.substr(0, 80)) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return s.size() > 80 ? out + "..." : out;
}

}  // namespace

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
           const std::set<std::string>& flags, size_t max_positionals) {
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string key = a.substr(2);
            std::string value;
            bool inline_value = false;
            if (auto eq = key.find('='); eq != std::string::npos) {
                value = key.substr(eq + 1);
                key = key.substr(0, eq);
                inline_value = true;
            }
            if (flags.count(key)) {
                if (inline_value) throw UsageError("option --" + key + " takes no value");
                flags_.insert(key);
            } else if (options.count(key)) {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw UsageError("option --" + key + " needs a value");
                    value = argv[++i];
                }
                values_[key] = value;
            } else {
                throw UsageError("unknown option --" + key);
            }
        } else {
            if (positionals_.size() >= max_positionals)
                throw UsageError("unexpected argument '" + quoted(a) + "'");
            positionals_.push_back(a);
        }
    }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::string Args::require(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw UsageError("missing required option --" + name);
    return it->second;
}

static long long parseInt(const std::string& name, const std::string& s) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') throw UsageError("--" + name + ": '" + quoted(s) + "' is not an integer");
    if (errno == ERANGE) throw UsageError("--" + name + ": " + quoted(s) + " is out of range");
    return v;
}

long long Args::getInt(const std::string& name, long long fallback, long long min_value,
                       long long max_value) const {
    if (!has(name)) return fallback;
    const long long v = parseInt(name, get(name));
    if (v < min_value || v > max_value) {
        std::ostringstream os;
        os << "--" << name << " must be in [" << min_value << ", " << max_value << "], got " << v;
        throw UsageError(os.str());
    }
    return v;
}

double Args::getDouble(const std::string& name, double fallback, double min_value, double max_value) const {
    if (!has(name)) return fallback;
    const std::string s = get(name);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') throw UsageError("--" + name + ": '" + quoted(s) + "' is not a number");
    if (!std::isfinite(v)) throw UsageError("--" + name + ": '" + quoted(s) + "' is not a finite number");
    if (v < min_value || v > max_value) {
        std::ostringstream os;
        os << "--" << name << " must be in [" << min_value << ", " << max_value << "], got " << v;
        throw UsageError(os.str());
    }
    return v;
}

std::vector<long long> Args::getIntList(const std::string& name,
                                        const std::vector<long long>& fallback) const {
    if (!has(name)) return fallback;
    std::vector<long long> out;
    std::stringstream ss(get(name));
    std::string item;
    while (std::getline(ss, item, ',')) out.push_back(parseInt(name, item));
    if (out.empty()) throw UsageError("--" + name + " needs at least one value");
    return out;
}

}  // namespace kronscope::cli
