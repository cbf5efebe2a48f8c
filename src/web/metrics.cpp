#include "web/metrics.h"

#include <cstdio>

namespace web {

void Metrics::observe(int status, double seconds) {
  int cls = status / 100;
  if (cls >= 1 && cls <= 5) by_class_[cls].fetch_add(1, std::memory_order_relaxed);
  if (status >= 500) errors_.fetch_add(1, std::memory_order_relaxed);
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out;
  char line[160];
  out += "# HELP agritrace_requests_total HTTP requests handled, by status class.\n";
  out += "# TYPE agritrace_requests_total counter\n";
  for (int cls = 1; cls <= 5; ++cls) {
    std::snprintf(line, sizeof line, "agritrace_requests_total{code=\"%dxx\"} %llu\n", cls,
                  static_cast<unsigned long long>(by_class_[cls].load()));
    out += line;
  }
  out += "# HELP agritrace_request_duration_seconds Time spent handling a request.\n";
  out += "# TYPE agritrace_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load();
    std::snprintf(line, sizeof line, "agritrace_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                  static_cast<unsigned long long>(cumulative));
    out += line;
  }
  cumulative += buckets_[kBuckets.size()].load();
  std::snprintf(line, sizeof line, "agritrace_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                static_cast<unsigned long long>(cumulative));
  out += line;
  std::snprintf(line, sizeof line, "agritrace_request_duration_seconds_sum %.6f\n", sum_micros_.load() / 1e6);
  out += line;
  std::snprintf(line, sizeof line, "agritrace_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(count_.load()));
  out += line;
  out += "# HELP agritrace_errors_total Requests that ended in a server error (5xx).\n";
  out += "# TYPE agritrace_errors_total counter\n";
  out += "agritrace_errors_total " + std::to_string(errors_.load()) + "\n";
  out += "# HELP agritrace_records_written_total Records appended to the log.\n";
  out += "# TYPE agritrace_records_written_total counter\n";
  out += "agritrace_records_written_total " + std::to_string(records_written_.load()) + "\n";
  return out;
}

}  // namespace web
