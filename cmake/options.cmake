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

set(config_text "/* Generated from cmake/options.cmake; do not edit. */\n#pragma once\n")
foreach(name IN LISTS CONFIG_OPTIONS)
  if(${name})
    string(APPEND config_text "#define CONFIG_${name} 1\n")
  else()
    string(APPEND config_text "#define CONFIG_${name} 0\n")
  endif()
endforeach()
file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/gen/config.h CONTENT "${config_text}")
