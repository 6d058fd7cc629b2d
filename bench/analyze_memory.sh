#!/usr/bin/env bash
# Peak memory (RSS) of `provenance analyze` on 40-minute, 2-hour and 10-hour
# MP3s of real speech (LibriSpeech, speaker 1688) over a real kitchen noise
# (Speech Commands "doing the dishes"), 44.1 kHz mono 64 kb/s. The 10-hour
# file is the 2-hour one joined five times (stream copy).
# The same speech with real mains hum under it (the ENF-WHU references joined
# end to end, 400 Hz, resampled and mixed in) makes the 2-hour and 10-hour
# "hum" files, on which ENF runs in full (trace, edit scan), not only its
# presence test.
# Usage: bench/analyze_memory.sh [PROVENANCE_BINARY...]   (default build/provenance)
# Inputs are made once under ${TMPDIR:-/tmp}/provenance-memory-bench.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${PROVENANCE_SHARED_DATA:-$here/../shared/data}
work=${TMPDIR:-/tmp}/provenance-memory-bench
mkdir -p "$work"
binaries=("$@")
[ ${#binaries[@]} -eq 0 ] && binaries=("$here/build/provenance")

if [ ! -f "$work/long10h.mp3" ]; then
  ls "$data"/librispeech-sample/librispeech_test-other/1688/*.flac | sed "s|.*|file '&'|" > "$work/speech.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$work/speech.txt" -ar 16000 -c:a pcm_s16le "$work/speech.wav"
  ffmpeg -nostdin -v error -y -stream_loop -1 -i "$work/speech.wav" -stream_loop -1 \
    -i "$data/noise/speech_commands_background_noise/doing_the_dishes.wav" \
    -filter_complex "[1:a]aresample=16000,volume=0.3[n];[0:a][n]amix=inputs=2:duration=first" \
    -t 300 -ac 1 -ar 16000 -c:a pcm_s16le "$work/base5min.wav"
  for spec in 40m:2400 2h:7200; do
    ffmpeg -nostdin -v error -y -stream_loop -1 -i "$work/base5min.wav" -t "${spec#*:}" -ar 44100 -ac 1 \
      -c:a libmp3lame -b:a 64k "$work/long${spec%%:*}.mp3"
  done
  for _ in 1 2 3 4 5; do echo "file '$work/long2h.mp3'"; done > "$work/l10.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$work/l10.txt" -c copy "$work/long10h.mp3"
fi

if [ ! -f "$work/hum10h.mp3" ]; then
  ls "$data"/enf-whu-ref/*_ref.wav | sed "s|.*|file '&'|" > "$work/whu.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$work/whu.txt" -c:a pcm_s16le "$work/whu.wav"
  ffmpeg -nostdin -v error -y -stream_loop -1 -i "$work/base5min.wav" -i "$work/whu.wav" \
    -filter_complex "[1:a]aresample=16000,volume=0.1[h];[0:a][h]amix=inputs=2:duration=shortest" \
    -t 7200 -ar 44100 -ac 1 -c:a libmp3lame -b:a 64k "$work/hum2h.mp3"
  for _ in 1 2 3 4 5; do echo "file '$work/hum2h.mp3'"; done > "$work/h10.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$work/h10.txt" -c copy "$work/hum10h.mp3"
fi

files=(${PROVENANCE_MEMORY_FILES:-long40m long2h long10h hum2h hum10h})
echo "| binary | file | peak RSS (MB) | user CPU (s) | wall (s) |"
echo "| --- | --- | --- | --- | --- |"
for bin in "${binaries[@]}"; do
  for f in "${files[@]}"; do
    /usr/bin/time -f "%M %U %e" -o "$work/time.txt" "$bin" analyze "$work/$f.mp3" --no-progress --json >/dev/null
    read -r rss user wall < "$work/time.txt"
    echo "| $bin | $f.mp3 | $((rss / 1024)) | $user | $wall |"
  done
done
