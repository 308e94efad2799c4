# argon2_reference: the Argon2 reference implementation (phc-winner-argon2 by the Argon2 authors,
# CC0/Apache-2.0) as npm's `argon2` package ships it in node_modules/argon2/argon2 (installed by
# `npm ci` from package-lock.json). Built with its SIMD fill (opt.c) for TESSERA_ARGON2_ARCH on
# x86-64, its portable fill (ref.c) elsewhere. Unlike libsodium, it lets the caller provide the
# work memory, so Tessera's hashing workers keep theirs between hashes (see crypto/argon2_kernel).
set(TESSERA_ARGON2_SOURCE_DIR "${CMAKE_SOURCE_DIR}/node_modules/argon2/argon2"
    CACHE PATH "Argon2 reference sources (npm package argon2)")
set(TESSERA_ARGON2_ARCH "native" CACHE STRING
    "-march for the argon2 fill (native, or e.g. x86-64-v3 for a binary that runs on any AVX2 CPU)")
if(NOT EXISTS "${TESSERA_ARGON2_SOURCE_DIR}/include/argon2.h")
  message(FATAL_ERROR "Argon2 reference sources not found in ${TESSERA_ARGON2_SOURCE_DIR}: "
                      "run `npm ci` (scripts/install-deps) first")
endif()
enable_language(C)
set(argon2_src "${TESSERA_ARGON2_SOURCE_DIR}/src")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  set(argon2_fill "${argon2_src}/opt.c")
else()
  set(argon2_fill "${argon2_src}/ref.c")
endif()
add_library(argon2_reference STATIC
  "${argon2_src}/argon2.c" "${argon2_src}/core.c" "${argon2_src}/encoding.c"
  "${argon2_src}/blake2/blake2b.c" "${argon2_fill}")
target_include_directories(argon2_reference SYSTEM PUBLIC "${TESSERA_ARGON2_SOURCE_DIR}/include")
target_include_directories(argon2_reference PRIVATE "${argon2_src}")
# Lanes are filled one after another on the calling thread (Tessera's pools are the threads).
target_compile_definitions(argon2_reference PRIVATE ARGON2_NO_THREADS)
# Third-party code: optimised even in debug builds, its warnings are not ours to fix.
target_compile_options(argon2_reference PRIVATE -O3 -w)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  target_compile_options(argon2_reference PRIVATE "-march=${TESSERA_ARGON2_ARCH}")
endif()
set_target_properties(argon2_reference PROPERTIES POSITION_INDEPENDENT_CODE ON)
