# Sourced by bin/hepgraph and .ci/run: picks the JDK (Temurin 25 where installed, else JAVA_HOME,
# else java on PATH; at least 21) and the JVM flags that JDK needs. Sets JAVA, JAVA_HOME, HEPGRAPH_JVM_FLAGS.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java)"; fi
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${JAVA_MAJOR%%.*}" -lt 21 ]; then
  echo "hepgraph: needs JDK 21 or newer (25 recommended), found $JAVA_MAJOR at $JAVA; set JAVA_HOME" >&2
  exit 1
fi
HEPGRAPH_JVM_FLAGS="--add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED"
# JDK 24+ only: older JVMs refuse this flag.
if [ "${JAVA_MAJOR%%.*}" -ge 24 ]; then
  HEPGRAPH_JVM_FLAGS="$HEPGRAPH_JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
fi
export JAVA JAVA_HOME HEPGRAPH_JVM_FLAGS
