#!/usr/bin/env bash
# Builds the hepgraph wheel with the engine inside it, as PySpark ships its jars: the runnable
# python-bindings/target/hepgraph.jar goes to hepgraph/jars/ and its dependencies
# (target/lib/*.jar, less GraalPy's, see below) to hepgraph/jars/lib/, where
# hepgraph._jvm.find_jar looks first.
#
#   python-bindings/python/build_wheel.sh [OUT_DIR]     (default: python-bindings/python/dist)
#
# Needs the jars built first (./mvnw -B -DskipTests package -pl python-bindings -am) and a Python
# with pip and setuptools (>= 70.1, which builds wheels by itself), $PYTHON or python3. Builds from a staging copy of the package,
# so the source tree never holds jars (a checkout keeps using target/). No network: the build
# runs without isolation, with the setuptools of that Python.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/../target"
OUT="$(mkdir -p "${1:-$HERE/dist}" && cd "${1:-$HERE/dist}" && pwd)"
PYTHON="${PYTHON:-python3}"
if [ ! -f "$TARGET/hepgraph.jar" ] || ! compgen -G "$TARGET/lib/*.jar" >/dev/null; then
  echo "build_wheel.sh: no $TARGET/hepgraph.jar or $TARGET/lib/*.jar; build them first with" \
    "./mvnw -B -DskipTests package -pl python-bindings -am" >&2
  exit 1
fi
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -r "$HERE/pyproject.toml" "$HERE/README.md" "$HERE/hepgraph" "$STAGE/"
rm -rf "$STAGE/hepgraph/jars" "$STAGE/hepgraph/__pycache__"
mkdir -p "$STAGE/hepgraph/jars/lib"
cp "$TARGET/hepgraph.jar" "$STAGE/hepgraph/jars/"
# GraalPy (org.graalvm.*, all at the pinned graalpy.version, plus the bouncycastle jars it brings)
# stays out: about 170 MB that only `bin/hepgraph run` uses, never a CPython session.
GRAALPY_VERSION="$(sed -n 's:.*<graalpy.version>\(.*\)</graalpy.version>.*:\1:p' "$HERE/../../pom.xml")"
for jar in "$TARGET"/lib/*.jar; do
  case "$(basename "$jar")" in
    *-"${GRAALPY_VERSION:-none}".jar | bc*-jdk18on-*.jar) ;;
    *) cp "$jar" "$STAGE/hepgraph/jars/lib/" ;;
  esac
done
"$PYTHON" -m pip wheel -q --no-deps --no-build-isolation -w "$OUT" "$STAGE"
ls "$OUT"/hepgraph-*.whl
