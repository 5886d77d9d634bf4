# Compiler and linker flags shared by the kernel and the root tasks. Everything is freestanding:
# no libc, no start files. The arch adds its own flags in kernel/arch/<arch>/arch.cmake.
set(COMMON_C_FLAGS
  -std=gnu11 -ffreestanding -fno-builtin -fno-common -fno-stack-protector -fno-pic -fno-pie
  -fno-asynchronous-unwind-tables -fno-unwind-tables
  -Wall -Wextra -Werror -g -O2)
set(COMMON_LINK_FLAGS -nostdlib -static -Wl,--build-id=none ${TOOLCHAIN_LINK_FLAGS})
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  list(APPEND COMMON_LINK_FLAGS -no-pie -Wl,--no-warn-rwx-segments)
endif()

# The file that defines memcpy/memset: keep GCC from turning its byte loops into calls to
# themselves. Call from the directory that compiles it.
function(compile_as_mem_functions file)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    set_source_files_properties(${file} PROPERTIES
      COMPILE_OPTIONS -fno-tree-loop-distribute-patterns)
  endif()
endfunction()

include(${CMAKE_SOURCE_DIR}/kernel/arch/${ARCH}/arch.cmake)

set(KERNEL_C_FLAGS ${COMMON_C_FLAGS} ${KERNEL_ARCH_C_FLAGS})
set(KERNEL_LINK_FLAGS ${COMMON_LINK_FLAGS} ${KERNEL_ARCH_LINK_FLAGS})
set(USER_C_FLAGS ${COMMON_C_FLAGS} ${USER_ARCH_C_FLAGS})
set(USER_LINK_FLAGS ${COMMON_LINK_FLAGS} ${USER_ARCH_LINK_FLAGS})
