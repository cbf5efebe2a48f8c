#include "verify/summary.h"

namespace verify {

std::string summary_text(const Report& report) {
  std::string out;
  for (const auto& line : report.passed()) out += "✓ " + line + "\n";
  for (const auto& p : report.problems()) {
    out += "✗ ";
    if (p.leaf_index >= 0)
      out += "记录 record #" + std::to_string(p.leaf_index) + (p.record_id.empty() ? "" : " " + p.record_id) + ": ";
    out += p.zh + " / " + p.en + "\n";
  }
  for (const auto& line : report.notes()) out += "· " + line + "\n";
  if (report.ok()) {
    out += "全部通过 / all checks passed\n";
  } else {
    const size_t k = report.problem_count();
    out += "验证失败 / verification FAILED: " + std::to_string(k) + (k == 1 ? " problem\n" : " problems\n");
  }
  return out;
}

}  // namespace verify
