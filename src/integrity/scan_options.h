#pragma once

namespace prov::integrity {

// Settings of the integrity scan. Every finding records the ones it used.
struct ScanOptions {
  double frame_s = 0.010;  // level frame; the quietest frame of a block estimates the noise
  int frames_per_block = 10;  // profile resolution: 10 x 10 ms = 0.1 s

  // Digital silence: samples that would be exactly zero at 16-bit precision.
  double digital_zero_level = 1.0 / 65536.0;
  double min_digital_silence_s = 0.020;
  // Only runs inside speech of a recording whose noise floor is above this are edits.
  double analog_floor_min_db = -85.0;
  double speech_context_s = 3.0;  // speech must occur this close before and after a run
  // Synthetic speech and encoders that gate silence leave exact zeros in many
  // pauses; this many runs inside speech mark the zeros as the source's habit.
  double habitual_zero_runs = 3;

  // Clipping: at least `min_clip_run` consecutive samples at or above the level.
  double clip_level = 0.98;
  int min_clip_run = 3;
  double clip_merge_s = 1.0;  // clipped runs closer than this form one finding

  // Step detection on the profiles: statistic of each side over this window.
  double step_window_s = 4.0;
  double speech_above_floor_db = 10.0;  // a block is speech when this far above the noise floor
  // Speech level = this percentile of the speech blocks of each window: the
  // loud syllables, which hold still in one take while the share of quiet
  // word tails and breaths (what the median follows) varies from phrase to phrase.
  double level_percentile = 0.9;
  double level_jump_db = 8.0;  // speech and noise floor moving together (a gain change)
  // A speech level step with the noise floor unmoved is what talking louder
  // or softer does too; only a step this large counts (set on the tuning set).
  double level_jump_alone_db = 14.0;
  double level_min_speech_s = 0.8;  // speech needed in each window for a level step
  // Blocks this far below the recording's loud speech (its 90th percentile
  // block level) are not speech for level steps: a hum or a breath in a long
  // pause stands out from a quiet floor but is no voice.
  double level_below_loud_db = 20.0;
  double noise_floor_change_db = 14.0;  // a floor step alone (set on the tuning set)
  double noise_window_s = 6.0;  // the noise floor needs pauses, so it looks further
  double noise_floor_percentile = 0.08;  // noise floor = this percentile of the quietest frames
  double gain_match_db = 3.0;  // level jump and floor change agreeing this well = one gain change
  // A floor this low (near 16-bit quantisation) is what noise gates and
  // denoisers leave in pauses; a floor step from or to it is not a splice.
  double gated_floor_db = -80.0;

  // Bandwidth: the lowest frequency above which the whole spectrum lies this far
  // below the kilohertz under it (a low-pass cliff); Nyquist when there is none.
  double bandwidth_edge_db = 25.0;
  double bandwidth_change_ratio = 0.2;  // relative change that counts
  double bandwidth_change_min_hz = 1000.0;
  // A narrower stretch counts only when its cut-off is rare elsewhere: when
  // more than this share of the other speech blocks shows it too, the whole
  // recording went through that channel (and some blocks hide the cliff).
  double bandwidth_cutoff_elsewhere_max = 0.2;

  // DC: offset of the whole file, and steps of the 1-s mean.
  double dc_offset_min = 0.01;  // about -40 dBFS
  double dc_step_min = 0.005;
};

}  // namespace prov::integrity
