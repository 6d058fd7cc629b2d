#pragma once
#include <chrono>
#include <string>

namespace prov::cli {

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  void update(double fraction);  // 0..1; redraws at most ~10 times a second
  void finish();
  static bool stderr_is_terminal();

 private:
  std::string label_;
  bool enabled_;
  bool finished_ = false;
  int last_permille_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace prov::cli
