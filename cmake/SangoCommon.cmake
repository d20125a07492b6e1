# One INTERFACE target that every Sango target links: the language standard, warnings, hardening and the
# strict Qt defines (after qBittorrent's cmake/Modules/CommonConfig.cmake).
include_guard(GLOBAL)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(sango_common INTERFACE)
add_library(sango::common ALIAS sango_common)
target_compile_features(sango_common INTERFACE cxx_std_20)
target_compile_options(sango_common INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<CONFIG:Release,RelWithDebInfo>:-D_FORTIFY_SOURCE=2 -fstack-protector-strong>)
# Full RELRO: the relocations are resolved at start and then made read-only (Debian's hardening "bindnow";
# lintian's hardening-no-bindnow otherwise).
target_link_options(sango_common INTERFACE LINKER:-z,relro LINKER:-z,now)
target_compile_definitions(sango_common INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_KEYWORDS QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER QT_STRICT_ITERATORS
  $<$<CONFIG:Release>:SANGO_RELEASE_BUILD=1>)

option(SANGO_WERROR "Treat warnings as errors" OFF)
if(SANGO_WERROR)
  target_compile_options(sango_common INTERFACE -Werror)
endif()

option(SANGO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(SANGO_SANITIZE)
  target_compile_options(sango_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(sango_common INTERFACE -fsanitize=address,undefined)
endif()
