#!/usr/bin/env bash
# Rebuilds the default speaker model, data/speaker/default.model, from the
# real read speech in ../shared/data/speechocean762 with the fixed split in
# data/speaker/speechocean762_split.txt: "train" speakers train the UBM,
# i-vector extractor and LDA/PLDA back-end, "calibrate" speakers fit the
# score-to-LR calibration, "test" speakers are only measured on (the figures
# stored in the model and printed by `speaker compare`). Deterministic: the
# same data and build give the same model. About a minute on two cores.
#   scripts/train_speaker_background.sh [PROVENANCE_CLI] [OUT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/build/provenance}
out=${2:-$root/data/speaker/default.model}
data=${PROVENANCE_SHARED_DATA:-$root/../shared/data}
[ -d "$data/speechocean762" ] || { echo "missing $data/speechocean762 (see $root/../shared/data/README.md)" >&2; exit 1; }
"$cli" speaker train-background "$data/speechocean762" \
  --split "$root/data/speaker/speechocean762_split.txt" --threads 2 --out "$out" \
  --limits "trained and calibrated only on read English of Mandarin-L1 adults and children (speechocean762, 16 kHz, quiet rooms); measured across corpora on LibriSpeech and VCTK (British English) read speech, where it is poorly calibrated (bench/README.md); casework needs validation on data relevant to the case (language, accent, channel, duration, speaking style)"
