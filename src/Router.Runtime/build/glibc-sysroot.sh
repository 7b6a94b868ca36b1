#!/bin/sh
# Makes the glibc sysroot Router.Serverless links NativeAOT functions against, so that the published
# `bootstrap` needs at most glibc 2.28 and starts on every platform image (docs/hosting.md, "Deploying"):
# a Debian 11 (bullseye, glibc 2.31) userland with the C toolchain's libraries, made by debootstrap.
# It is also a place to run the binary as an older image would: `chroot DIR /fn/bootstrap invoke ...`.
#
#   sudo sh glibc-sysroot.sh [amd64|arm64] [DIR]
#
# DIR defaults to ~/.cache/router-serverless/sysroot/bullseye-<arch>, where every later publish of a
# function on Router.Serverless finds it without being told (RouterGlibcSysroot names another place).
# Needs root (it runs itself again under sudo when it can), debootstrap and clang (both installed with
# apt-get where they are missing), and about
# 400 MB of disk. ROUTER_DEBIAN_MIRROR names another Debian mirror. Running it again does nothing.
set -eu

arch="${1:-amd64}"
case "$arch" in
  amd64) triple=x86_64-linux-gnu ;;
  arm64) triple=aarch64-linux-gnu ;;
  *) echo "glibc-sysroot.sh: the architecture is amd64 or arm64, not '$arch'" >&2; exit 2 ;;
esac
home="${HOME:-/root}"
dir="${2:-$home/.cache/router-serverless/sysroot/bullseye-$arch}"
mirror="${ROUTER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [ -f "$dir/usr/lib/$triple/libc.so" ] && [ -f "$dir/.router-sysroot" ]; then
  echo "$dir"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  # debootstrap needs root: run again under sudo, into the same (the caller's) folder.
  if command -v sudo >/dev/null 2>&1; then
    exec sudo HOME="$home" ROUTER_DEBIAN_MIRROR="$mirror" sh "$0" "$arch" "$dir"
  fi
  echo "glibc-sysroot.sh: debootstrap needs root: sudo sh $0 $arch" >&2
  exit 2
fi

missing=""
command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v ld.lld >/dev/null 2>&1 || missing="$missing lld"
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "glibc-sysroot.sh: install$missing first" >&2
    exit 2
  fi
  echo "glibc-sysroot.sh: installing$missing" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi

# The C runtime, libm, libstdc++ and zlib to link against; SQLite's static library (linked into
# functions that use Microsoft.Data.Sqlite); OpenSSL's runtime, which .NET loads for hashing and TLS,
# so the userland also runs the binary.
packages=libc6-dev,libgcc-10-dev,libstdc++-10-dev,zlib1g-dev,libsqlite3-dev,libssl1.1,ca-certificates
work="$dir.partial"
rm -rf "$work"
mkdir -p "$(dirname "$dir")"
host_arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
foreign=""
[ "$host_arch" = "$arch" ] || foreign="--foreign"   # another architecture: unpacked, not configured
echo "glibc-sysroot.sh: debootstrap bullseye ($arch) into $dir" >&2
debootstrap --variant=minbase --arch="$arch" $foreign --include="$packages" bullseye "$work" "$mirror" >&2

# Absolute symlinks (libm.so -> /lib/...) would point into the build machine's own /lib when linking:
# make each relative to the sysroot.
find "$work" -type l | while read -r link; do
  target="$(readlink "$link")"
  case "$target" in
    /*) ln -sfn "$(realpath -m -s --relative-to="$(dirname "$link")" "$work$target")" "$link" ;;
  esac
done

# What a container runtime gives every platform image: localhost resolves (HttpListener needs it).
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$work/etc/hosts"

echo "bullseye $arch glibc 2.31, made by Router.Serverless's glibc-sysroot.sh" > "$work/.router-sysroot"
rm -rf "$dir"
mv "$work" "$dir"
echo "$dir"
