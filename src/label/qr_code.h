// label::QrCode: the module matrix of one QR symbol, byte mode, version chosen automatically.
// A plain value (no C handle kept), immutable once made, so one object may be read from many
// threads. encode() is thread-safe: Debian's libqrencode 4.1 is built with pthread and guards its
// shared Reed-Solomon tables with a mutex (the .so imports pthread_mutex_lock), and each call builds
// its own input; tests/label/qr_code_test.cpp encodes from four threads at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace label {

class QrCode {
 public:
  static constexpr int kQuietZone = 4;  // modules of white border every renderer must draw

  // Encodes `data` as bytes (8-bit mode) at error correction `level` ('L', 'M', 'Q' or 'H'; lower
  // case accepted). Empty data or an unknown level is invalid_input; data beyond the capacity of
  // version 40 at that level is unprocessable.
  static domain::Result<QrCode> encode(std::string_view data, char level = 'M');

  int size() const { return size_; }        // modules per side, without the quiet zone
  int version() const { return version_; }  // 1..40; size() == 17 + 4 * version()
  char level() const { return level_; }     // upper case

  // True for a dark module; x is the column, y the row, both 0..size()-1.
  bool dark(int x, int y) const { return modules_[static_cast<std::size_t>(y) * size_ + x] != 0; }

 private:
  QrCode(int size, int version, char level, std::vector<std::uint8_t> modules)
      : size_(size), version_(version), level_(level), modules_(std::move(modules)) {}

  int size_;
  int version_;
  char level_;
  std::vector<std::uint8_t> modules_;  // row-major, 1 = dark
};

}  // namespace label
