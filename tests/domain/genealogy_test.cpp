#include "domain/genealogy.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using domain::Genealogy;
using domain::GenealogyEdge;

namespace {

// A small batch graph as a list of edges, with lookups in both directions.
struct Graph {
  std::vector<GenealogyEdge> edges;
  Genealogy::Neighbours backward() const {
    return [this](const std::string& id) {
      std::vector<GenealogyEdge> out;
      for (const auto& e : edges)
        if (e.child == id) out.push_back(e);
      return out;
    };
  }
  Genealogy::Neighbours forward() const {
    return [this](const std::string& id) {
      std::vector<GenealogyEdge> out;
      for (const auto& e : edges)
        if (e.parent == id) out.push_back(e);
      return out;
    };
  }
};

std::map<std::string, int> depths(const Genealogy& g) {
  std::map<std::string, int> out;
  for (const auto& n : g.nodes()) out[n.id] = n.depth;
  return out;
}

}  // namespace

TEST_CASE("a blend of two apiaries traces back to both, and forward from each to the jars") {
  // honey A + honey B → blend → jars (split into two lots)
  Graph g{{{"A", "blend", "e1", 300000}, {"B", "blend", "e1", 200000},
           {"blend", "jars1", "e2", 250000}, {"blend", "jars2", "e2", 250000}}};
  auto back = Genealogy::trace("jars1", Genealogy::Direction::backward, g.backward());
  CHECK(depths(back) == std::map<std::string, int>{{"jars1", 0}, {"blend", 1}, {"A", 2}, {"B", 2}});
  CHECK(back.edges().size() == 3);
  CHECK_FALSE(back.truncated());

  auto fwd = Genealogy::trace("A", Genealogy::Direction::forward, g.forward());
  CHECK(depths(fwd) == std::map<std::string, int>{{"A", 0}, {"blend", 1}, {"jars1", 2}, {"jars2", 2}});
  CHECK(fwd.edges().size() == 3);
}

TEST_CASE("a diamond visits the shared ancestor once but keeps both edges") {
  Graph g{{{"root", "left", "e1", 1}, {"root", "right", "e1", 1}, {"left", "merged", "e2", 1}, {"right", "merged", "e2", 1}}};
  auto back = Genealogy::trace("merged", Genealogy::Direction::backward, g.backward());
  CHECK(back.nodes().size() == 4);
  CHECK(back.edges().size() == 4);
  CHECK(depths(back)["root"] == 2);
}

TEST_CASE("a cycle in bad data terminates") {
  Graph g{{{"a", "b", "e1", 1}, {"b", "c", "e2", 1}, {"c", "a", "e3", 1}}};
  auto fwd = Genealogy::trace("a", Genealogy::Direction::forward, g.forward());
  CHECK(fwd.nodes().size() == 3);
  CHECK(fwd.edges().size() == 3);
}

TEST_CASE("a batch with no transformations is a graph of one node") {
  Graph g;
  auto back = Genealogy::trace("x", Genealogy::Direction::backward, g.backward());
  REQUIRE(back.nodes().size() == 1);
  CHECK(back.nodes()[0].id == "x");
  CHECK(back.edges().empty());
}

TEST_CASE("max_nodes bounds the walk and reports truncation") {
  Graph g;
  for (int i = 0; i < 100; ++i) g.edges.push_back({"p", "c" + std::to_string(i), "e", 1});
  auto fwd = Genealogy::trace("p", Genealogy::Direction::forward, g.forward(), 10);
  CHECK(fwd.nodes().size() == 10);
  CHECK(fwd.truncated());
}
