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

  // Clipping: at least `min_clip_run` consecutive samples at or above the level.
  double clip_level = 0.98;
  int min_clip_run = 3;
  double clip_merge_s = 1.0;  // clipped runs closer than this form one finding

  // Step detection on the profiles: statistic of each side over this window.
  double step_window_s = 4.0;
  double speech_above_floor_db = 10.0;  // a block is speech when this far above the noise floor
  double level_jump_db = 8.0;
  double noise_floor_change_db = 10.0;
  double noise_window_s = 6.0;  // the noise floor needs pauses, so it looks further
  double noise_floor_percentile = 0.08;  // noise floor = this percentile of the quietest frames
  double gain_match_db = 3.0;  // level jump and floor change agreeing this well = one gain change

  // Bandwidth: the lowest frequency above which the whole spectrum lies this far
  // below the kilohertz under it (a low-pass cliff); Nyquist when there is none.
  double bandwidth_edge_db = 25.0;
  double bandwidth_change_ratio = 0.2;  // relative change that counts
  double bandwidth_change_min_hz = 1000.0;

  // DC: offset of the whole file, and steps of the 1-s mean.
  double dc_offset_min = 0.01;  // about -40 dBFS
  double dc_step_min = 0.005;
};

}  // namespace prov::integrity
