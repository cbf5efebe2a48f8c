// GET /api/v1/batches/{id}/trace?direction=backward|forward — the genealogy graph.
#include "domain/digital_link.h"
#include "domain/genealogy.h"
#include "domain/quantity.h"
#include "web/batch_records.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

std::vector<domain::GenealogyEdge> to_edges(const std::vector<store::ParentLink>& links) {
  std::vector<domain::GenealogyEdge> out;
  for (const auto& l : links) out.push_back({l.parent_id, l.child_id, l.event_id, l.quantity_milli});
  return out;
}

}  // namespace

http::Response get_trace(App& app, RouteContext& ctx) {
  using domain::Genealogy;
  auto& reader = app.reader();
  auto start = reader.batch(ctx.params[0]);
  if (!start) return error_response(domain::make_error(domain::Errc::not_found, "no batch with id " + ctx.params[0].substr(0, 64)));
  std::string direction = ctx.query_value("direction", "backward");
  if (direction != "backward" && direction != "forward")
    return error_response(domain::make_error(domain::Errc::invalid_input,
                                             "query parameter direction must be backward or forward", "?direction"));
  auto graph = Genealogy::trace(
      start->id, direction == "backward" ? Genealogy::Direction::backward : Genealogy::Direction::forward,
      [&](const std::string& id) { return to_edges(direction == "backward" ? reader.parents(id) : reader.children(id)); });

  nlohmann::json nodes = nlohmann::json::array();
  std::map<std::string, std::string> units;
  for (const auto& node : graph.nodes()) {
    auto row = reader.batch(node.id);
    if (!row) continue;
    auto record = nlohmann::json::parse(row->body);
    auto product = reader.product(row->product_id);
    units[row->id] = record.value("unit", "");
    nodes.push_back({{"batch", row->id}, {"depth", node.depth}, {"gtin", row->gtin}, {"lot", row->lot},
                     {"product", product ? nlohmann::json::parse(product->body).value("name", "") : ""},
                     {"party", row->party_id}, {"quantity", record["quantity"]}, {"unit", record["unit"]},
                     {"produced_at", record["produced_at"]},
                     {"digital_link", digital_link(app, row->gtin, row->lot)}});
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : graph.edges())
    edges.push_back({{"from", e.parent}, {"to", e.child}, {"event", e.event},
                     {"quantity", domain::Quantity::from_milli(e.quantity_milli).str()}, {"unit", units[e.parent]}});
  return json_response(200, {{"batch", start->id}, {"direction", direction}, {"nodes", nodes}, {"edges", edges},
                             {"truncated", graph.truncated()}});
}

}  // namespace web
