#include "support/fsdd_speech.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <string>

#include "media/decode.h"
#include "support/test_support.h"

namespace prov::bench {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

FsddSplit split_fsdd(std::mt19937& rng) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(test::shared_data_dir() / "fsdd"))
    if (f.path().extension() == ".wav") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  std::shuffle(files.begin(), files.end(), rng);
  FsddSplit split;
  for (const auto& f : files) {
    const std::string stem = f.stem().string();
    const int index = std::stoi(stem.substr(stem.rfind('_') + 1));
    auto s = media::decode_mono(f.string(), kRate);
    (index < 20 ? split.archived : split.other).push_back(std::move(s.samples));
  }
  return split;
}

std::vector<std::vector<float>> make_speeches(const std::vector<std::vector<float>>& utterances, double target_s,
                                              std::mt19937& rng) {
  std::vector<std::vector<float>> speeches(1);
  std::uniform_real_distribution<double> pause(0.08, 0.35);
  std::normal_distribution<float> hiss(0.0f, 3e-4f);
  for (const auto& u : utterances) {
    auto& s = speeches.back();
    s.insert(s.end(), u.begin(), u.end());
    const auto gap = static_cast<std::size_t>(pause(rng) * kRate);
    for (std::size_t i = 0; i < gap; ++i) s.push_back(hiss(rng));
    if (s.size() > target_s * kRate) speeches.emplace_back();
  }
  if (speeches.back().size() < 5 * kRate) speeches.pop_back();
  return speeches;
}

}  // namespace prov::bench
