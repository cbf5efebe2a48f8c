// domain::Error and domain::Result<T>: expected failures as values.
// A Result holds either a T or an Error naming what went wrong, the JSON pointer of the field at
// fault (may be empty) and a human sentence. Value type; thread-compatible.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace domain {

enum class Errc {
  invalid_input,   // 400: malformed syntax (bad JSON, wrong type, bad check digit)
  unprocessable,   // 422: well-formed but violates a domain rule
  unauthorized,    // 401: no or unknown credentials
  forbidden,       // 403: credentials fine, action not allowed
  not_found,       // 404
  conflict,        // 409: state forbids it (over-quantity, duplicate lot)
  too_large,       // 413
  internal,        // 500: never carries internals in the message
  unavailable,     // 503: the service refuses writes for now (e.g. the log failed its integrity check)
};

struct Error {
  Errc code = Errc::invalid_input;
  std::string message;
  std::string field;  // JSON pointer, e.g. "/inputs/0/quantity"; empty when not about one field
};

inline Error make_error(Errc code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}        // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

// For operations that produce nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace domain
