#include "domain/genealogy.h"

#include <deque>
#include <unordered_set>

namespace domain {

Genealogy Genealogy::trace(const std::string& start, Direction direction, const Neighbours& neighbours,
                           size_t max_nodes) {
  Genealogy g;
  std::unordered_set<std::string> seen{start};
  std::deque<Node> queue{Node{start, 0}};
  while (!queue.empty()) {
    Node node = queue.front();
    queue.pop_front();
    g.nodes_.push_back(node);
    for (auto& edge : neighbours(node.id)) {
      const std::string& next = direction == Direction::backward ? edge.parent : edge.child;
      if (!seen.count(next)) {
        if (seen.size() >= max_nodes) {
          g.truncated_ = true;
          continue;
        }
        seen.insert(next);
        queue.push_back(Node{next, node.depth + 1});
      }
      // An edge into an already-seen node is still part of the graph (a merge or a diamond).
      g.edges_.push_back(std::move(edge));
    }
  }
  return g;
}

}  // namespace domain
