/* Stand-in arch for host unit tests: no arch object types. */
#pragma once
#define seL4_ObjectTypeCount seL4_NonArchObjectTypeCount
#define seL4_MaxUntypedBits 47
#define seL4_ASIDPoolBits 12
