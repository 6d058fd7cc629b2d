// The proof-of-life rule on built cases: real case files holding items whose
// date windows come from the real content-dating pipeline (transcripts read
// against the shipped timeline), with claims stored beside them.
#include <gtest/gtest.h>

#include <fstream>

#include "casefile/case_store.h"
#include "casefile/subject_records.h"
#include "content/dating.h"
#include "content/dating_inputs.h"
#include "subjects/claims.h"
#include "subjects/proof_of_life.h"
#include "support/test_support.h"

namespace prov::subjects {
namespace {

using casefile::CaseStore;
using content::day_from_civil;

const std::string kTimeline = std::string(PROVENANCE_SOURCE_DIR) + "/data/timeline/iraq-syria-2013-2020.jsonl";

const content::ReferenceIndex& index() {
  static const content::ReferenceIndex i = content::load_reference_index({kTimeline}, {});
  return i;
}

class BuiltCase : public testing::Test {
 protected:
  void SetUp() override {
    store_.emplace(CaseStore::open((dir_ / "case.db").string(), CaseStore::Mode::create_if_missing));
    subject_ = casefile::add_subject(*store_, "Abu Bakr al-Baghdadi", "alice");
  }

  // An item dated from what its transcript says, as `analyze --transcript` stores it.
  int64_t dated_item(const std::string& name, const std::string& transcript, const std::string& released = "") {
    const auto path = dir_ / (name + ".txt");
    std::ofstream(path) << transcript;
    content::DatingOptions options;
    if (!released.empty()) options.released = content::parse_full_date(released, "--released");
    const auto result = content::date_transcript(content::load_transcript(path), index(), options);
    casefile::ItemRecord item;
    item.sha256 = std::string(64 - name.size(), '0') + name;
    item.original_path = "/evidence/" + name + ".flac";
    const int64_t id = store_->register_item(item);
    const int64_t run = store_->append_custody({"alice", "analyze", item.sha256, {}});
    nlohmann::json parameters = {{"released", released.empty() ? nlohmann::json(nullptr) : nlohmann::json(released)}};
    for (const auto& f : content::to_findings(result, parameters)) store_->add_finding(id, run, f);
    casefile::link_subject_item(*store_, subject_, id, "", "alice");
    return id;
  }

  void claim_killed(const std::string& event_date, const std::string& published, const std::string& claimant) {
    casefile::ClaimRecord c;
    c.subject_id = subject_;
    c.status = "killed";
    c.event_date = event_date;
    c.published_date = published;
    c.claimant = claimant;
    c.source = "https://example.org/" + claimant;
    c.origin = "test";
    c.examiner = "alice";
    casefile::add_claim(*store_, c);
  }

  ProofOfLife assess() {
    std::vector<ItemWindow> windows;
    for (const auto& link : casefile::subject_items(*store_, subject_)) {
      const auto item = store_->find_item(std::to_string(link.item_id));
      windows.push_back(item_window(*item, store_->findings(item->id), std::nullopt));
    }
    return assess_proof_of_life("Abu Bakr al-Baghdadi", windows, casefile::claims(*store_, subject_));
  }

