#include "kronscope/core/base/progress.h"

#include <cmath>
#include <cstdio>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

void Progress::report(double fraction, const std::string& message) {
    fraction = std::min(1.0, std::max(0.0, fraction));
    if (parent_) {
        parent_->report(begin_ + fraction * (end_ - begin_), message);
        return;
    }
    reportRoot(fraction, message);
}

void Progress::throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
}

void Progress::reportRoot(double fraction, const std::string& message) {
    using clock = std::chrono::steady_clock;
    const auto now = clock::now();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        fraction_.store(fraction);
        if (first_fraction_ < 0.0 && fraction > 0.0) {
            first_fraction_ = fraction;
            first_time_ = now;
        }
        const double seconds = std::chrono::duration<double>(now - last_emit_time_).count();
        const bool first = last_emitted_ < 0.0;
        const bool moved = std::fabs(fraction - last_emitted_) >= 1e-3 && seconds >= 0.1;
        if (!(first || moved || fraction >= 1.0 || message != last_message_)) return;
        last_emitted_ = fraction;
        last_message_ = message;
        last_emit_time_ = now;
    }
    onReport(fraction, secondsLeft(), message);
}

double Progress::secondsLeft() const {
    const Progress& r = root();
    std::lock_guard<std::mutex> lock(r.mutex_);
    const double f = r.fraction_.load();
    if (r.first_fraction_ < 0.0 || f <= r.first_fraction_) return -1.0;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - r.first_time_).count();
    const double rate = (f - r.first_fraction_) / std::max(elapsed, 1e-9);
    return (1.0 - f) / rate;
}

std::string formatDuration(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return "--";
    char buf[64];
    const long s = std::lround(seconds);
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld s", s);
    return buf;
}

void ConsoleProgress::onReport(double fraction, double seconds_left, const std::string& message) {
    if (!enabled_) return;
    const int width = 30;
    const int filled = static_cast<int>(std::lround(fraction * width));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r[%s] %5.1f%%  left %-12s %-40.40s", bar.c_str(), 100.0 * fraction,
                 formatDuration(seconds_left).c_str(), message.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ConsoleProgress::finish() {
    if (drawn_) {
        std::fputc('\n', stderr);
        drawn_ = false;
    }
}

}  // namespace kronscope::core
