#!/usr/bin/env bash
# Builds a libFuzzer target and runs it on its corpus.
# Usage: Fuzz/run.sh [SECONDS] [TARGET]   (default 60 s, target "event")
#   event  the event decoder (HilumCore's Event); corpus in corpus/
#   frame  the sync frame layer (FrameDecoder and SyncMessage); corpus in corpus-frame/
set -euo pipefail
cd "$(dirname "$0")"
out=../.build/fuzz
seconds="${1:-60}"
target="${2:-event}"
mkdir -p "$out"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name HilumCore \
    ../Sources/HilumCore/*.swift -emit-library -static -o "$out/libHilumCoreFuzz.a" -emit-module -emit-module-path "$out/HilumCore.swiftmodule"
case "$target" in
event)
    mkdir -p corpus-new
    swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$out" -L "$out" -lHilumCoreFuzz EventDecoderFuzz.swift -o "$out/event-decoder-fuzz"
    "$out/event-decoder-fuzz" -max_total_time="$seconds" -max_len=300000 corpus-new corpus
    ;;
frame)
    mkdir -p corpus-frame-new
    # The two HilumNet files import only HilumCore, so they build without sqlite3 or libsodium.
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name HilumNetFrames -I "$out" -L "$out" -lHilumCoreFuzz \
        ../Sources/HilumNet/FrameDecoder.swift ../Sources/HilumNet/SyncMessage.swift SyncFrameFuzz.swift -o "$out/sync-frame-fuzz"
    "$out/sync-frame-fuzz" -max_total_time="$seconds" -max_len=300000 corpus-frame-new corpus-frame
    ;;
*)
    echo "run.sh: unknown target '$target'; use event or frame" >&2
    exit 64
    ;;
esac
