#!/bin/sh
# Installs nanocode: picks the release archive for this machine (OS, CPU, musl or glibc, CPUs
# without AVX2), verifies it against SHA256SUMS, and puts the binary in ~/.local/bin.
#
#   curl -fsSL <release-url>/install.sh | sh                 the latest release
#   curl -fsSL <release-url>/install.sh | sh -s -- 0.2.0     a given version
#
# Environment: NANOCODE_RELEASE_URL (where the archives are; default: the latest GitHub release),
# NANOCODE_INSTALL_DIR (default: ~/.local/bin), NANOCODE_TARGET (force e.g. linux-x64-musl).
set -eu

REPO_URL="https://github.com/nanocode-dev/nanocode"
version="${1:-}"
if [ -n "${NANOCODE_RELEASE_URL:-}" ]; then
  base="${NANOCODE_RELEASE_URL%/}"
elif [ -n "$version" ]; then
  base="$REPO_URL/releases/download/v${version#v}"
else
  base="$REPO_URL/releases/latest/download"
fi
install_dir="${NANOCODE_INSTALL_DIR:-$HOME/.local/bin}"

fail() {
  echo "nanocode install: $*" >&2
  exit 1
}

detect_target() {
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) fail "on Windows, download nanocode-windows-x64.zip from $base and put nanocode.exe on your PATH" ;;
    *) fail "unsupported OS: $(uname -s)" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) fail "unsupported CPU: $(uname -m)" ;;
  esac
  # An x64 nanocode under Rosetta 2 would run emulated: take the native arm64 build.
  if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
    arch=arm64
  fi
  target="$os-$arch"
  if [ "$os" = linux ]; then
    if [ -f /etc/alpine-release ] || (ldd --version 2>&1 || true) | grep -qi musl; then
      target="$target-musl"
    elif [ "$arch" = x64 ] && ! grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
      target="$target-baseline"
    fi
  elif [ "$arch" = x64 ] && ! sysctl -n machdep.cpu.leaf7_features 2>/dev/null | grep -qw AVX2; then
    fail "this Mac has no AVX2; no baseline build exists for macOS"
  fi
}

download() { # url file
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "needs curl or wget"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "needs sha256sum or shasum to verify the download"
  fi
}

target="${NANOCODE_TARGET:-}"
[ -n "$target" ] || detect_target
archive="nanocode-$target.tar.gz"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "Downloading $archive from $base"
download "$base/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download $base/SHA256SUMS"
expected="$(awk -v name="$archive" '$2 == name { print $1 }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || fail "$archive is not in this release's SHA256SUMS"
download "$base/$archive" "$tmp/$archive" || fail "cannot download $base/$archive"
actual="$(sha256_of "$tmp/$archive")"
[ "$actual" = "$expected" ] || fail "checksum mismatch for $archive (expected $expected, got $actual): nothing was installed"

tar -xzf "$tmp/$archive" -C "$tmp" nanocode || fail "cannot unpack $archive"
"$tmp/nanocode" --version >/dev/null 2>&1 || fail "the downloaded binary does not run on this machine ($target)"

mkdir -p "$install_dir"
# Copy next to the target, then rename over it: a running nanocode keeps working, and an
# interrupted install never leaves half a binary.
cp "$tmp/nanocode" "$install_dir/.nanocode.new.$$"
chmod 755 "$install_dir/.nanocode.new.$$"
mv -f "$install_dir/.nanocode.new.$$" "$install_dir/nanocode"

echo "Installed nanocode $("$install_dir/nanocode" --version | cut -d' ' -f1) to $install_dir/nanocode"
case ":$PATH:" in
  *":$install_dir:"*) ;;
  *) echo "Add it to your PATH: export PATH=\"$install_dir:\$PATH\"" ;;
esac
