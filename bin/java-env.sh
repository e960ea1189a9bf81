# Sourced by bin/hepgraph, bin/demo and bin/test: picks a JDK 25 (hepgraph compiles with
# release 25) from, in order, JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64 and `java` on the PATH,
# and sets JAVA, JAVA_HOME (for the Maven wrapper) and HEPGRAPH_JVM_FLAGS.
hepgraph_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
JAVA=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    major="$(hepgraph_java_major "$candidate")"
    if [ "${major%%.*}" -ge 25 ] 2>/dev/null; then JAVA="$candidate"; break; fi
  fi
done
if [ -z "$JAVA" ]; then
  echo "hepgraph: needs JDK 25 (it compiles with release 25); none found in JAVA_HOME," \
    "/usr/lib/jvm/temurin-25-jdk-amd64 or on the PATH. Install Temurin 25 and set JAVA_HOME to it." >&2
  exit 1
fi
JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"
HEPGRAPH_JVM_FLAGS="--add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
export JAVA JAVA_HOME HEPGRAPH_JVM_FLAGS
