# libFuzzer targets (fuzz/*.cpp → fuzz_<name>), run by scripts/fuzz. Off by default.
#
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DTESSERA_FUZZ=ON -DTESSERA_TESTS=OFF
#
# Everything (the project's libraries included) is compiled with coverage instrumentation, ASan and
# UBSan; UBSan findings abort, so the fuzzer records them as crashes. Included at the end of the
# root CMakeLists.txt, so the flags are added to the targets that already exist.
option(TESSERA_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang++)" OFF)

if(TESSERA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TESSERA_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ (found ${CMAKE_CXX_COMPILER_ID})")
  endif()

  set(_tessera_fuzz_compile -fsanitize=fuzzer-no-link,address,undefined
                            -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  set(_tessera_fuzz_link -fsanitize=address,undefined)

  # The targets defined so far (the layer libraries, tessera, unit tests): instrument them too.
  get_property(_tessera_targets DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(_target IN LISTS _tessera_targets)
    get_target_property(_type ${_target} TYPE)
    if(_type STREQUAL "INTERFACE_LIBRARY")
      continue()
    endif()
    target_compile_options(${_target} PRIVATE ${_tessera_fuzz_compile})
    if(_type STREQUAL "EXECUTABLE" OR _type STREQUAL "SHARED_LIBRARY")
      target_link_options(${_target} PRIVATE -fsanitize=fuzzer-no-link ${_tessera_fuzz_link})
    endif()
  endforeach()

  # What each target exercises (see the comment at the top of its file).
  set(_fuzz_libs_form_parser tessera_http)
  set(_fuzz_libs_cookie_parser tessera_http)
  set(_fuzz_libs_request_target tessera_http)
  set(_fuzz_libs_json_escaping tessera_fapi nlohmann_json::nlohmann_json)
  set(_fuzz_libs_jwt_parse tessera_crypto)
  set(_fuzz_libs_base32 tessera_crypto)
  set(_fuzz_libs_config_loader tessera_config)

  file(GLOB _fuzz_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*.cpp)
  set(_fuzz_targets)
  foreach(_source IN LISTS _fuzz_sources)
    get_filename_component(_name ${_source} NAME_WE)
    if(NOT DEFINED _fuzz_libs_${_name})
      message(FATAL_ERROR "fuzz/${_name}.cpp: add its libraries to cmake/fuzzing.cmake")
    endif()
    add_executable(fuzz_${_name} ${_source})
    target_include_directories(fuzz_${_name} PRIVATE ${CMAKE_SOURCE_DIR}/fuzz)
    target_link_libraries(fuzz_${_name} PRIVATE ${_fuzz_libs_${_name}})
    target_compile_options(fuzz_${_name} PRIVATE ${_tessera_fuzz_compile})
    target_link_options(fuzz_${_name} PRIVATE -fsanitize=fuzzer ${_tessera_fuzz_link})
    list(APPEND _fuzz_targets fuzz_${_name})
  endforeach()
  add_custom_target(fuzz_all DEPENDS ${_fuzz_targets})
endif()
