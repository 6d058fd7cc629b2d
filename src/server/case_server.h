#pragma once
#include <functional>
#include <optional>
#include <string>

#include "server/bounded_http_server.h"

namespace prov::server {

struct ServerOptions {
  std::string case_path;
  std::string host = "127.0.0.1";  // loopback only unless asked otherwise
  int port = 8080;                 // 0 = any free port
  std::string examiner;            // default examiner name for reviews
  // The program run as `PROGRAM analyze FILE --case CASE` for uploads
  // (normally this very program); empty: the page cannot start analyses.
  std::string analyzer_program{};
  // Where waveforms, spectrograms and WAV renditions are kept, by SHA-256;
  // empty: default_media_cache_folder().
  std::string media_cache{};
};

// Serves the case file's web UI and JSON API until stop() is called from
// another thread. `on_listening` gets the bound port. The port is never
// shared: when it is taken, run() throws instead of listening beside the
// other program.
class CaseServer {
 public:
  explicit CaseServer(ServerOptions options, ConnectionLimits limits = {});
  ~CaseServer();
  CaseServer(const CaseServer&) = delete;
  CaseServer& operator=(const CaseServer&) = delete;

  // Blocks while serving. Throws InputError when the case file is unusable or
  // the address cannot be bound.
  void run(const std::function<void(int port)>& on_listening = {});
  void stop();

  // What the check of the case file at start found wrong (see
  // case_file_problem_at_start); empty when it found nothing. Set before
  // `on_listening` is called.
  std::optional<std::string> integrity_problem() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace prov::server
