# riscv64 (Sv39, S-mode under OpenSBI): compiler flags, the linker script, and kernel.bin, the
# flat image with a RISC-V Linux image header that QEMU's -kernel loads at 0x80200000.
# GCC 12 (binutils 2.40) needs the zicsr/zifencei extensions named; clang 14 rejects the names
# and includes them in the base ISA. -mno-relax: lld 14 cannot relax and rejects R_RISCV_ALIGN.
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  set(RISCV_ISA_SUFFIX "_zicsr_zifencei")
else()
  set(RISCV_ISA_SUFFIX "")
endif()

# The kernel's C code never touches FP registers (rv64imac), so user FP state survives kernel
# entry untouched; only fpu.S saves and loads it, so .S files are assembled with F and D too
# (clang 14 knows no ".option arch"). The ABI stays lp64 for both.
set(KERNEL_ARCH_C_FLAGS
  $<IF:$<COMPILE_LANGUAGE:ASM>,-march=rv64imafdc${RISCV_ISA_SUFFIX},-march=rv64imac${RISCV_ISA_SUFFIX}>
  -mabi=lp64 -mcmodel=medany -mno-relax)
set(KERNEL_ARCH_LINK_FLAGS -march=rv64imac${RISCV_ISA_SUFFIX} -mabi=lp64 -mno-relax)
set(USER_ARCH_C_FLAGS
  -march=rv64imafdc${RISCV_ISA_SUFFIX} -mabi=lp64d -mcmodel=medany -mno-relax)
set(USER_ARCH_LINK_FLAGS -march=rv64imafdc${RISCV_ISA_SUFFIX} -mabi=lp64d -mno-relax)
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  list(APPEND KERNEL_ARCH_LINK_FLAGS -Wl,--no-relax)
  list(APPEND USER_ARCH_LINK_FLAGS -Wl,--no-relax)
endif()

set(KERNEL_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/linker.ld)
set(KERNEL_BOOT_IMAGE ${CMAKE_BINARY_DIR}/kernel/kernel.bin)

# kernel.elf -> kernel.bin: the loadable sections from the image header on, bss left out
# (the header's image_size covers it).
function(kernel_boot_image target)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:${target}> ${KERNEL_BOOT_IMAGE}
    BYPRODUCTS ${KERNEL_BOOT_IMAGE}
    COMMENT "Making kernel.bin (flat image with a RISC-V image header)")
endfunction()
