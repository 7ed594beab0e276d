// ontrack: tracking plan indicators against their targets.
// The single source of the version: CMake, the Python wheel and _core.__version__ read it from here.
#pragma once

#define ONTRACK_VERSION_MAJOR 0
#define ONTRACK_VERSION_MINOR 1
#define ONTRACK_VERSION_PATCH 0

namespace ontrack {

/// The library version as "major.minor.patch".
inline constexpr const char* version_string = "0.1.0";

}  // namespace ontrack
