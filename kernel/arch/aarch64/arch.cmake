# aarch64 build settings, included by cmake/flags.cmake for both toolchains. The kernel keeps
# to general registers (only fpu.S moves user FP/SIMD state) and links high (linker.ld); the
# board boots kernel.bin, a flat copy that starts with the arm64 Image header.
set(KERNEL_ARCH_C_FLAGS -mgeneral-regs-only -mno-outline-atomics)
set(KERNEL_ARCH_LINK_FLAGS -Wl,-z,max-page-size=4096)
set(USER_ARCH_C_FLAGS -mno-outline-atomics)
set(USER_ARCH_LINK_FLAGS -Wl,-z,max-page-size=4096)
set(KERNEL_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/linker.ld)
set(KERNEL_BOOT_IMAGE ${CMAKE_BINARY_DIR}/kernel/kernel.bin)

function(kernel_boot_image target)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:${target}> ${KERNEL_BOOT_IMAGE}
    BYPRODUCTS ${KERNEL_BOOT_IMAGE}
    COMMENT "Making kernel.bin (arm64 Image) from kernel.elf")
endfunction()
