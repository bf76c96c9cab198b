#pragma once
// Minimal, strict argument parsing for kronscope-cli: `--key value`, `--flag`, positionals.
// Unknown options are usage errors (exit code 2), never silently ignored.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kronscope::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Args {
  public:
    /// `options` take a value, `flags` do not. Both are given without the leading "--". More than
    /// `max_positionals` arguments that are not options are a usage error (never silently ignored).
    Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
         const std::set<std::string>& flags, size_t max_positionals = 0);

    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    std::string require(const std::string& name) const;
    long long getInt(const std::string& name, long long fallback, long long min_value,
                     long long max_value) const;
    /// A finite number in [min_value, max_value] (nan and inf are never accepted).
    double getDouble(const std::string& name, double fallback, double min_value = -1e300,
                     double max_value = 1e300) const;
    /// Comma-separated integers: "2,4,8".
    std::vector<long long> getIntList(const std::string& name, const std::vector<long long>& fallback) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

  private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positionals_;
};

}  // namespace kronscope::cli
