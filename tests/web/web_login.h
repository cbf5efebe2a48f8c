// webtest login helpers shared by the tests of pages behind a login (session, console, admin, producer):
// accounts written straight into the users table with cheap scrypt parameters, and the real login form
// (its cookie and CSRF token) to get a session. Not thread-safe; use within one test case.
#pragma once

#include <string>

#include "fixture.h"

namespace webtest {

inline constexpr const char* kPassword = "苹果园-password-2026";

// Adds an account with kPassword; returns its id. An inspector without a party gets a new bureau.
std::string add_user(Fixture& f, const std::string& username, const std::string& role, std::string party = {});

// The Set-Cookie value for cookie `name` (with its attributes), or empty; and its "name=value" part.
std::string set_cookie(const http::Response& r, const std::string& name);
std::string cookie_of(const std::string& set_cookie_value);
// The value of the first hidden `csrf` field in a page (REQUIREs one).
std::string hidden_csrf(const std::string& html);
// application/x-www-form-urlencoded escaping of a value.
std::string form_encode(const std::string& s);

// The login form's pre-session cookie ("agritrace_login=…") and its CSRF token.
struct LoginForm {
  std::string cookie, csrf;
};
LoginForm login_form(Fixture& f);
// POST /login through the form.
http::Response login(Fixture& f, const std::string& username, const std::string& password = kPassword);
// Logs in (REQUIREs the 303) and returns the session cookie "agritrace_session=…".
std::string session_cookie(Fixture& f, const std::string& username);

}  // namespace webtest
