# Clang and lld for the board's arch; same interface as gcc.cmake.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR ${ARCH})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# try_compile projects see ARCH only if it is passed on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ARCH)
set(CLANG_TARGET "${ARCH}-unknown-none-elf")
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${CLANG_TARGET})
set(CMAKE_ASM_COMPILER_TARGET ${CLANG_TARGET})
set(CMAKE_OBJCOPY llvm-objcopy CACHE FILEPATH "" FORCE)
set(TOOLCHAIN_LINK_FLAGS "-fuse-ld=lld")
