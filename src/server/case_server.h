#pragma once
#include <functional>
#include <string>

namespace prov::server {

struct ServerOptions {
  std::string case_path;
  std::string host = "127.0.0.1";  // loopback only unless asked otherwise
  int port = 8080;                 // 0 = any free port
  std::string examiner;            // default examiner name for reviews
};

// Serves the case file's web UI and JSON API until stop() is called from
// another thread or a signal. `on_listening` gets the bound port.
class CaseServer {
 public:
  explicit CaseServer(ServerOptions options);
  ~CaseServer();
  CaseServer(const CaseServer&) = delete;
  CaseServer& operator=(const CaseServer&) = delete;

  // Blocks while serving. Throws InputError when the case file is unusable or
  // the address cannot be bound.
  void run(const std::function<void(int port)>& on_listening = {});
  void stop();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace prov::server
