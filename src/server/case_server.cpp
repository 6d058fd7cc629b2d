#include "server/case_server.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <fmt/format.h>

#include "casefile/case_store.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "server/analysis_jobs.h"
#include "server/api_handlers.h"
#include "server/item_media.h"
#include "server/media_handlers.h"
#include "server/web_assets.h"

namespace prov::server {
namespace {

using casefile::CaseStore;

// The check serve runs on the case file before listening: every appended
// record (items, runs, findings, reviews, custody entries) against the
// ledger's hash chain. A problem does not stop the server: the examiner must
// still be able to see the case, and the page shows the chain as broken.
std::optional<std::string> case_file_problem_at_start(const CaseStore& store) {
  const auto verdict = store.verify();
  if (verdict.intact()) return std::nullopt;
  const auto& p = verdict.problems.front();
  std::string where = terminal_safe(p.table);
  if (p.row_id) where += fmt::format(" row {}", p.row_id);
  if (p.seq) where += fmt::format(" (ledger entry {})", p.seq);
  return fmt::format("case file NOT INTACT: {} problem(s); first bad record: {}: {} (see provenance case verify)",
                     verdict.problems.size(), where, terminal_safe(p.detail));
}

// Reads a small body (a review, a request to analyse) up to kMaxBody bytes,
// however it is sent: a chunked body stops at the limit as a declared one does.
std::optional<Refusal> read_small_body(const httplib::ContentReader& read, std::string& body) {
  bool too_large = false;
  const bool complete = read([&](const char* data, size_t size) {
    if (body.size() + size > kMaxBody) {
      too_large = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (too_large) return Refusal{413, fmt::format("the body is larger than {} bytes", kMaxBody)};
  if (!complete) return Refusal{400, "the body could not be read"};
  return std::nullopt;
}

// An upload may take this long from connection to its last byte.
constexpr int kUploadDeadlineMs = 30 * 60 * 1000;

const char* kPagePolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
    "form-action 'none'; base-uri 'none'";

}  // namespace

struct CaseServer::Impl {
  ServerOptions options;
  BoundedHttpServer http;
  ServerContext context;
  std::optional<std::string> integrity_problem;
  std::unique_ptr<ItemMediaCache> media;
  std::unique_ptr<AnalysisJobs> jobs;
  // stop() may come before run() listens (a signal right at start); it must
  // still end the server.
  std::mutex stop_mutex;
  bool stop_requested = false;
  std::atomic<bool> listening{false};

  Impl(ServerOptions o, ConnectionLimits limits) : options(std::move(o)), http(limits) {}

  CaseStore open_store() const { return CaseStore::open(options.case_path, CaseStore::Mode::open_existing); }

  // Each request opens the case file itself: SQLite serialises the writers
  // and no connection is shared between the server's threads. Clients see
  // plain messages only; anything unexpected is logged here and answered 500.
  template <typename Handler>
  void with_store(httplib::Response& res, Handler handler) const {
    try {
      auto store = open_store();
      handler(store);
    } catch (const InputError& e) {
      send_refusal(res, {500, e.what()});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "provenance serve: request failed: %s\n", e.what());
      send_refusal(res, {500, "internal error"});
    }
  }

  void routes() {
    using httplib::Request;
    using httplib::Response;
    // Uploads are the only bodies over kMaxBody; check_request holds every
    // other route to its own limit before a byte of the body is read.
    http.set_payload_max_length(kMaxUpload);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    // Runs before any body is read: a refused request is answered and its
    // connection closed, whatever it still wanted to send.
    http.set_pre_routing_handler([this](const Request& req, Response& res) {
      if (auto refusal = check_request(req, context)) {
        send_refusal(res, *refusal);
        return httplib::Server::HandlerResponse::Handled;
      }
      // Answers go to this machine or the next: compressing them (brotli at
      // its slowest setting, which the library picks when the browser offers
      // it) costs far more time than it saves.
      const_cast<Request&>(req).headers.erase("Accept-Encoding");
      if (route_of(req.path) == Route::upload) {
        BoundedHttpServer::widen_current_request(kMaxUpload + (1 << 20), kUploadDeadlineMs);
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_expect_100_continue_handler([this](const Request& req, Response& res) {
      if (auto refusal = check_request(req, context)) {
        send_refusal(res, *refusal);
        return refusal->status;
      }
      return 100;
    });
    http.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
      send_refusal(res, {500, "internal error"});
    });
    http.set_error_handler([](const Request&, Response& res) {
      if (res.body.empty()) send_refusal(res, {res.status, res.status == 404 ? "not found" : "request refused"});
    });

    http.Get("/api/case", [this](const Request&, Response& res) {
      with_store(res, [&](CaseStore& store) { get_case(store, context, res); });
    });
    http.Get(R"(/api/items/(\d+))", [this](const Request& req, Response& res) {
      with_store(res, [&](CaseStore& store) { get_item(store, req.matches[1].str(), res); });
    });
    http.Get(R"(/api/items/(\d+)/report.html)", [this](const Request& req, Response& res) {
      with_store(res, [&](CaseStore& store) { get_item_report(store, req.matches[1].str(), res); });
      res.set_header("Content-Security-Policy", kPagePolicy);
    });
    http.Get("/api/custody", [this](const Request&, Response& res) {
      with_store(res, [&](CaseStore& store) { get_custody(store, res); });
    });
    http.Post(R"(/api/findings/(\d+)/review)",
              [this](const Request& req, Response& res, const httplib::ContentReader& read) {
                std::string body;
                if (auto refusal = read_small_body(read, body)) return send_refusal(res, *refusal);
                with_store(res, [&](CaseStore& store) { post_review(store, context, req.matches[1].str(), body, res); });
              });
    http.Get(R"(/api/items/(\d+)/peaks\.json)", [this](const Request& req, Response& res) {
      with_store(res, [&](CaseStore& store) { get_item_peaks(store, *media, req.matches[1].str(), req, res); });
    });
    http.Get(R"(/api/items/(\d+)/spectrogram\.png)", [this](const Request& req, Response& res) {
      with_store(res, [&](CaseStore& store) { get_item_spectrogram(store, *media, req.matches[1].str(), res); });
    });
    http.Get(R"(/api/items/(\d+)/audio)", [this](const Request& req, Response& res) {
      with_store(res, [&](CaseStore& store) { get_item_audio(store, *media, req.matches[1].str(), req, res); });
    });
    http.Post("/api/uploads", [this](const Request& req, Response& res, const httplib::ContentReader& read) {
      if (!jobs->available()) return send_refusal(res, {501, "this server cannot run analyses"});
      try {
        const std::string id = jobs->receive(req.get_header_value("X-Provenance-Filename"),
                                             [&](const AnalysisJobs::BodySink& sink) { return read(sink); });
        send_json_object(res, {{"upload", id}}, 201);
      } catch (const MediaRefused& refused) {
        send_refusal(res, refused.refusal);
      }
    });
    http.Post("/api/analyses", [this](const Request&, Response& res, const httplib::ContentReader& read) {
      std::string body;
      if (auto refusal = read_small_body(read, body)) return send_refusal(res, *refusal);
      post_analysis(*jobs, body, res);
    });
    http.Get(R"(/api/analyses/(\d+)/events)", [this](const Request& req, Response& res) {
      get_analysis_events(*jobs, req.matches[1].str(), req, res);
    });
    http.Get(R"(/|/index\.html|/[a-z]+\.(js|css)|/vendor/[a-z]+\.js)", [](const Request& req, Response& res) {
      const WebAsset asset = web_asset(req.path);  // check_request has refused unknown paths
      res.set_content(std::string(asset.content), std::string(asset.mime_type).c_str());
      res.set_header("Content-Security-Policy", kPagePolicy);
    });
  }
};

CaseServer::CaseServer(ServerOptions options, ConnectionLimits limits)
    : impl_(new Impl(std::move(options), limits)) {}
CaseServer::~CaseServer() { delete impl_; }

void CaseServer::run(const std::function<void(int port)>& on_listening) {
  {
    const CaseStore store = impl_->open_store();  // refuse a bad case file before listening
    impl_->integrity_problem = case_file_problem_at_start(store);
  }
  impl_->context.case_token = new_case_token();
  impl_->context.default_examiner = impl_->options.examiner;
  impl_->media = std::make_unique<ItemMediaCache>(
      impl_->options.media_cache.empty() ? default_media_cache_folder()
                                         : std::filesystem::path(impl_->options.media_cache));
  impl_->jobs = std::make_unique<AnalysisJobs>(
      impl_->options.analyzer_program, impl_->options.case_path, impl_->options.examiner,
      uploads_folder_of(impl_->options.case_path), [impl = impl_](int64_t item_id) {
        try {
          const auto store = impl->open_store();
          if (const auto item = store.find_item(std::to_string(item_id))) impl->media->get(*item);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "provenance serve: player media for item %lld: %s\n",
                       static_cast<long long>(item_id), terminal_safe(e.what()).c_str());
        }
      });
  impl_->routes();
  const std::string& host = impl_->options.host;
  int port = impl_->options.port;
  errno = 0;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(host.c_str());
  } else if (!impl_->http.bind_to_port(host.c_str(), port)) {
    port = -1;
  }
  if (port < 0) {
    const std::string where = host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, impl_->options.port)
                                                                   : fmt::format("{}:{}", host, impl_->options.port);
    if (errno == EADDRINUSE) {
      throw InputError(fmt::format("cannot listen on {}: the port is already in use (another server?)", where));
    }
    throw InputError(fmt::format("cannot listen on {} (address not available or not allowed)", where));
  }
  impl_->http.widen_listen_backlog();
  impl_->context.bound = {host, port};
  if (on_listening) on_listening(port);
  {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stop_requested) return;
    impl_->listening = true;
  }
  impl_->http.listen_after_bind();
  impl_->listening = false;
}

void CaseServer::stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stop_requested = true;
    if (!impl_->listening) return;
  }
  // listen_after_bind marks the server running as it starts; wait for that.
  while (impl_->listening && !impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop_and_disconnect();
}

std::optional<std::string> CaseServer::integrity_problem() const { return impl_->integrity_problem; }

}  // namespace prov::server
