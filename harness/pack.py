#!/usr/bin/python3
"""Pack a kernel and any root-task ELF into one boot image (aarch64, riscv64).

The kernel binary starts with a Linux-style image header whose image_size field (offset 16,
little-endian) covers its code, data and bss. The root task goes on the first page boundary
after that, behind a 64-byte header (kernel/include/core/boot.h, struct packed_root_task):
magic "ROOTTASK", ELF offset from the header, ELF size, 40 reserved bytes. The result is what
QEMU's -kernel, or a board's boot loader, loads. Standard library only.
"""
import argparse
import os
import struct
import sys

PAGE = 4096
HEADER = struct.Struct("<8sQQ40x")
MAGIC = b"ROOTTASK"
IMAGE_SIZE_OFFSET = 16
ELF_MAGIC = b"\x7fELF"


class PackError(Exception):
    pass


def round_up(value, align):
    return (value + align - 1) // align * align


def pack(kernel: bytes, root_task: bytes) -> bytes:
    """The packed image: kernel, padding, header, root-task ELF."""
    if len(kernel) < IMAGE_SIZE_OFFSET + 8:
        raise PackError("kernel binary too short for an image header")
    (image_size,) = struct.unpack_from("<Q", kernel, IMAGE_SIZE_OFFSET)
    if image_size < len(kernel):
        raise PackError(f"kernel image_size {image_size} is smaller than the file ({len(kernel)})")
    if not root_task.startswith(ELF_MAGIC):
        raise PackError("root task is not an ELF file")
    header_at = round_up(image_size, PAGE)
    header = HEADER.pack(MAGIC, HEADER.size, len(root_task))
    image = kernel + bytes(header_at - len(kernel)) + header + root_task
    return image + bytes(round_up(len(image), 8) - len(image))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True, help="flat kernel binary (kernel.bin)")
    parser.add_argument("--root-task", required=True, help="root task ELF, built anywhere")
    parser.add_argument("-o", "--output", required=True, help="boot image to write")
    args = parser.parse_args(argv)
    try:
        with open(args.kernel, "rb") as f:
            kernel = f.read()
        with open(args.root_task, "rb") as f:
            root_task = f.read()
        image = pack(kernel, root_task)
    except (OSError, PackError) as e:
        print(f"pack: {e}", file=sys.stderr)
        return 1
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(image)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