  test::TempDir dir_;
  std::optional<CaseStore> store_;
  int64_t subject_ = 0;
};

const ClaimAssessment& claim_by(const ProofOfLife& r, const std::string& claimant) {
  for (const auto& a : r.claims)
    if (a.claim.claimant == claimant) return a;
  throw std::runtime_error("no claim by " + claimant);
}

TEST_F(BuiltCase, DeathClaimContradictedByALaterDatedRecording) {
  const int64_t baghouz = dated_item("baghouz", "The battle for Baghouz is over. We remain.", "2019-04-29");
  claim_killed("2018-06-01", "2018-06-10", "ministry-a");
  const auto r = assess();
  ASSERT_EQ(r.items.size(), 1u);
  ASSERT_TRUE(r.items[0].lower) << "the Baghouz reference sets a lower bound";
  EXPECT_EQ(r.items[0].lower->day, day_from_civil(2019, 3, 23));
  EXPECT_EQ(r.alive_on_or_after, day_from_civil(2019, 3, 23));
  EXPECT_EQ(r.alive_item, baghouz);
  const auto& a = claim_by(r, "ministry-a");
  EXPECT_EQ(a.verdict, ClaimVerdict::contradicted) << a.explanation;
  EXPECT_EQ(a.items, std::vector<int64_t>{baghouz});
  // item -> window bound -> cited event -> source, each present.
  std::map<std::string, std::string> chain;
  for (const auto& s : a.chain) chain[s.step] += s.text;
  EXPECT_NE(chain["item"].find("/evidence/baghouz.flac"), std::string::npos);
  EXPECT_NE(chain["window bound"].find("2019-03-23"), std::string::npos);
  EXPECT_NE(chain["cited event"].find("baghouz-battle"), std::string::npos) << chain["cited event"];
  EXPECT_NE(chain["quote"].find("The battle for Baghouz is over"), std::string::npos);
  EXPECT_NE(chain["source"].find("Baghuz"), std::string::npos) << chain["source"];
}

TEST_F(BuiltCase, DeathClaimAfterTheLastEvidenceIsUncontradicted) {
  dated_item("baghouz", "The battle for Baghouz is over. We remain.", "2019-04-29");
  claim_killed("2019-10-27", "2019-10-27", "president-b");
  claim_killed("", "2019-11-02", "group-c");  // no event date: dead by publication
  const auto r = assess();
  for (const char* who : {"president-b", "group-c"}) {
    const auto& a = claim_by(r, who);
    EXPECT_EQ(a.verdict, ClaimVerdict::uncontradicted) << a.explanation;
    EXPECT_NE(a.explanation.find("no attributed recording is dated after it"), std::string::npos) << a.explanation;
    EXPECT_TRUE(a.chain.empty());
  }
}

TEST_F(BuiltCase, AStraddlingWindowIsInconclusiveAndSaysSo) {
  const int64_t baghouz = dated_item("baghouz", "The battle for Baghouz is over. We remain.", "2019-04-29");
  claim_killed("2019-04-10", "2019-04-12", "agency-d");
  const auto r = assess();
  const auto& a = claim_by(r, "agency-d");
  EXPECT_EQ(a.verdict, ClaimVerdict::inconclusive) << a.explanation;
  EXPECT_EQ(a.items, std::vector<int64_t>{baghouz});
  EXPECT_NE(a.explanation.find("Inconclusive"), std::string::npos);
  EXPECT_NE(a.explanation.find("straddles"), std::string::npos);
}

TEST_F(BuiltCase, WithoutAReleaseDateTheWindowStaysOpenAfterwards) {
  dated_item("baghouz", "The battle for Baghouz is over. We remain.");
  claim_killed("2019-10-27", "2019-10-27", "president-b");
  const auto r = assess();
  EXPECT_FALSE(r.items[0].upper.has_value());
  EXPECT_EQ(claim_by(r, "president-b").verdict, ClaimVerdict::inconclusive)
      << "a recording with no upper bound may have been made after any later claim";
}

TEST_F(BuiltCase, ARejectedWindowNoLongerContradicts) {
  const int64_t baghouz = dated_item("baghouz", "The battle for Baghouz is over. We remain.", "2019-04-29");
  claim_killed("2018-06-01", "2018-06-10", "ministry-a");
  for (const auto& s : store_->findings(baghouz)) {
    if (s.finding.detector == "content.date_window") store_->add_review(s.id, "rejected", "bob", "misheard");
  }
  const auto r = assess();
  EXPECT_FALSE(r.alive_on_or_after.has_value());
  EXPECT_EQ(claim_by(r, "ministry-a").verdict, ClaimVerdict::inconclusive)
      << "only the release date is left: recorded any time before it";
}

TEST_F(BuiltCase, OtherClaimsAreDrawnButNotTested) {
  dated_item("baghouz", "The battle for Baghouz is over. We remain.", "2019-04-29");
  casefile::ClaimRecord c;
  c.subject_id = subject_;
  c.status = "seen_in";
  c.place = "Hajin";
  c.published_date = "2018-02-10";
  c.claimant = "intelligence-e";
  c.source = "report";
  casefile::add_claim(*store_, c);
  const auto r = assess();
  EXPECT_EQ(claim_by(r, "intelligence-e").verdict, ClaimVerdict::not_tested);
  const auto j = to_json(r);
  EXPECT_EQ(j["claims"][0]["verdict"], "not_tested");
  EXPECT_EQ(j["alive_on_or_after"], "2019-03-23");
}

}  // namespace
}  // namespace prov::subjects
