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
config_option(STOP_WHEN_DEAD ON
  "Stop the machine (status 125) when no thread can ever run again, instead of idling forever")

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

# The fuzz root task's seed (tests/fuzz; harness run --fuzz-seed): 1 to 2**64-1, decimal or
# 0x hex. 0 is refused: the fuzzer's xorshift generator would repeat one invocation forever.
set(FUZZ_SEED 0x2545f4914f6cdd1d CACHE STRING "Seed of the syscall fuzzer (1 to 2**64-1)")
string(REGEX REPLACE "^0x0*" "0x" fuzz_seed_digits "${FUZZ_SEED}")
string(LENGTH "${FUZZ_SEED}" fuzz_seed_length)
if(FUZZ_SEED MATCHES "^0x[0-9a-fA-F]+$")
  string(LENGTH "${fuzz_seed_digits}" fuzz_seed_length)
  set(fuzz_seed_ok 0)
  if(fuzz_seed_length GREATER 2 AND fuzz_seed_length LESS_EQUAL 18)
    set(fuzz_seed_ok 1)
  endif()
elseif(FUZZ_SEED MATCHES "^[1-9][0-9]*$" AND (fuzz_seed_length LESS 20 OR
       (fuzz_seed_length EQUAL 20 AND FUZZ_SEED STRLESS_EQUAL "18446744073709551615")))
  set(fuzz_seed_ok 1)
else()
  set(fuzz_seed_ok 0)
endif()
if(NOT fuzz_seed_ok)
  message(FATAL_ERROR "FUZZ_SEED='${FUZZ_SEED}': expected an integer from 1 to 2**64-1 "
    "(decimal, or hex with 0x); 0 would make the fuzzer repeat one invocation")
endif()
