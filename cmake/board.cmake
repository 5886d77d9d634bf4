# Runs boards/board.py at configure time: loads the board's CMake values and generates board.h.
# Runs before project(), so it may only use the host's Python and plain CMake.
set(PYTHON /usr/bin/python3 CACHE FILEPATH "Debian's Python, which has the project's libraries")
set(BOARD_PY ${CMAKE_CURRENT_LIST_DIR}/../boards/board.py)
set(BOARD_FILE ${CMAKE_CURRENT_LIST_DIR}/../boards/${BOARD}.toml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${BOARD_FILE} ${BOARD_PY})

execute_process(
  COMMAND ${PYTHON} ${BOARD_PY} cmake ${BOARD} -o ${CMAKE_BINARY_DIR}/board_values.cmake
  RESULT_VARIABLE board_status ERROR_VARIABLE board_error)
if(NOT board_status EQUAL 0)
  message(FATAL_ERROR "board '${BOARD}': ${board_error}")
endif()
include(${CMAKE_BINARY_DIR}/board_values.cmake)

file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/gen)
execute_process(
  COMMAND ${PYTHON} ${BOARD_PY} header ${BOARD} -o ${CMAKE_BINARY_DIR}/gen/board.h
  RESULT_VARIABLE board_status ERROR_VARIABLE board_error)
if(NOT board_status EQUAL 0)
  message(FATAL_ERROR "board '${BOARD}': ${board_error}")
endif()
set(ARCH ${BOARD_ARCH})
