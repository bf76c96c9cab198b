# Warning flags for the project's own code (third-party headers are included as SYSTEM).
add_library(kronscope_warnings INTERFACE)
target_compile_options(kronscope_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>)

# pip's LibTorch 2.x (torch/lib) exports std::filesystem functions built with an older libstdc++. An executable
# whose DT_NEEDED lists libtorch.so before libstdc++.so.6 binds e.g. std::filesystem::remove_all to that copy and
# crashes (seen with torch 2.11 + gcc 13). Naming libstdc++ before torch on the link line puts it first.
set(KRONSCOPE_STDCXX_FIRST "")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT APPLE)
  set(KRONSCOPE_STDCXX_FIRST stdc++)
endif()

# kronscope_use_torch(TARGET): torch headers (as SYSTEM) and libraries for a target outside core/, reusing core's
# precompiled torch header. gcc accepts a PCH only under the flags and macros it was built with, hence core's
# -fPIC and compile definitions.
function(kronscope_use_torch target)
  target_link_libraries(${target} PRIVATE ${KRONSCOPE_STDCXX_FIRST} ${TORCH_LIBRARIES})
  target_include_directories(${target} SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
  if(KRONSCOPE_USE_PCH)
    target_precompile_headers(${target} REUSE_FROM kronscope_core)
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang>:-fPIC>)
    target_compile_definitions(${target} PRIVATE $<TARGET_PROPERTY:kronscope_core,COMPILE_DEFINITIONS>)
  endif()
endfunction()
