// web::Router: every URL the server answers, in one table (router.cpp), mapped to its handler.
// Catches what handlers throw (logged 500, no internals leaked), counts metrics.
// Thread-safe: handle() is called concurrently from the transport threads.
#pragma once

#include <string>
#include <vector>

#include "http/message.h"
#include "web/app.h"
#include "web/routes.h"

namespace web {

class Router {
 public:
  explicit Router(App& app);
  http::Response handle(const http::Request& request);

 private:
  struct Route {
    std::string method;
    std::vector<std::string> pattern;  // path segments; "{}" captures one segment
    RouteHandler handler;
  };
  http::Response dispatch(const http::Request& request);

  App& app_;
  std::vector<Route> routes_;
};

}  // namespace web
