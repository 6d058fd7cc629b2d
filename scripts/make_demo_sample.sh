#!/usr/bin/env bash
# Builds the demo recording for `provenance analyze`: one minute of synthetic
# speech (espeak-ng) in a room-like noise floor, with known edits placed at
# documented times, and demo-truth.json saying where each one is.
#
#   scripts/make_demo_sample.sh OUT_DIR
#
# Writes OUT_DIR/demo.wav (the lossless master), OUT_DIR/demo.m4a (AAC, what
# the demo analyses) and OUT_DIR/demo-truth.json. Needs espeak-ng, sox and the
# ffmpeg command. The output is the same on every run: sox runs in repeatable
# mode without dither and ffmpeg writes bit-exact files without metadata.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out_dir=$1
for tool in espeak-ng sox ffmpeg; do
  command -v "$tool" >/dev/null || { echo "$0: '$tool' is not installed" >&2; exit 1; }
done
mkdir -p "$out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rate=44100
length=60
sox_r() { sox -R -D -V1 "$@"; }

# The statement. Invented text; read by espeak-ng at a steady pace.
text="This is a statement recorded for the demonstration of the provenance workbench. \
We are speaking from a quiet room, and the date of this recording is not given. \
The people of the valley have waited a long time for the water to return, and the wells are dry. \
We ask every listener to remember that the road to the north was closed in the spring. \
Three families left the village before the harvest, and two of them have not come back. \
The council met on the first day of the month and decided to send a letter to the governor. \
No answer has arrived, and the winter is coming soon. \
We will speak again when there is news, and we thank everyone who has helped us so far. \
The doctors in the town have asked for medicine, blankets and clean water for the children. \
Our neighbours have shared what they could, but the stores are almost empty now. \
We call on the traders to open the market again, and on the drivers to bring food before the snow. \
Anyone who has seen our relatives on the road should tell the council at once. \
This message ends here, and it will be repeated tomorrow at the same time."
espeak-ng -v en-us -s 150 -a 120 -w "$work/voice.wav" "$text"

# Speech at 44.1 kHz, peaks at -12 dBFS, a touch of room reverberation, exactly $length s.
sox_r "$work/voice.wav" -r $rate -c 1 "$work/speech.wav" gain -n -12 reverb 25 50 40 pad 0.5 $length trim 0 $length

# Two sessions of the same speech: A in a quiet room (pink noise near -60 dBFS),
# B in a noisier one (brown noise, a floor about 18 dB higher), as if re-recorded elsewhere.
sox_r -n -r $rate -c 1 "$work/room_a.wav" synth $length pinknoise vol 0.007
sox_r -n -r $rate -c 1 "$work/room_b.wav" synth $length brownnoise vol 0.04
sox_r -m "$work/speech.wav" "$work/room_a.wav" "$work/session_a.wav"
sox_r -m "$work/speech.wav" "$work/room_b.wav" "$work/session_b.wav"

# Defects (seconds). Keep demo-truth.json below in step with these.
gap_start=9.0;   gap_end=9.5     # audio removed, replaced by digital silence
quiet_start=18.0; quiet_end=26.0 # gain lowered by 12 dB
band_start=33.0; band_end=39.0   # passed through an 8 kHz channel (4 kHz bandwidth)
splice_at=46.0                   # rest comes from session B (noise floor change)

piece() { sox_r "$1" "$work/$2.wav" trim "$3" =$4 "${@:5}"; }
piece "$work/session_a.wav" p1 0 $gap_start
sox_r -n -r $rate -c 1 -b 16 "$work/p2.wav" trim 0 "$(echo "$gap_end - $gap_start" | bc -l)"
piece "$work/session_a.wav" p3 $gap_end $quiet_start
piece "$work/session_a.wav" p4 $quiet_start $quiet_end gain -12
piece "$work/session_a.wav" p5 $quiet_end $band_start
piece "$work/session_a.wav" p6 $band_start $band_end rate 8000 rate $rate
piece "$work/session_a.wav" p7 $band_end $splice_at
piece "$work/session_b.wav" p8 $splice_at $length
sox_r "$work"/p{1,2,3,4,5,6,7,8}.wav -b 16 "$out_dir/demo.wav"

ffmpeg -nostdin -hide_banner -loglevel error -y -i "$out_dir/demo.wav" -map_metadata -1 \
  -fflags +bitexact -flags:a +bitexact -c:a aac -b:a 128k "$out_dir/demo.m4a"

cat > "$out_dir/demo-truth.json" <<EOF
{
  "description": "espeak-ng speech in a pink-noise room (session A, noise near -60 dBFS), with known edits",
  "files": ["demo.wav", "demo.m4a"],
  "duration_s": $length,
  "sample_rate": $rate,
  "defects": [
    {"detector": "integrity.digital_silence", "start_s": $gap_start, "end_s": $gap_end,
     "what": "0.5 s of speech replaced by exact digital zeros"},
    {"detector": "integrity.level_jump", "at_s": $quiet_start, "change_db": -12,
     "what": "gain lowered by 12 dB from here"},
    {"detector": "integrity.level_jump", "at_s": $quiet_end, "change_db": 12,
     "what": "gain restored here"},
    {"detector": "integrity.bandwidth_change", "start_s": $band_start, "end_s": $band_end,
     "what": "stretch resampled to 8 kHz and back: nothing above 4 kHz"},
    {"detector": "integrity.noise_floor_change", "at_s": $splice_at,
     "what": "splice: from here the audio comes from session B, brown noise, a floor about 18 dB higher"}
  ]
}
EOF
echo "wrote $out_dir/demo.wav, $out_dir/demo.m4a and $out_dir/demo-truth.json"
