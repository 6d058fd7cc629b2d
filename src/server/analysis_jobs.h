#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace prov::server {

// Largest recording or transcript the page may upload. It is streamed to
// disk; the 64 KiB limit of every other request is not touched.
inline constexpr uint64_t kMaxUpload = 2ull << 30;

// Uploaded files and the analyses run on them. An upload is kept, read-only,
// in `folder` (beside the case file): once analysed it is evidence, and the
// case file names its path. Each analysis runs `program analyze FILE --case
// CASE` as a child process, whose progress lines become events for the page.
class AnalysisJobs {
 public:
  // `prepare` runs after a successful analysis, before the job reports
  // done, with the new item's id (the server readies the player's media).
  AnalysisJobs(std::string program, std::string case_path, std::string examiner, std::filesystem::path folder,
               std::function<void(int64_t item)> prepare = {});
  ~AnalysisJobs();  // ends running analyses
  AnalysisJobs(const AnalysisJobs&) = delete;
  AnalysisJobs& operator=(const AnalysisJobs&) = delete;

  bool available() const { return !program_.empty(); }

  // Streams a file to disk. `read` is called with a sink that takes the next
  // bytes and returns false to stop; it returns whether the body was read
  // whole. Returns the upload's id, or throws MediaRefused (413 over
  // kMaxUpload, 400 when the body broke off, 500 when it cannot be stored).
  using BodySink = std::function<bool(const char* data, std::size_t size)>;
  std::string receive(const std::string& name, const std::function<bool(const BodySink&)>& read);

  // Starts the analysis of an uploaded recording (with an uploaded
  // transcript, if any); returns the job id. Throws MediaRefused for an
  // unknown upload id.
  int64_t start(const std::string& recording, const std::optional<std::string>& transcript);

  // The job's events after the first `seen`, waiting up to `wait` for one to
  // come; `finished` is set once the last event is among them. nullopt for
  // an unknown job.
  struct Events {
    std::vector<std::string> json;  // one JSON object each
    bool finished = false;
  };
  std::optional<Events> events_after(int64_t job, std::size_t seen, std::chrono::milliseconds wait);

 private:
  struct Job;
  void run(Job& job, std::vector<std::string> args);

  std::string program_, case_path_, examiner_;
  std::function<void(int64_t)> prepare_;
  std::filesystem::path folder_;
  std::mutex mutex_;
  std::map<std::string, std::filesystem::path> uploads_;
  std::map<int64_t, std::unique_ptr<Job>> jobs_;
  int64_t next_job_ = 1;
};

// A file name from a client reduced to a safe base name: letters, digits,
// '.', '-', '_' (anything else becomes '_'), no leading dot, at most 100
// characters; "upload" when nothing is left.
std::string safe_upload_name(std::string_view name);

// The folder beside a case file where its uploads are kept: CASE.uploads.
std::filesystem::path uploads_folder_of(const std::string& case_path);

}  // namespace prov::server
