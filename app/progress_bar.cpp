#include "progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace prov::cli {
namespace {
bool g_lines = false;
}

void ProgressBar::use_lines(bool lines) { g_lines = lines; }

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(double fraction) {
  if (!enabled_ || finished_) return;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int permille = static_cast<int>(fraction * 1000);
  const auto now = std::chrono::steady_clock::now();
  if (permille == last_permille_ || (now - last_draw_ < std::chrono::milliseconds(100) && permille < 1000)) return;
  last_permille_ = permille;
  last_draw_ = now;
  if (g_lines) {
    std::fprintf(stderr, "progress\t%s\t%.3f\n", label_.c_str(), fraction);
    std::fflush(stderr);
    return;
  }
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '-');
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%-22s [%s] %5.1f%%  %5.1fs", label_.c_str(), bar.c_str(), fraction * 100.0, elapsed);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  if (last_permille_ >= 0 && !g_lines) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

}  // namespace prov::cli
