# Warning flags for the project's own code (third-party headers are included as SYSTEM).
add_library(kronscope_warnings INTERFACE)
target_compile_options(kronscope_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>)
