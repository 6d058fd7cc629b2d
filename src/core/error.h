#pragma once
#include <stdexcept>
#include <string>

namespace prov {

// Bad input that stops an analysis: the message is one line naming the file
// and the problem, shown to the user as is (exit code 1).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace prov
