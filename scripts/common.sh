# Shared by scripts/dpnet, scripts/submit.sh and the bench scripts: builds the jar when missing or older than the sources, and
# writes the class path of Spark and its dependencies (Maven's local repository) to target/classpath.txt.
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR="$ROOT/target/dpnet.jar"
CLASSPATH_FILE="$ROOT/target/classpath.txt"

# The --add-opens flags spark-submit adds on Java 17 (see Spark's JavaModuleOptions).
SPARK_JAVA_OPTS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
  # Where no native BLAS loads (dpnet.blas=java, or a platform without the bundled one), netlib's fastest Java BLAS
  # uses the Vector API.
  --add-modules=jdk.incubator.vector
)

ensure_built() {
  if [[ ! -f "$JAR" || ! -f "$CLASSPATH_FILE" ]] \
      || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf/defaults.conf" -newer "$JAR" -print -quit)" ]]; then
    echo "dpnet: building target/dpnet.jar (first use or changed sources)..." >&2
    (cd "$ROOT" && mvn -B -q -Dmaven.test.skip=true package dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=compile) >&2
  fi
}

# Runs a benchmark class of the test sources (io.dpnet.bench.*) with the test class path, compiling first.
run_bench_class() {
  local class=$1
  shift
  local test_classpath_file="$ROOT/target/test-classpath.txt"
  (cd "$ROOT" && mvn -B -q -DskipTests test-compile dependency:build-classpath \
      -Dmdep.outputFile="$test_classpath_file" -Dmdep.includeScope=test) >&2
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx8g} "${SPARK_JAVA_OPTS[@]}" \
    -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$test_classpath_file")" \
    "$class" "$@"
}
