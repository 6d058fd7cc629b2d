#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <fstream>
#include <set>

#include "core/error.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/fsdd_material.h"
#include "fingerprint/landmarks.h"
#include "support/test_support.h"

namespace fp = prov::fingerprint;

namespace {

std::size_t postings_of(fp::ArchiveIndex& index, const std::vector<fp::Landmark>& landmarks, int64_t item) {
  std::size_t n = 0;
  std::vector<fp::Posting> out;
  for (const auto& l : landmarks) {
    out.clear();
    index.lookup(l.hash, 1000000, out);
    for (const auto& p : out) n += p.item == item && p.anchor == l.anchor;
  }
  return n;
}

}  // namespace

TEST(ArchiveIndex, AddsDetectsDuplicatesAndRemovesWithoutRebuild) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  prov::test::TempDir dir;
  const auto a = fp::test::fsdd_speech("theo", 0, 2);
  const auto b = fp::test::fsdd_speech("nicolas", 0, 2);
  const auto peaks_a = fp::find_spectral_peaks(a);
  const auto peaks_b = fp::find_spectral_peaks(b);
  const auto lm_a = fp::archive_landmarks(fp::decode_peaks(fp::encode_peaks(peaks_a)));
  const auto lm_b = fp::archive_landmarks(fp::decode_peaks(fp::encode_peaks(peaks_b)));

  auto index = fp::ArchiveIndex::open((dir / "arch").string() + "/", fp::ArchiveIndex::Mode::create_if_missing);
  EXPECT_EQ(index.path(), (dir / "arch" / "fingerprints.sqlite").string());
  const auto ra = index.add(std::string(64, 'a'), {"Speech A", "test", "2014-07-05", "/x/a.wav"}, a.duration_s(), peaks_a);
  const auto rb = index.add(std::string(64, 'b'), {"Speech B", "", "", ""}, b.duration_s(), peaks_b);
  EXPECT_FALSE(ra.duplicate);
  EXPECT_NE(ra.id, rb.id);
  const auto again = index.add(std::string(64, 'a'), {"Other title", "", "", ""}, a.duration_s(), peaks_a);
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.id, ra.id);
  ASSERT_EQ(index.items().size(), 2u);
  EXPECT_EQ(index.item(ra.id)->metadata.title, "Speech A");
  EXPECT_EQ(index.item(ra.id)->metadata.released, "2014-07-05");
  std::set<std::pair<uint32_t, uint32_t>> distinct_a;
  for (const auto& l : lm_a) distinct_a.insert({l.hash, l.anchor});
  EXPECT_EQ(postings_of(index, lm_a, ra.id), lm_a.size());  // every landmark of A is findable
  EXPECT_EQ(index.item(ra.id)->landmark_count, static_cast<int64_t>(lm_a.size()));

  EXPECT_TRUE(index.remove(ra.id));
  EXPECT_FALSE(index.remove(ra.id));
  EXPECT_FALSE(index.item(ra.id));
  EXPECT_EQ(postings_of(index, lm_a, ra.id), 0u);
  EXPECT_GT(postings_of(index, lm_b, rb.id), lm_b.size() / 2);

  // Reopening sees the same state; a new item never reuses a removed id.
  index = fp::ArchiveIndex::open((dir / "arch").string(), fp::ArchiveIndex::Mode::open_existing);
  EXPECT_EQ(index.items().size(), 1u);
  const auto rc = index.add(std::string(64, 'c'), {"C", "", "", ""}, a.duration_s(), peaks_a);
  EXPECT_GT(rc.id, rb.id);
}

TEST(ArchiveIndex, CommonHashesAreCappedAtLookup) {
  prov::test::TempDir dir;
  auto index = fp::ArchiveIndex::open((dir / "a.sqlite").string(), fp::ArchiveIndex::Mode::create_if_missing);
  index.begin_bulk();
  for (int i = 0; i < 30; ++i) index.add_synthetic_item(fmt::format("s{}", i), 10, {{42u, 1u}, {7u, uint32_t(i)}});
  index.end_bulk();
  std::vector<fp::Posting> out;
  EXPECT_TRUE(index.lookup(42u, 30, out));
  EXPECT_EQ(out.size(), 30u);
  out.clear();
  EXPECT_FALSE(index.lookup(42u, 29, out));
  EXPECT_TRUE(out.empty());
}

