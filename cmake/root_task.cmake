# add_root_task(<name> SOURCES ... [INCLUDES ...] [EXPECTED_STATUS n]): a freestanding root task
# ELF linked against libsel4 and sel4runtime; n (default 0) is the guest status it ends with
# when it works. On image boards (aarch64, riscv64) it is also packed with the kernel into
# images/<name>.img by harness/pack.py. Every root task is listed in run-manifest.json, which
# tells the harness what to give QEMU.
set(ROOT_TASK_LINKER_SCRIPT ${CMAKE_SOURCE_DIR}/kernel/libsel4/runtime/root_task.ld)
set(PACK_PY ${CMAKE_SOURCE_DIR}/harness/pack.py)

function(add_root_task name)
  cmake_parse_arguments(RT "" "EXPECTED_STATUS" "SOURCES;INCLUDES" ${ARGN})
  if(NOT DEFINED RT_EXPECTED_STATUS)
    set(RT_EXPECTED_STATUS 0)
  endif()
  add_executable(${name} ${RT_SOURCES})
  set_target_properties(${name} PROPERTIES SUFFIX ".elf")
  target_include_directories(${name} PRIVATE ${RT_INCLUDES})
  target_compile_options(${name} PRIVATE ${USER_C_FLAGS})
  target_link_libraries(${name} PRIVATE sel4runtime sel4)
  target_link_options(${name} PRIVATE ${USER_LINK_FLAGS} -T ${ROOT_TASK_LINKER_SCRIPT})
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${ROOT_TASK_LINKER_SCRIPT})
  set(elf $<TARGET_FILE:${name}>)
  if(BOARD_BOOT_METHOD STREQUAL "image")
    set(image ${CMAKE_BINARY_DIR}/images/${name}.img)
    add_custom_command(OUTPUT ${image}
      COMMAND ${PYTHON} ${PACK_PY} --kernel ${KERNEL_BOOT_IMAGE} --root-task ${elf} -o ${image}
      DEPENDS ${name} kernel ${PACK_PY} ${KERNEL_BOOT_IMAGE}
      COMMENT "Packing kernel and ${name} into ${name}.img")
    add_custom_target(${name}-image ALL DEPENDS ${image})
    set_property(GLOBAL APPEND PROPERTY ROOT_TASK_MANIFEST
      "\"${name}\": {\"kernel\": \"${image}\", \"initrd\": null, \"elf\": \"${elf}\", \"expected_status\": ${RT_EXPECTED_STATUS}}")
  else()
    set_property(GLOBAL APPEND PROPERTY ROOT_TASK_MANIFEST
      "\"${name}\": {\"kernel\": \"${KERNEL_BOOT_IMAGE}\", \"initrd\": \"${elf}\", \"elf\": \"${elf}\", \"expected_status\": ${RT_EXPECTED_STATUS}}")
  endif()
endfunction()

# run-manifest.json: board, arch, toolchain, options and every root task's boot files.
function(root_task_write_manifest)
  get_property(entries GLOBAL PROPERTY ROOT_TASK_MANIFEST)
  list(JOIN entries ",\n    " body)
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/run-manifest.json CONTENT
"{
  \"board\": \"${BOARD}\",
  \"arch\": \"${ARCH}\",
  \"toolchain\": \"${TOOLCHAIN}\",
  \"compiler\": \"${CMAKE_C_COMPILER_ID} ${CMAKE_C_COMPILER_VERSION}\",
  \"options\": {${CONFIG_OPTIONS_JSON}},
  \"root_tasks\": {
    ${body}
  }
}
")
endfunction()
