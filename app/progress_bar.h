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
  // Instead of a bar, one line per step of progress on stderr,
  // "progress<TAB>label<TAB>fraction", for a program that reads them (the
  // server's upload page).
  static void use_lines(bool lines);

 private:
  std::string label_;
  bool enabled_;
  bool finished_ = false;
  int last_permille_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace prov::cli
