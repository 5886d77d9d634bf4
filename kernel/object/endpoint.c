/* Endpoints: Send and Call. The rights rule is seL4's: a cap without Write is an error reply,
 * not a fault (ABI §11 row 1). Message transfer arrives with the IPC issue (#11). */
#include <object/endpoint.h>

struct syscall_error endpoint_decode(struct invocation *inv)
{
    if (!(cap_rights(inv->cap) & CAP_RIGHT_WRITE))
        return error_invalid_capability(0);
    return error_plain(seL4_IllegalOperation);
}
