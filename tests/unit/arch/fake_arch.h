/* Stand-in arch for host unit tests: its one capability type, a 4 KiB frame. */
#pragma once
#define FAKE_CAP_FRAME 1
