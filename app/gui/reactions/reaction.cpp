#include "reactions/reactions.h"

#include "main_window.h"

namespace kronscope::app {

Reaction::Reaction(MainWindow& window) : QObject(&window), window_(window) {}

}  // namespace kronscope::app
