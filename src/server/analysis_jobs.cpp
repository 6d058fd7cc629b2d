#include "server/analysis_jobs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <openssl/rand.h>

#include <cctype>
#include <fstream>

#include "core/terminal_text.h"
#include "server/item_media.h"

extern char** environ;

namespace prov::server {
namespace {

namespace fs = std::filesystem;

std::string random_id() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random numbers for an upload id");
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

// The event for one line the analysis wrote on stderr.
nlohmann::json event_of_line(const std::string& line) {
  if (line.rfind("progress\t", 0) == 0) {
    const auto tab = line.find('\t', 9);
    if (tab != std::string::npos) {
      double fraction = 0.0;
      try {
        fraction = std::stod(line.substr(tab + 1));
      } catch (const std::exception&) {
      }
      return {{"type", "progress"}, {"step", utf8_or_replacement(line.substr(9, tab - 9))}, {"fraction", fraction}};
    }
  }
  return {{"type", "message"}, {"text", utf8_or_replacement(line)}};
}

}  // namespace

std::string safe_upload_name(std::string_view encoded) {
  // The page sends the name percent-encoded (a header carries ASCII only).
  std::string decoded;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    if (encoded[i] == '%' && i + 2 < encoded.size() && hex(encoded[i + 1]) && hex(encoded[i + 2])) {
      decoded += static_cast<char>(std::stoi(std::string(encoded.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += encoded[i];
    }
  }
  std::string_view name = decoded;
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (const unsigned char c : name) {
    if (out.size() >= 100) break;
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_';
    out += plain ? static_cast<char>(c) : '_';
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  return out.empty() ? "upload" : out;
}

fs::path uploads_folder_of(const std::string& case_path) { return fs::path(case_path + ".uploads"); }

struct AnalysisJobs::Job {
  int64_t id = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> events;
  bool finished = false;
  pid_t pid = -1;
  std::thread thread;

  void add(const nlohmann::json& event, bool last = false) {
    std::lock_guard lock(mutex);
    events.push_back(event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    finished = finished || last;
    changed.notify_all();
  }
};

AnalysisJobs::AnalysisJobs(std::string program, std::string case_path, std::string examiner, fs::path folder,
                           std::function<void(int64_t)> prepare)
    : program_(std::move(program)),
      case_path_(std::move(case_path)),
      examiner_(std::move(examiner)),
      prepare_(std::move(prepare)),
      folder_(std::move(folder)) {}

AnalysisJobs::~AnalysisJobs() {
  std::lock_guard lock(mutex_);
  for (auto& [id, job] : jobs_) {
    {
      std::lock_guard job_lock(job->mutex);
      if (job->pid > 0) ::kill(job->pid, SIGTERM);
    }
    if (job->thread.joinable()) job->thread.join();
  }
}

std::string AnalysisJobs::receive(const std::string& name, const std::function<bool(const BodySink&)>& read) {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  const std::string id = random_id();
  const fs::path partial = folder_ / ("incoming-" + id + ".partial");
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw MediaRefused({500, "the upload cannot be stored beside the case file"});
  uint64_t total = 0;
  bool too_large = false;
  const bool complete = read([&](const char* data, std::size_t size) {
    total += size;
    if (total > kMaxUpload) {
      too_large = true;
      return false;
    }
    out.write(data, static_cast<std::streamsize>(size));
    return static_cast<bool>(out);
  });
  out.close();
  if (too_large || !complete || !out || total == 0) {
    fs::remove(partial, ec);
    if (too_large) throw MediaRefused({413, fmt::format("the upload is larger than {} bytes", kMaxUpload)});
    if (total == 0 && complete) throw MediaRefused({400, "the upload is empty"});
    throw MediaRefused({400, "the upload broke off before its end"});
  }
  const std::string base = safe_upload_name(name);
  fs::path target = folder_ / base;
  for (int n = 2; fs::exists(target); ++n) target = folder_ / fmt::format("{}-{}", n, base);
  fs::rename(partial, target, ec);
  if (ec) throw MediaRefused({500, "the upload cannot be stored beside the case file"});
  fs::permissions(target, fs::perms::owner_read | fs::perms::group_read, fs::perm_options::replace, ec);
  std::lock_guard lock(mutex_);
  uploads_[id] = target;
  return id;
}

int64_t AnalysisJobs::start(const std::string& recording, const std::optional<std::string>& transcript) {
  std::lock_guard lock(mutex_);
  const auto file = uploads_.find(recording);
  if (file == uploads_.end()) throw MediaRefused({404, "no such upload (the recording)"});
  std::vector<std::string> args{program_, "analyze", file->second.string(), "--case", case_path_,
                                "--progress-lines", "--json"};
  if (!examiner_.empty()) args.insert(args.end(), {"--examiner", examiner_});
  if (transcript) {
    const auto text = uploads_.find(*transcript);
    if (text == uploads_.end()) throw MediaRefused({404, "no such upload (the transcript)"});
    args.insert(args.end(), {"--transcript", text->second.string()});
  }
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  Job& ref = *job;
  jobs_[job->id] = std::move(job);
  ref.add({{"type", "started"}, {"file", file->second.filename().string()}});
  ref.thread = std::thread([this, &ref, args = std::move(args)]() mutable { run(ref, std::move(args)); });
  return ref.id;
}

void AnalysisJobs::run(Job& job, std::vector<std::string> args) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    job.add({{"type", "failed"}, {"message", "the analysis could not be started"}}, true);
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The server blocks SIGINT/SIGTERM in its threads; the child must not inherit that.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    job.add({{"type", "failed"}, {"message", "the analysis could not be started"}}, true);
    return;
  }
  {
    std::lock_guard lock(job.mutex);
    job.pid = pid;
  }
  std::string stdout_text, line, last_message;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open = 2;
  char buffer[8192];
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (auto& fd : fds) {
      if (fd.fd < 0 || !(fd.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fd.fd);
        fd.fd = -1;
        --open;
        continue;
      }
      if (fd.fd == out_pipe[0]) {
        if (stdout_text.size() < (64u << 20)) stdout_text.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      for (ssize_t i = 0; i < n; ++i) {
        if (buffer[i] != '\n') {
          if (line.size() < 4096) line += buffer[i];
          continue;
        }
        const nlohmann::json event = event_of_line(line);
        if (event["type"] == "message") last_message = event["text"];
        job.add(event);
        line.clear();
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  {
    std::lock_guard lock(job.mutex);
    job.pid = -1;
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0) {
    job.add({{"type", "failed"},
             {"exit_code", code},
             {"message", last_message.empty() ? "the analysis stopped" : last_message}},
            true);
    return;
  }
  int64_t item = 0;
  try {
    item = nlohmann::json::parse(stdout_text).at("item").at("id").get<int64_t>();
  } catch (const std::exception&) {
    job.add({{"type", "failed"}, {"message", "the analysis gave no report"}}, true);
    return;
  }
  if (prepare_) {
    job.add({{"type", "progress"}, {"step", "waveform and spectrogram for the player"}, {"fraction", 0.0}});
    prepare_(item);
  }
  job.add({{"type", "done"},
           {"item", item},
           {"report_html", fmt::format("/api/items/{}/report.html", item)},
           {"report_json", fmt::format("/api/items/{}", item)}},
          true);
}

std::optional<AnalysisJobs::Events> AnalysisJobs::events_after(int64_t id, std::size_t seen,
                                                               std::chrono::milliseconds wait) {
  Job* job = nullptr;
  {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    job = it->second.get();
  }
  std::unique_lock lock(job->mutex);
  job->changed.wait_for(lock, wait, [&] { return job->events.size() > seen; });
  Events out;
  for (std::size_t i = seen; i < job->events.size(); ++i) out.json.push_back(job->events[i]);
  out.finished = job->finished;
  return out;
}

}  // namespace prov::server
