#include "server/media_handlers.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <fstream>
#include <memory>

#include "casefile/case_store.h"
#include "server/api_handlers.h"
#include "server/byte_range.h"

namespace prov::server {
namespace {

using casefile::CaseStore;

std::optional<casefile::ItemRecord> item_of(const CaseStore& store, std::string_view id, httplib::Response& res) {
  const auto number = parse_id(id);
  if (!number) {
    send_refusal(res, {400, "the item id is not a valid number"});
    return std::nullopt;
  }
  auto item = store.find_item(std::to_string(*number));
  if (!item) send_refusal(res, {404, "no such item"});
  return item;
}

std::shared_ptr<const ItemMedia> media_of(ItemMediaCache& cache, const casefile::ItemRecord& item,
                                          httplib::Response& res) {
  try {
    return cache.get(item);
  } catch (const MediaRefused& refused) {
    send_refusal(res, refused.refusal);
    return nullptr;
  }
}

}  // namespace

void get_item_peaks(const CaseStore& store, ItemMediaCache& cache, std::string_view id, const httplib::Request& req,
                    httplib::Response& res) {
  const auto item = item_of(store, id, res);
  if (!item) return;
  int per_second = 10;
  if (req.has_param("per_second")) {
    const std::string text = req.get_param_value("per_second");
    constexpr std::array<std::string_view, 7> allowed{"1", "2", "5", "10", "20", "50", "100"};
    if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
      return send_refusal(res, {400, "per_second must be 1, 2, 5, 10, 20, 50 or 100"});
    }
    per_second = std::stoi(text);
  }
  const auto media = media_of(cache, *item, res);
  if (!media) return;
  const auto finest = static_cast<int>(media->peaks.buckets_per_second());
  const WaveformPeaks peaks = media->peaks.coarsened(static_cast<std::size_t>(std::max(1, finest / per_second)));
  std::string body = fmt::format(R"({{"item":{},"duration_s":{},"per_second":{},"scale":127,"peaks":[)", item->id,
                                 media->duration_s, peaks.buckets_per_second());
  body.reserve(body.size() + peaks.min.size() * 9);
  for (std::size_t i = 0; i < peaks.min.size(); ++i) {
    if (i) body += ',';
    fmt::format_to(std::back_inserter(body), "{},{}", peaks.min[i], peaks.max[i]);
  }
  body += fmt::format(R"(],"spectrogram":{{"top_hz":{}}},"playable":{{"original":{},"type":"{}"}}}})",
                      media->spectrogram_top_hz, media->playable_is_original, media->playable_type);
  res.set_content(body, "application/json");
}

void get_item_spectrogram(const CaseStore& store, ItemMediaCache& cache, std::string_view id, httplib::Response& res) {
  const auto item = item_of(store, id, res);
  if (!item) return;
  const auto media = media_of(cache, *item, res);
  if (!media) return;
  res.set_content(media->spectrogram_png, "image/png");
}

void get_item_audio(const CaseStore& store, ItemMediaCache& cache, std::string_view id, const httplib::Request& req,
                    httplib::Response& res) {
  const auto item = item_of(store, id, res);
  if (!item) return;
  const auto media = media_of(cache, *item, res);
  if (!media) return;
  if (media->playable_is_original) {
    try {
      cache.evidence().require_intact(*item);  // the file may have changed since the media was built
    } catch (const MediaRefused& refused) {
      return send_refusal(res, refused.refusal);
    }
  }
  auto file = std::make_shared<std::ifstream>(media->playable, std::ios::binary);
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(media->playable, ec);
  if (!*file || ec) return send_refusal(res, {404, "the audio cannot be read"});

  // The range is answered here; httplib must not cut the answer again.
  auto& ranges = const_cast<httplib::Request&>(req).ranges;
  ranges.clear();
  const RangeRequest range = parse_byte_range(req.get_header_value("Range"), size);
  res.set_header("Accept-Ranges", "bytes");
  if (std::holds_alternative<UnsatisfiableRange>(range)) {
    res.set_header("Content-Range", fmt::format("bytes */{}", size));
    return send_refusal(res, {416, "the requested range is not in the file"});
  }
  ByteRange span{0, size == 0 ? 0 : size - 1};
  if (const auto* asked = std::get_if<ByteRange>(&range)) {
    span = *asked;
    res.status = 206;
    res.set_header("Content-Range", fmt::format("bytes {}-{}/{}", span.first, span.last, size));
  } else {
    res.status = 200;
  }
  const uint64_t length = size == 0 ? 0 : span.length();
  const uint64_t first = span.first;
  res.set_content_provider(
      static_cast<size_t>(length), media->playable_type,
      [file, first](size_t offset, size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        file->seekg(static_cast<std::streamoff>(first + offset));
        const auto want = static_cast<std::streamsize>(std::min(length, sizeof buffer));
        file->read(buffer, want);
        const std::streamsize got = file->gcount();
        if (got <= 0) return false;
        return sink.write(buffer, static_cast<size_t>(got));
      });
}

}  // namespace prov::server
