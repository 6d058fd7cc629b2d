// The player's endpoints on a real recording: the audio with byte ranges,
// waveform peaks and the spectrogram, and the refusal to serve an original
// whose bytes changed after intake.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "casefile/case_store.h"
#include "media/decode.h"
#include "server/case_server.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

namespace fs = std::filesystem;
using casefile::CaseStore;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class MediaServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto missing = missing_shared_data("librispeech-sample");
    if (!missing.empty()) GTEST_SKIP() << missing;
    const fs::path source =
        shared_data_dir() / "librispeech-sample/librispeech_test-other/3005/3005-163389-0005.flac";
    if (!fs::exists(source)) GTEST_SKIP() << "SKIPPED: " << source << " is missing";
    recording_ = dir_ / "statement.flac";
    fs::copy_file(source, recording_);
    case_path_ = (dir_ / "case.db").string();
    auto store = CaseStore::open(case_path_, CaseStore::Mode::create_if_missing);
    store.transaction([&] {
      casefile::ItemRecord item;
      item.sha256 = file_sha256(recording_.string());
      item.size_bytes = fs::file_size(recording_);
      item.original_path = recording_.string();
      item.container = {{"format", "flac"}, {"streams", {{{"type", "audio"}, {"codec", "flac"}}}}};
      item.decoded_duration_s = 1;
      item_ = store.register_item(item);
    });
    server::ServerOptions options{case_path_, "127.0.0.1", 0, "web-examiner"};
    options.media_cache = (dir_ / "cache").string();
    server_ = std::make_unique<server::CaseServer>(options);
    std::promise<int> bound;
    auto port = bound.get_future();
    thread_ = std::thread([&] { server_->run([&](int p) { bound.set_value(p); }); });
    port_ = port.get();
  }
  void TearDown() override {
    if (!server_) return;
    server_->stop();
    thread_.join();
  }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }
  std::string item_path(const std::string& rest) const { return "/api/items/" + std::to_string(item_) + rest; }

  TempDir dir_;
  fs::path recording_;
  std::string case_path_;
  int64_t item_ = 0;
  std::unique_ptr<server::CaseServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(MediaServerTest, AudioIsServedByteExactWithRanges) {
  const std::string original = read_bytes(recording_);
  auto c = client();
  auto whole = c.Get(item_path("/audio"));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->status, 200);
  EXPECT_EQ(whole->get_header_value("Accept-Ranges"), "bytes");
  EXPECT_EQ(whole->get_header_value("Content-Type"), "audio/flac");
  EXPECT_EQ(whole->body, original);

  auto part = c.Get(item_path("/audio"), {{"Range", "bytes=1000-4999"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->get_header_value("Content-Range"), "bytes 1000-4999/" + std::to_string(original.size()));
  EXPECT_EQ(part->body, original.substr(1000, 4000));

  auto tail = c.Get(item_path("/audio"), {{"Range", "bytes=-100"}});
  ASSERT_TRUE(tail);
  EXPECT_EQ(tail->status, 206);
  EXPECT_EQ(tail->body, original.substr(original.size() - 100));

  auto open_ended = c.Get(item_path("/audio"), {{"Range", "bytes=" + std::to_string(original.size() - 10) + "-"}});
  ASSERT_TRUE(open_ended);
  EXPECT_EQ(open_ended->status, 206);
  EXPECT_EQ(open_ended->body, original.substr(original.size() - 10));
}

TEST_F(MediaServerTest, RangesThatCannotBeMetAre416) {
  const auto size = fs::file_size(recording_);
  auto c = client();
  for (const std::string& range : {"bytes=" + std::to_string(size) + "-", std::string("bytes=500-100"),
                                   std::string("bytes=abc")}) {
    auto res = c.Get(item_path("/audio"), {{"Range", range}});
    ASSERT_TRUE(res) << range;
    EXPECT_EQ(res->status, 416) << range;
  }
  auto res = c.Get(item_path("/audio"), {{"Range", "bytes=" + std::to_string(size) + "-"}});
  EXPECT_EQ(res->get_header_value("Content-Range"), "bytes */" + std::to_string(size));
}

TEST_F(MediaServerTest, PeaksFollowTheDecodedRecording) {
  const Signal signal = media::decode_mono(recording_.string(), 16000);
  auto c = client();
  auto res = c.Get(item_path("/peaks.json?per_second=10"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto body = nlohmann::json::parse(res->body);
  const double duration = body["duration_s"].get<double>();
  EXPECT_NEAR(duration, signal.duration_s(), 0.05);
  EXPECT_EQ(body["per_second"].get<double>(), 10.0);
  const auto& peaks = body["peaks"];
  ASSERT_EQ(peaks.size(), 2 * static_cast<std::size_t>(std::ceil(signal.duration_s() * 10)));
  // The loudest bucket is the loudest sample of the whole recording.
  float loudest = 0;
  for (float x : signal.samples) loudest = std::max(loudest, std::abs(x));
  int widest = 0;
  for (const auto& v : peaks) widest = std::max(widest, std::abs(v.get<int>()));
  EXPECT_NEAR(widest / 127.0, loudest, 1.0 / 127 + 0.01);
  EXPECT_GT(widest, 20) << "speech should reach well above silence";
  for (std::size_t i = 0; i < peaks.size(); i += 2) EXPECT_LE(peaks[i].get<int>(), peaks[i + 1].get<int>());

  auto fine = c.Get(item_path("/peaks.json?per_second=100"));
  ASSERT_TRUE(fine);
  EXPECT_EQ(nlohmann::json::parse(fine->body)["peaks"].size(),
            2 * static_cast<std::size_t>(std::ceil(signal.samples.size() / 160.0)));
  auto bad = c.Get(item_path("/peaks.json?per_second=7"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);

  auto png = c.Get(item_path("/spectrogram.png"));
  ASSERT_TRUE(png);
  EXPECT_EQ(png->status, 200);
  EXPECT_EQ(png->body.substr(1, 3), "PNG");
}

TEST_F(MediaServerTest, AChangedOriginalIsNotServed) {
  auto c = client();
  ASSERT_EQ(c.Get(item_path("/audio"))->status, 200);
  {
    std::fstream f(recording_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(5000);
    f.put('\x55');
  }
  fs::last_write_time(recording_, fs::last_write_time(recording_) + std::chrono::seconds(5));
  auto res = c.Get(item_path("/audio"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_NE(res->body.find("changed since intake"), std::string::npos);

  fs::remove(recording_);
  auto gone = c.Get(item_path("/audio"));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
}

}  // namespace
}  // namespace prov::test
