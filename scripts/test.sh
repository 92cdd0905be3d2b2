#!/usr/bin/env bash
# Every test: C++ (plain, then under AddressSanitizer and UndefinedBehaviorSanitizer), every public
# header compiled on its own, the Doxygen reference without a warning, every reader fuzzed for a few seconds,
# CMake consumers (find_package and add_subdirectory) and the C++ examples built against the installed package,
# the Python suite, mypy over the stubs, and a smoke run of the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
work=build/test
mkdir -p "$work"

step() { echo; echo "== $* =="; }

step "C++ tests"
cmake -S . -B "$work/plain" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DANTQ_HEADER_CHECK=ON >/dev/null
cmake --build "$work/plain" -j "$jobs"
ctest --test-dir "$work/plain" -j "$jobs" --output-on-failure

step "Doxygen reference over include/antq (docs/Doxyfile; any warning fails)"
cmake --build "$work/plain" --target antq_doxygen

step "C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B "$work/sanitize" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DANTQ_SANITIZE=ON >/dev/null
cmake --build "$work/sanitize" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$work/sanitize" -j "$jobs" --output-on-failure

step "Fuzz targets, a few seconds each, under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B "$work/fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DANTQ_FUZZ=ON \
  -DANTQ_BUILD_TESTS=OFF -DANTQ_INSTALL=OFF >/dev/null
cmake --build "$work/fuzz" -j "$jobs" --target antq_fuzz
bash tests/fuzz/run.sh "$work/fuzz" 5

step "CMake consumers, and the C++ examples run against the installed package"
rm -rf "$work/prefix" "$work/consumer-find" "$work/consumer-sub" "$work/examples"
cmake --install "$work/plain" --prefix "$work/prefix" >/dev/null
for notice in data/LICENSE-vn-admin.txt data/vn/LICENSE-*.txt; do  # the embedded data's notices, installed beside it
  cmp "$notice" "$work/prefix/share/doc/antq/${notice##*/}"
done
cmake -S tests/cmake/find_package -B "$work/consumer-find" -G Ninja -DCMAKE_PREFIX_PATH="$PWD/$work/prefix" >/dev/null
cmake --build "$work/consumer-find" >/dev/null
"$work/consumer-find/consumer"
cmake -S tests/cmake/add_subdirectory -B "$work/consumer-sub" -G Ninja -DANTQ_SOURCE_DIR="$PWD" >/dev/null
cmake --build "$work/consumer-sub" >/dev/null
"$work/consumer-sub/consumer"
cmake -S examples -B "$work/examples" -G Ninja -DCMAKE_PREFIX_PATH="$PWD/$work/prefix" >/dev/null
cmake --build "$work/examples" -j "$jobs" >/dev/null
.venv/bin/python tests/cmake/check_examples.py "$work/examples"

step "mypy over the package, its stubs and a typed example"
.venv/bin/python -m mypy

step "Python tests"
.venv/bin/python -m pytest -q tests/python
