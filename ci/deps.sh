#!/usr/bin/env bash
# Install the Debian packages that the build, the tests, the harness and the analysis need, and
# nothing else. Idempotent: apt-get runs only when one of them is missing.
set -euo pipefail

packages=(
  cmake ninja-build gcc gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu binutils
  clang lld llvm
  qemu-system-x86 qemu-system-arm qemu-system-misc opensbi
  python3-pytest python3-pandas python3-matplotlib python3-scipy python3-jsonschema
  chromium linux-perf
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
