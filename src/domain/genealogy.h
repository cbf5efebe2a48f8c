// domain::Genealogy: the graph of batches reachable from one batch through transformations (splits,
// merges, blends), backward to its sources or forward to everything made from it. Breadth-first,
// each batch visited once, so shared ancestors (diamonds) appear once and a cycle in bad data cannot
// loop. Pure: the caller supplies the neighbour lookup. Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace domain {

struct GenealogyEdge {
  std::string parent, child, event;
  int64_t quantity_milli = 0;  // how much of the parent went into the child's transformation
  bool operator==(const GenealogyEdge&) const = default;
};

class Genealogy {
 public:
  enum class Direction { backward, forward };
  struct Node {
    std::string id;
    int depth = 0;  // 0 = the start batch
  };
  // For backward: the edges whose child is `id`; for forward: the edges whose parent is `id`.
  using Neighbours = std::function<std::vector<GenealogyEdge>(const std::string& id)>;

  // Stops adding nodes past max_nodes and says so in truncated().
  static Genealogy trace(const std::string& start, Direction direction, const Neighbours& neighbours,
                         size_t max_nodes = 5000);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<GenealogyEdge>& edges() const { return edges_; }
  bool truncated() const { return truncated_; }

 private:
  std::vector<Node> nodes_;
  std::vector<GenealogyEdge> edges_;
  bool truncated_ = false;
};

}  // namespace domain
