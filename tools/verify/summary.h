// verify::summary_text: the report as agritrace-verify prints it — one line per check that held ("✓"),
// one per problem ("✗", naming the leaf index and record id and why, in Chinese and English), notes
// ("·"), and a last line: "全部通过 / all checks passed" or "验证失败 / verification FAILED: k problems".
// Thread-safe (pure function).
#pragma once

#include <string>

#include "verify/report.h"

namespace verify {

std::string summary_text(const Report& report);

}  // namespace verify
