#!/usr/bin/env bash
# Runs every test: the Catch2 unit tests and the endpoint's tests (ctest), then the
# end-to-end tests in headless Chromium against build/web/dist. Prints one summary line.
#   tools/test.sh                   # everything CI runs, the native tests twice: plain, then built
#                                   # with AddressSanitizer and UndefinedBehaviorSanitizer (build/asan)
#   LIAOXIU_ASAN=0 tools/test.sh    # without the sanitizer pass (quicker while iterating)
set -uo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh || exit 1
tools/build.sh all || exit 1

log_dir=build/test-logs
mkdir -p "$log_dir"
jobs=$(nproc)

# ctest's summary line "…% tests passed, F tests failed out of T" → "T F" (nothing if absent).
ctest_counts() { awk '/tests passed, .* tests failed out of/ {print $NF, $4}' "$1" | tail -1; }

echo "== ctest (unit and endpoint tests)"
ctest --preset native -j "$jobs" 2>&1 | tee "$log_dir/ctest.log"
ctest_status=${PIPESTATUS[0]}

asan_status=0
if [ "${LIAOXIU_ASAN:-1}" != 0 ]; then
  echo "== ctest again, built with AddressSanitizer and UndefinedBehaviorSanitizer (build/asan)"
  { [ -f build/asan/CMakeCache.txt ] || cmake --preset native-asan >/dev/null; } &&
    cmake --build --preset native-asan -j "$jobs" >"$log_dir/asan-build.log" 2>&1
  asan_build=$?
  if [ "$asan_build" != 0 ]; then
    tail -n 40 "$log_dir/asan-build.log"
    echo "the sanitizer build failed (log: $log_dir/asan-build.log)"
    asan_status=1
    : >"$log_dir/ctest-asan.log"
  else
    ctest --preset native-asan -j "$jobs" 2>&1 | tee "$log_dir/ctest-asan.log"
    asan_status=${PIPESTATUS[0]}
  fi
fi

echo "== end-to-end tests (headless Chromium)"
(cd tests/e2e && node --test --test-concurrency=1 ./*.test.js) 2>&1 | tee "$log_dir/e2e.log"
e2e_status=${PIPESTATUS[0]}

# One closing line for the whole run.
read -r ctest_total ctest_failed < <(ctest_counts "$log_dir/ctest.log")
asan_total=0 asan_failed=0
[ "${LIAOXIU_ASAN:-1}" = 0 ] || read -r asan_total asan_failed < <(ctest_counts "$log_dir/ctest-asan.log")
e2e_passed=$(awk '/^# pass / {print $3}' "$log_dir/e2e.log" | tail -1)
e2e_failed=$(awk '/^# fail / {print $3}' "$log_dir/e2e.log" | tail -1)
passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + ${asan_total:-0} - ${asan_failed:-0} + ${e2e_passed:-0} ))
failed=$(( ${ctest_failed:-0} + ${asan_failed:-0} + ${e2e_failed:-0} ))
[ "$ctest_status" = 0 ] && [ -n "${ctest_total:-}" ] || failed=$(( failed > 0 ? failed : 1 ))
[ "$asan_status" = 0 ] && { [ "${LIAOXIU_ASAN:-1}" = 0 ] || [ -n "${asan_total:-}" ]; } || failed=$(( failed > 0 ? failed : 1 ))
[ "$e2e_status" = 0 ] && [ -n "$e2e_passed" ] || failed=$(( failed > 0 ? failed : 1 ))
echo "Screenshots: build/e2e/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
