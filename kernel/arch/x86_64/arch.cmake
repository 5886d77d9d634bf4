# x86_64: the kernel is linked as elf64 at its upper-half addresses (boot code at its physical
# address, see linker.ld). QEMU's multiboot loader takes only 32-bit ELF, so the boot image is
# kernel.elf converted with objcopy -O elf32-i386: the same bytes, addresses and entry point.
set(KERNEL_ARCH_C_FLAGS -mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2)
set(KERNEL_ARCH_LINK_FLAGS -Wl,-z,max-page-size=0x1000)
set(USER_ARCH_C_FLAGS "")
set(USER_ARCH_LINK_FLAGS -Wl,-z,max-page-size=0x1000)
set(KERNEL_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/linker.ld)
set(KERNEL_BOOT_IMAGE ${CMAKE_BINARY_DIR}/kernel/kernel32.elf)

function(kernel_boot_image target)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_OBJCOPY} -O elf32-i386 $<TARGET_FILE:${target}> ${KERNEL_BOOT_IMAGE}
    BYPRODUCTS ${KERNEL_BOOT_IMAGE}
    COMMENT "Making kernel32.elf, the 32-bit ELF QEMU's multiboot loader boots")
endfunction()
