#pragma once
// Errors raised by the core. Every message is one readable line that names the problem
// (file, tensor, setting) so that the CLI can print it and the GUI can show it as is.
#include <stdexcept>
#include <string>

namespace kronscope::core {

/// A problem with user input: a file, a checkpoint, a setting. Recoverable; nothing is lost.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A job stopped because the user cancelled it. Carries no partial result.
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace kronscope::core
