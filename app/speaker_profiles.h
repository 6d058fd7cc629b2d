#pragma once
#include <string>
#include <vector>

#include "casefile/case_store.h"

namespace prov::cli {

// A reference recording enrolled for a named speaker: logged in the case
// file's custody log (action "speaker_enroll") with its SHA-256.
struct EnrolledReference {
  std::string name;
  std::string path;
  std::string sha256;
  double speech_s = 0;
  std::string conditions;
};

std::vector<EnrolledReference> enrolled_references(const casefile::CaseStore& store, const std::string& name);

// The references' files as enrolled: InputError when one is missing or its
// bytes are no longer those the custody log names.
void check_references_unchanged(const std::vector<EnrolledReference>& references);

constexpr const char* kSpeakerEnrollAction = "speaker_enroll";

}  // namespace prov::cli
