/* The host unit tests' build options (the kernel's builds generate theirs from
 * cmake/options.cmake): a debug build, as the system test's. */
#pragma once
#define CONFIG_FASTPATH 0
#define CONFIG_BENCHMARK 0
#define CONFIG_DEBUG 1
#define CONFIG_STOP_WHEN_DEAD 1
