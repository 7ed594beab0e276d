# Install the headers and a CMake package so that an installed copy is found with
# find_package(ontrack CONFIG) and used as ontrack::ontrack.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ONTRACK_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ontrack" CACHE STRING "Where the ontrack CMake package is installed")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/lib/include/ontrack" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS ontrack EXPORT ontrack-targets)
install(EXPORT ontrack-targets NAMESPACE ontrack:: DESTINATION "${ONTRACK_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/ontrack-config.cmake.in"
  "${PROJECT_BINARY_DIR}/ontrack-config.cmake" INSTALL_DESTINATION "${ONTRACK_CMAKE_DIR}")
# Header-only: the package fits any architecture.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/ontrack-config-version.cmake"
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/ontrack-config.cmake" "${PROJECT_BINARY_DIR}/ontrack-config-version.cmake"
  DESTINATION "${ONTRACK_CMAKE_DIR}")
