#include "server/case_server.h"

#include <httplib.h>

#include <fmt/format.h>

#include "casefile/case_store.h"
#include "core/error.h"
#include "report/html_report.h"
#include "report/item_report.h"
#include "server/web_assets.h"

namespace prov::server {
namespace {

using casefile::CaseStore;

constexpr std::size_t kMaxBody = 64 * 1024;

void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, {{"error", message}}, status);
}

nlohmann::json case_overview(const CaseStore& store) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : store.items()) {
    int confirmed = 0, rejected = 0, total = 0;
    for (const auto& f : store.findings(item.id)) {
      ++total;
      confirmed += f.finding.status == FindingStatus::confirmed;
      rejected += f.finding.status == FindingStatus::rejected;
    }
    items.push_back({{"id", item.id},
                     {"sha256", item.sha256},
                     {"path", item.original_path},
                     {"size_bytes", item.size_bytes},
                     {"decoded_duration_s", item.decoded_duration_s},
                     {"intake_utc", item.intake_utc},
                     {"findings", total},
                     {"confirmed", confirmed},
                     {"rejected", rejected}});
  }
  return {{"case_file", store.path()},
          {"schema_version", store.schema_version()},
          {"chain_intact", store.verify_custody_chain() == 0},
          {"items", items}};
}

}  // namespace

struct CaseServer::Impl {
  ServerOptions options;
  httplib::Server http;

  CaseStore open_store() const { return CaseStore::open(options.case_path, CaseStore::Mode::open_existing); }

  // Each request opens the case file itself: SQLite serialises the writers
  // and no connection is shared between the server's threads.
  template <typename Handler>
  httplib::Server::Handler guarded(Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        auto store = open_store();
        handler(store, req, res);
      } catch (const InputError& e) {
        send_error(res, 400, e.what());
      } catch (const std::exception& e) {
        send_error(res, 500, e.what());
      }
    };
  }

  void routes() {
    http.set_payload_max_length(kMaxBody);
    http.Get("/api/case", guarded([](CaseStore& store, const httplib::Request&, httplib::Response& res) {
      send_json(res, case_overview(store));
    }));
    http.Get(R"(/api/items/(\d+))", guarded([](CaseStore& store, const httplib::Request& req, httplib::Response& res) {
      auto item = store.find_item(req.matches[1]);
      if (!item) return send_error(res, 404, "no such item");
      send_json(res, report::latest_report(store, *item));
    }));
    http.Get(R"(/api/items/(\d+)/report.html)",
             guarded([](CaseStore& store, const httplib::Request& req, httplib::Response& res) {
               auto item = store.find_item(req.matches[1]);
               if (!item) return send_error(res, 404, "no such item");
               res.set_content(report::render_html_report(report::latest_report(store, *item)),
                               "text/html; charset=utf-8");
             }));
    http.Get("/api/custody", guarded([](CaseStore& store, const httplib::Request&, httplib::Response& res) {
      nlohmann::json entries = nlohmann::json::array();
      for (const auto& e : store.custody_log()) entries.push_back(report::to_json(e));
      const int64_t broken = store.verify_custody_chain();
      send_json(res, {{"entries", entries}, {"chain_intact", broken == 0}, {"first_broken_entry", broken}});
    }));
    http.Post(R"(/api/findings/(\d+)/review)",
              guarded([this](CaseStore& store, const httplib::Request& req, httplib::Response& res) {
                // A JSON body only: a plain HTML form from another site cannot send one.
                if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
                  return send_error(res, 415, "send the review as application/json");
                }
                const auto body = nlohmann::json::parse(req.body, nullptr, false);
                if (body.is_discarded() || !body.is_object()) return send_error(res, 400, "body is not a JSON object");
                const std::string status = body.value("status", "");
                if (status != "confirmed" && status != "rejected") {
                  return send_error(res, 400, "status must be 'confirmed' or 'rejected'");
                }
                const int64_t finding_id = std::stoll(req.matches[1]);
                const auto finding = store.finding(finding_id);
                if (!finding) return send_error(res, 404, "no such finding");
                const std::string examiner = body.value("examiner", options.examiner);
                if (examiner.empty()) return send_error(res, 400, "an examiner name is required");
                const std::string note = body.value("note", "");
                const auto item = store.find_item(std::to_string(finding->item_id));
                int64_t review = 0;
                store.transaction([&] {
                  review = store.add_review(finding_id, status, examiner, note);
                  store.append_custody({examiner, "review", item->sha256,
                                        {{"finding", finding_id},
                                         {"status", status},
                                         {"note", note},
                                         {"review", review},
                                         {"via", "web"}}});
                });
                send_json(res, {{"review", review}, {"finding", finding_id}, {"status", status}}, 201);
              }));
    http.Get(R"(/|/index\.html|/app\.js|/style\.css)", [](const httplib::Request& req, httplib::Response& res) {
      const WebAsset asset = web_asset(req.path);
      res.set_content(std::string(asset.content), std::string(asset.mime_type).c_str());
      res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
    });
  }
};

CaseServer::CaseServer(ServerOptions options) : impl_(new Impl{std::move(options), {}}) {}
CaseServer::~CaseServer() { delete impl_; }

void CaseServer::run(const std::function<void(int port)>& on_listening) {
  impl_->open_store();  // refuse a bad case file before listening
  impl_->routes();
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(impl_->options.host.c_str());
  } else if (!impl_->http.bind_to_port(impl_->options.host.c_str(), port)) {
    port = -1;
  }
  if (port < 0) {
    throw InputError(fmt::format("cannot listen on {}:{} (in use or not allowed)", impl_->options.host,
                                 impl_->options.port));
  }
  if (on_listening) on_listening(port);
  impl_->http.listen_after_bind();
}

void CaseServer::stop() { impl_->http.stop(); }

}  // namespace prov::server
