# Shared helpers for scripts/start, scripts/test and scripts/bundle (sourced,
# not run). Linux developer and CI machines only: Debian/Ubuntu with apt.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive
export PATH="$HOME/.cargo/bin:$PATH"

log() {
  printf '\n==> %s\n' "$*" >&2
}

die() {
  printf 'Ошибка: %s\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "нужны права root или sudo для: $*"
  fi
}

# Installs only the packages that are not installed yet, so a second run is
# quiet and does not touch the network.
apt_install() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 ||
    die "нет apt-get; установите вручную: ${missing[*]}"
  log "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

# The app needs a desktop session; say so before minutes of building, in the
# words the app itself uses (src-tauri/src/lib.rs, no_graphical_session).
ensure_display() {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    die "Не удалось открыть окно: нет графического сеанса (DISPLAY/WAYLAND_DISPLAY не заданы). Запустите «Методист» из рабочего стола."
  fi
}

ensure_build_deps() {
  apt_install build-essential pkg-config ca-certificates curl libwebkit2gtk-4.1-dev
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    log "installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
      sh -s -- -y --profile minimal --component clippy,rustfmt
  fi
  if command -v rustup >/dev/null 2>&1; then
    local component
    for component in clippy rustfmt; do
      if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        rustup component add "$component"
      fi
    done
  fi
}

# Cross-compiling for Windows from Linux (scripts/test's check,
# scripts/bundle-windows): the Rust standard library for the GNU target, and
# mingw's gcc and binutils, which the build scripts need even for `cargo
# check` (cc for the bundled SQLite, windres for the app's icon and manifest)
# and the linker needs for the .exe files.
WINDOWS_TARGET=x86_64-pc-windows-gnu
ensure_windows_target() {
  apt_install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  command -v rustup >/dev/null 2>&1 ||
    die "нужен rustup, чтобы добавить цель $WINDOWS_TARGET (Rust установлен без него)"
  if ! rustup target list --installed | grep -qx "$WINDOWS_TARGET"; then
    log "rustup target add $WINDOWS_TARGET"
    rustup target add "$WINDOWS_TARGET"
  fi
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

# npm install, not npm ci: the lockfile keeps only the Linux build of the
# Tauri CLI's platform packages and npm ci rejects it (README "End-to-end tests").
build_ui() {
  log "building the UI (ui/ -> ui/dist)"
  (
    cd "$ROOT/ui"
    npm install --no-audit --no-fund --loglevel=error
    npm run --silent build
  )
}
