// verify::Report: what agritrace-verify found — the checks that held (one line each, Chinese / English)
// and every problem, naming the leaf index and record id it is about. Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace verify {

struct Problem {
  int64_t leaf_index = -1;  // -1: not about one record (the checkpoint, the file as a whole)
  std::string record_id;
  std::string zh, en;  // why, in Chinese and in English
};

class Report {
 public:
  // A check that held: one line, e.g. "检查点签名有效 / checkpoint signature valid: …".
  void pass(std::string line) { passed_.push_back(std::move(line)); }
  void fail(std::string zh, std::string en) { problems_.push_back({-1, "", std::move(zh), std::move(en)}); }
  void fail(int64_t leaf_index, std::string record_id, std::string zh, std::string en) {
    problems_.push_back({leaf_index, std::move(record_id), std::move(zh), std::move(en)});
  }
  // Something worth saying that is neither a pass nor a failure (e.g. a check that cannot apply).
  void note(std::string line) { notes_.push_back(std::move(line)); }

  bool ok() const { return problems_.empty(); }
  size_t problem_count() const { return problems_.size(); }
  const std::vector<std::string>& passed() const { return passed_; }
  const std::vector<Problem>& problems() const { return problems_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  std::vector<std::string> passed_;
  std::vector<Problem> problems_;
  std::vector<std::string> notes_;
};

}  // namespace verify
