#!/usr/bin/env bash
# Install the Debian packages that the build, the tests, the harness and the analysis need, and
# nothing else. Idempotent: apt-get runs only when one of them is missing. Then LAVA's
# device-type templates (docs/lava.md): they ship in lava-server, which is never installed; its
# package is downloaded and only the templates are extracted, into build/lava-server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  cmake ninja-build gcc gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu binutils
  binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
  clang lld llvm
  qemu-system-x86 qemu-system-arm qemu-system-misc opensbi
  python3-pytest python3-pandas python3-matplotlib python3-scipy python3-jsonschema
  chromium linux-perf
  lava-dispatcher
)
templates=build/lava-server/device-types
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# The templates of the lava-server package that matches the installed lava-dispatcher.
lava_templates() {
  [ -f "$templates/qemu.jinja2" ] && return 0
  local version scratch
  version=$(dpkg-query -W -f='${Version}' lava-dispatcher)
  scratch=$(mktemp -d)
  if ! (cd "$scratch" && apt-get download -q "lava-server=$version" >/dev/null 2>&1); then
    $sudo apt-get update -q >/dev/null
    (cd "$scratch" && apt-get download -q "lava-server=$version" >/dev/null)
  fi
  dpkg-deb -x "$scratch"/lava-server_*.deb "$scratch/x"
  mkdir -p "$(dirname "$templates")"
  rm -rf "$templates"
  cp -r "$scratch/x/usr/share/lava-server/device-types" "$templates"
  rm -rf "$scratch"
  echo "deps: LAVA device-type templates of lava-server $version in $templates"
}

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages installed"
else
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  # lava-dispatcher enables lava-worker, which would poll a lava-server that is not there: the
  # suite only runs lava-run itself (docs/lava.md).
  if [[ " ${missing[*]} " == *" lava-dispatcher "* ]] && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now lava-worker.service >/dev/null 2>&1 || true
  fi
fi
lava_templates
