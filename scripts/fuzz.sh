#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ with the library sources (ASan + libFuzzer, from the Swift
# toolchain) and runs each for a bounded time: scripts/fuzz.sh [seconds per harness, default 20] [harness…]
# Harnesses: payload (hook payload → log line), reader (small vs 1 MiB reads), settings (JSONDocument).
# A crash leaves its input as Fuzz/crash-<harness>-*; rerun one with: .build/fuzz/<harness> <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(payload reader settings)
out=.build/fuzz
mkdir -p "$out"
# shellcheck disable=SC2054  # -sanitize=fuzzer,address is one flag; its comma is swiftc's list
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$out" -L "$out" -module-cache-path "$out/cache")
# -sanitize=fuzzer on the libraries instruments them for coverage; their own main-less code links in.
# Source paths hold no spaces: the file list is split into words on purpose.
# shellcheck disable=SC2046
swiftc "${flags[@]}" -module-name SessionLogCore -emit-module -emit-module-path "$out/SessionLogCore.swiftmodule" \
    -emit-library -static -o "$out/libSessionLogCore.a" $(find Sources/SessionLogCore -name '*.swift' | sort) 2>&1 \
    | grep -v 'Cannot export local symbol' || true
# shellcheck disable=SC2046
[ "${harnesses[*]}" = payload ] || swiftc "${flags[@]}" -module-name SessionStats -emit-module -emit-module-path "$out/SessionStats.swiftmodule" \
    -emit-library -static -o "$out/libSessionStats.a" $(find Sources/SessionStats -name '*.swift' | sort) 2>&1 \
    | grep -v 'Cannot export local symbol' || true
status=0
for harness in "${harnesses[@]}"; do
    source=Fuzz/$(tr '[:lower:]' '[:upper:]' <<<"${harness:0:1}")${harness:1}Fuzzer.swift
    libraries=("$out/libSessionLogCore.a")
    [ "$harness" = payload ] || libraries=("$out/libSessionStats.a" "${libraries[@]}")
    swiftc "${flags[@]}" -o "$out/$harness" "$source" "${libraries[@]}" 2>&1 \
        | grep -v 'Cannot export local symbol' || true
    corpus="$out/corpus-$harness"
    mkdir -p "$corpus"
    echo "== fuzz $harness for ${seconds}s"
    if ! "$out/$harness" "$corpus" -max_total_time="$seconds" -max_len=4096 -print_final_stats=0 \
        -artifact_prefix="Fuzz/crash-$harness-" 2>"$out/$harness.log"; then
        tail -40 "$out/$harness.log"
        status=1
    else
        grep -E '^Done|^#[0-9]+ *DONE' "$out/$harness.log" | tail -1
    fi
done
exit $status
