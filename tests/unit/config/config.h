/* The build options (cmake/options.cmake) for the host tests that compile a file reading them:
 * the defaults. */
#pragma once
#define CONFIG_STOP_WHEN_DEAD 1
