#!/usr/bin/env bash
# Builds the event-decoder fuzzer with libFuzzer and runs it on the corpus.
# Usage: Fuzz/run.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")"
out=../.build/fuzz
mkdir -p "$out" corpus-new
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name HilumCore \
    ../Sources/HilumCore/*.swift -emit-library -static -o "$out/libHilumCoreFuzz.a" -emit-module -emit-module-path "$out/HilumCore.swiftmodule"
swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$out" -L "$out" -lHilumCoreFuzz EventDecoderFuzz.swift -o "$out/event-decoder-fuzz"
"$out/event-decoder-fuzz" -max_total_time="${1:-60}" -max_len=300000 corpus-new corpus
