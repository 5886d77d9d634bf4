# Every build option, once: name, default, one-line doc. Each reaches C as CONFIG_<NAME>,
# always defined to 0 or 1, through the generated config.h.
set(CONFIG_OPTIONS "")

macro(config_option name default doc)
  option(${name} "${doc}" ${default})
  list(APPEND CONFIG_OPTIONS ${name})
endmacro()

config_option(FASTPATH ON
  "Hand-tuned Call/ReplyRecv fastpath (lands with the IPC issue; no effect before it)")
config_option(BENCHMARK OFF
  "Benchmark build for sel4bench: release kernel (DEBUG off), no kernel printing but a panic, the benchmark syscalls")
# A benchmark build is a release build: DEBUG defaults to OFF there and may not be ON.
if(BENCHMARK)
  set(debug_default OFF)
else()
  set(debug_default ON)
endif()
config_option(DEBUG ${debug_default}
  "Debug syscalls: DebugHalt (ends the run with a status), DebugCapIdentify, DebugNameThread")
if(BENCHMARK AND DEBUG)
  message(FATAL_ERROR "BENCHMARK=ON is a release build: configure it with DEBUG=OFF")
endif()
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

# sel4bench's samples per case after its warm-up (sel4bench/main.c); benchmark builds only.
set(BENCH_SAMPLES 1000 CACHE STRING "Measured samples per sel4bench case (1 to 100000)")
if(NOT BENCH_SAMPLES MATCHES "^[1-9][0-9]*$" OR BENCH_SAMPLES GREATER 100000)
  message(FATAL_ERROR "BENCH_SAMPLES='${BENCH_SAMPLES}': expected an integer from 1 to 100000")
endif()

# One sel4bench case alone (harness profile): its id; empty (the default) runs the whole
# table. The counter overhead, the table's first case, runs either way.
set(BENCH_CASE "" CACHE STRING "Run only this sel4bench case (empty: every case)")
if(NOT BENCH_CASE MATCHES "^[a-z0-9_]*$")
  message(FATAL_ERROR "BENCH_CASE='${BENCH_CASE}': expected a case id (a-z, 0-9, _) or nothing")
endif()

# Characters of padding sel4bench prints before its header (a note line): it shifts the time
# at which every case starts, so a test can show that no case's figures depend on it.
set(BENCH_PHASE_PAD 0 CACHE STRING "Padding characters before sel4bench's header (0 to 100000)")
if(NOT BENCH_PHASE_PAD MATCHES "^[0-9]+$" OR BENCH_PHASE_PAD GREATER 100000)
  message(FATAL_ERROR "BENCH_PHASE_PAD='${BENCH_PHASE_PAD}': expected an integer from 0 to 100000")
endif()
