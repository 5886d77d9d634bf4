# Every build option, once: name, default, one-line doc. Each reaches C as CONFIG_<NAME>,
# always defined to 0 or 1, through the generated config.h.
set(CONFIG_OPTIONS "")

macro(config_option name default doc)
  option(${name} "${doc}" ${default})
  list(APPEND CONFIG_OPTIONS ${name})
endmacro()

config_option(FASTPATH ON
  "Hand-tuned Call/ReplyRecv fastpath (lands with the IPC issue; no effect before it)")
config_option(DEBUG ON
  "Debug syscalls: DebugHalt (ends the run with a status), DebugCapIdentify, DebugNameThread")

# config.h for C, and CONFIG_OPTIONS_JSON ("NAME": true, ...) for the run manifest.
set(config_text "/* Generated from cmake/options.cmake; do not edit. */\n#pragma once\n")
set(option_values "")
foreach(name IN LISTS CONFIG_OPTIONS)
  if(${name})
    set(value 1)
    set(json true)
  else()
    set(value 0)
    set(json false)
  endif()
  string(APPEND config_text "#define CONFIG_${name} ${value}\n")
  list(APPEND option_values "\"${name}\": ${json}")
endforeach()
list(JOIN option_values ", " CONFIG_OPTIONS_JSON)
file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/gen/config.h CONTENT "${config_text}")
