#include "core/sample_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace prov {
namespace {

int make_unlinked_temporary() {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/provenance-spool-XXXXXX";
  const int fd = mkstemp(pattern.data());
  if (fd >= 0) unlink(pattern.c_str());
  return fd;
}

}  // namespace

SampleSpool::SampleSpool(double sample_rate, std::size_t block_samples)
    : rate_(sample_rate), block_(std::max<std::size_t>(1, block_samples)), fd_(make_unlinked_temporary()) {
  tail_.reserve(block_);
}

SampleSpool::~SampleSpool() {
  if (fd_ >= 0) close(fd_);
}

void SampleSpool::append(const float* samples, std::size_t count) {
  while (count > 0) {
    const std::size_t take = std::min(count, block_ - tail_.size());
    tail_.insert(tail_.end(), samples, samples + take);
    samples += take, count -= take;
    if (tail_.size() == block_) spill();
  }
}

void SampleSpool::spill() {
  if (fd_ >= 0) {
    const auto* bytes = reinterpret_cast<const char*>(tail_.data());
    std::size_t left = tail_.size() * sizeof(float);
    auto offset = static_cast<off_t>(spooled_ * sizeof(float));
    while (left > 0) {
      const ssize_t written = pwrite(fd_, bytes, left, offset);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        // Disk full or failing: keep what the file holds in memory from here on.
        memory_.resize(spooled_);
        read(0, spooled_, memory_.data());
        close(fd_);
        fd_ = -1;
        break;
      }
      bytes += written, left -= static_cast<std::size_t>(written), offset += written;
    }
  }
  if (fd_ < 0) memory_.insert(memory_.end(), tail_.begin(), tail_.end());
  spooled_ += tail_.size();
  tail_.clear();
}

void SampleSpool::read(std::size_t first, std::size_t count, float* out) const {
  if (first + count > size()) throw std::out_of_range("sample spool: read past the end");
  const std::size_t from_spool = first < spooled_ ? std::min(count, spooled_ - first) : 0;
  if (from_spool > 0) {
    if (fd_ < 0) {
      std::copy_n(memory_.data() + first, from_spool, out);
    } else {
      auto* bytes = reinterpret_cast<char*>(out);
      std::size_t left = from_spool * sizeof(float);
      auto offset = static_cast<off_t>(first * sizeof(float));
      while (left > 0) {
        const ssize_t got = pread(fd_, bytes, left, offset);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) throw std::runtime_error(std::string("sample spool: cannot read the temporary file: ") +
                                               (got < 0 ? std::strerror(errno) : "it is shorter than written"));
        bytes += got, left -= static_cast<std::size_t>(got), offset += got;
      }
    }
  }
  if (count > from_spool) std::copy_n(tail_.data() + (first + from_spool - spooled_), count - from_spool, out + from_spool);
}

}  // namespace prov
