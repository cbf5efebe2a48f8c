// web::Metrics: counters and a latency histogram for GET /metrics (Prometheus text format 0.0.4).
// Thread-safe: lock-free atomics, updated on every request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace web {

class Metrics {
 public:
  // status: the response status; seconds: handling time inside the router.
  void observe(int status, double seconds);
  void add_records(int64_t n) { records_written_ += n; }
  std::string render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.25,  1.0};
  std::array<std::atomic<uint64_t>, 6> by_class_{};  // index status/100 (1xx..5xx), 0 unused
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micros_{0};
  std::atomic<uint64_t> errors_{0};
  std::atomic<int64_t> records_written_{0};
};

}  // namespace web
