#pragma once
#include <chrono>
#include <random>
#include <vector>

// Material and clocks shared by the recycled-audio benchmarks.
namespace prov::bench {

constexpr int kRate = 16000;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0);
// CPU time of this process, all its threads: speeds "per core" that other
// work on a shared machine does not distort.
double cpu_seconds();

// The FSDD recordings in ../shared/data/fsdd at kRate, shuffled with `rng`:
// recordings 0-19 of each digit and speaker are the speech to archive,
// 20-39 the speech that is not (the same six voices saying the same words).
struct FsddSplit {
  std::vector<std::vector<float>> archived, other;
};
FsddSplit split_fsdd(std::mt19937& rng);

// Joins utterances, with short pauses of faint hiss, into ~`target_s` "speeches".
std::vector<std::vector<float>> make_speeches(const std::vector<std::vector<float>>& utterances, double target_s,
                                              std::mt19937& rng);

}  // namespace prov::bench
