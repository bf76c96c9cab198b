#pragma once
// One progress / cancel contract for every long computation (architecture.md).
// Core code calls report(fraction, message) and checks cancelled() once per chunk or window.
// Nested steps take a sub-range: a sweep of N surgeries maps surgery i to [i/N, (i+1)/N].
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace kronscope::core {

class Progress {
  public:
    Progress() = default;
    virtual ~Progress() = default;
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// fraction in [0, 1] of this object's range. The root throttles what it passes on
    /// (every 0.1% of progress, a new message, or 0.25 s).
    void report(double fraction, const std::string& message = {});
    /// True once cancel() was called on this object, its root or any sub-range of it.
    bool cancelled() const { return root().cancelled_.load(); }
    /// Throws Cancelled if cancelled(): the usual check between chunks and windows.
    void throwIfCancelled() const;
    void cancel() { root().cancelled_.store(true); }

    /// Root-level fraction last reported.
    double fraction() const { return root().fraction_.load(); }
    /// Seconds left, estimated from the rate since the first report above zero; < 0 while unknown.
    double secondsLeft() const;

    /// The part [begin, end] of this range, as a Progress of its own (guaranteed copy elision).
    Progress sub(double begin, double end) { return Progress(this, begin, end); }

  protected:
    /// Receives throttled root-level reports. Implementations: console bar (CLI), Qt signal (app).
    virtual void onReport(double /*fraction*/, double /*seconds_left*/, const std::string& /*message*/) {}

  private:
    Progress(Progress* parent, double begin, double end) : parent_(parent), begin_(begin), end_(end) {}
    Progress& root() { return parent_ ? parent_->root() : *this; }
    const Progress& root() const { return parent_ ? parent_->root() : *this; }
    void reportRoot(double fraction, const std::string& message);

    Progress* parent_ = nullptr;
    double begin_ = 0.0, end_ = 1.0;

    std::atomic<bool> cancelled_{false};
    std::atomic<double> fraction_{0.0};
    mutable std::mutex mutex_;
    double last_emitted_ = -1.0;
    std::string last_message_;
    std::chrono::steady_clock::time_point last_emit_time_{};
    double first_fraction_ = -1.0;
    std::chrono::steady_clock::time_point first_time_{};
};

/// Console progress for the CLI: one bar on stderr with percent and time left (shown after the first chunk).
class ConsoleProgress : public Progress {
  public:
    explicit ConsoleProgress(bool enabled = true) : enabled_(enabled) {}
    ~ConsoleProgress() override { finish(); }
    /// Ends the bar's line (if one was drawn).
    void finish();

  protected:
    void onReport(double fraction, double seconds_left, const std::string& message) override;

  private:
    bool enabled_;
    bool drawn_ = false;
};

/// "1 h 02 min", "3 min 05 s", "12 s": time left as shown in bars and job panels.
std::string formatDuration(double seconds);

}  // namespace kronscope::core
