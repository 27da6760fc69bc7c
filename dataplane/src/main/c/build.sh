#!/bin/sh
# Compiles liboutpost-afpacket.so, the AF_PACKET port driver's JNI library, into the class
# output so that it is packaged in the jar at /native/linux-ARCH/. Run by Maven
# (exec-maven-plugin, process-classes phase) after javac has generated the JNI header:
#
#   build.sh CLASSES_DIR JNI_HEADER_DIR
#
# The compiler is ${CC:-gcc}. The JNI headers come from the JDK that Maven's toolchain selected
# (exec-maven-plugin passes its home as TOOLCHAIN_JAVA_HOME); run by hand, the JDK is found the
# way bin/outpost-java finds one: OUTPOST_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*, java on PATH.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 CLASSES_DIR JNI_HEADER_DIR" >&2
  exit 64
fi
classes=$1
headers=$2
src=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "outpost-dataplane: no C compiler found (looked for $cc); install gcc (apt-get install gcc) to build the AF_PACKET driver" >&2
  exit 69
fi

java_version() {  # the feature version of the JDK at $1, or nothing
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

jdk=""
for candidate in "${TOOLCHAIN_JAVA_HOME:-}" "${OUTPOST_JAVA_HOME:-}" "${JAVA_HOME:-}" \
    $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r) \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
  [ -n "$candidate" ] && [ -r "$candidate/include/jni.h" ] || continue
  v=$(java_version "$candidate")
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then
    jdk=${candidate%/}
    break
  fi
done
if [ -z "$jdk" ]; then
  echo "outpost-dataplane: no JDK 25 with JNI headers (include/jni.h) found; looked at TOOLCHAIN_JAVA_HOME, OUTPOST_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/* and java on PATH" >&2
  exit 69
fi

header="$headers/io_outpost_dataplane_port_afpacket_AfPacketNative.h"
if [ ! -r "$header" ]; then
  echo "outpost-dataplane: $header is missing; javac -h generates it when compiling AfPacketNative" >&2
  exit 66
fi

out="$classes/native/linux-$(uname -m)"
mkdir -p "$out"
# -D_FORTIFY_SOURCE and -fstack-protector-strong cost nothing measurable off the per-packet
# path, which is all this library is.
"$cc" -std=gnu11 -O2 -fPIC -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
  -shared -Wl,-z,relro,-z,now -Wl,-soname,liboutpost-afpacket.so \
  -I"$jdk/include" -I"$jdk/include/linux" -I"$headers" \
  -o "$out/liboutpost-afpacket.so" "$src/afpacket.c"
echo "outpost-dataplane: built $out/liboutpost-afpacket.so (JNI headers from $jdk)"