TEST(ArchiveIndex, PeakListsRoundTrip) {
  std::vector<fp::SpectralPeak> peaks = {{0.25f, 312.5f, 12.0f}, {3.0f, 1000.25f, 6.5f}, {2.9375f, 3499.0f, 40.0f}};
  const auto back = fp::decode_peaks(fp::encode_peaks(peaks));
  ASSERT_EQ(back.size(), peaks.size());
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    EXPECT_NEAR(back[i].frame, peaks[i].frame, 1.0 / 32);
    EXPECT_NEAR(back[i].freq_hz, peaks[i].freq_hz, 0.125);
  }
}

TEST(ArchiveIndex, RejectsWhatIsNotAnArchive) {
  prov::test::TempDir dir;
  using Mode = fp::ArchiveIndex::Mode;
  EXPECT_THROW(fp::ArchiveIndex::open((dir / "missing.sqlite").string(), Mode::open_existing), prov::InputError);

  std::ofstream(dir / "notes.txt") << "this is not a database, just some text that is long enough to be a header\n";
  try {
    fp::ArchiveIndex::open((dir / "notes.txt").string(), Mode::create_if_missing);
    FAIL() << "opened a text file";
  } catch (const prov::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("notes.txt"), std::string::npos) << e.what();
  }

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "other.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE people(name TEXT)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    fp::ArchiveIndex::open((dir / "other.db").string(), Mode::create_if_missing);
    FAIL() << "opened another application's database";
  } catch (const prov::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a fingerprint archive"), std::string::npos) << e.what();
  }
}

TEST(ArchiveIndex, UpgradesAVersion1ArchiveKeepingEveryPosting) {
  prov::test::TempDir dir;
  const auto path = (dir / "old.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // The version 1 layout: one row per posting.
  const char* v1 = R"sql(
    CREATE TABLE archive_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO archive_meta VALUES('format', 'provenance-fingerprint-archive'), ('version', '1');
    CREATE TABLE items(id INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', released TEXT NOT NULL DEFAULT '',
      original_path TEXT NOT NULL DEFAULT '', duration_s REAL NOT NULL, added_utc TEXT NOT NULL,
      landmark_count INTEGER NOT NULL, peaks BLOB);
    CREATE TABLE postings(hash INTEGER NOT NULL, item INTEGER NOT NULL, anchor INTEGER NOT NULL,
      PRIMARY KEY(hash, item, anchor)) WITHOUT ROWID;
    INSERT INTO items(sha256, title, duration_s, added_utc, landmark_count) VALUES
      ('a', 'Sermon 2014', 60, '2020-01-01T00:00:00Z', 3), ('b', 'Speech 2016', 60, '2020-01-01T00:00:00Z', 2);
    INSERT INTO postings VALUES(42, 1, 100), (42, 1, 7), (42, 2, 5), (9, 1, 3000), (9, 2, 1);
  )sql";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto index = fp::ArchiveIndex::open(path, fp::ArchiveIndex::Mode::open_existing);
  std::vector<fp::Posting> out;
  ASSERT_TRUE(index.lookup(42u, 100, out));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].item, 1u);
  EXPECT_EQ(out[0].anchor, 7u);
  EXPECT_EQ(out[1].anchor, 100u);
  EXPECT_EQ(out[2].item, 2u);
  out.clear();
  ASSERT_TRUE(index.lookup(9u, 100, out));
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(index.items().size(), 2u);
  EXPECT_EQ(index.item(1)->metadata.title, "Sermon 2014");

  // The upgrade is written: reopening finds version 2, and items can be removed.
  index = fp::ArchiveIndex::open(path, fp::ArchiveIndex::Mode::open_existing);
  EXPECT_TRUE(index.remove(2));
  out.clear();
  ASSERT_TRUE(index.lookup(42u, 100, out));
  EXPECT_EQ(out.size(), 2u);
  out.clear();
  ASSERT_TRUE(index.lookup(9u, 100, out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].anchor, 3000u);
}

TEST(ArchiveIndex, ACorruptPostingListIsAnErrorNotACrash) {
  prov::test::TempDir dir;
  const auto path = (dir / "a.sqlite").string();
  {
    auto index = fp::ArchiveIndex::open(path, fp::ArchiveIndex::Mode::create_if_missing);
    index.add_synthetic_item("s", 10, {{42u, 1u}, {42u, 9u}});
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE posting_lists SET postings = x'01ff'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto index = fp::ArchiveIndex::open(path, fp::ArchiveIndex::Mode::open_existing);
  std::vector<fp::Posting> out;
  EXPECT_THROW(index.lookup(42u, 100, out), std::runtime_error);
  // The statement is reset after the error: the next lookup works.
  out.clear();
  EXPECT_TRUE(index.lookup(7u, 100, out));
  EXPECT_TRUE(out.empty());
}
