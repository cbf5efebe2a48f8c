// web::genealogy_svg: a batch's genealogy drawn as an inline SVG graph for the bureau's console —
// ancestors to the left (back to the farms), the batch in the middle, descendants and their parcels to
// the right, one column per generation, boxes joined by lines, each box a link. Pure: the caller
// supplies the laid-out graph; every text is XML-escaped here. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace web {

struct GraphBox {
  std::string id;                  // unique within the graph; edges refer to it
  int column = 0;                  // generation: < 0 ancestors, 0 the batch, > 0 descendants
  std::vector<std::string> lines;  // first line bold; each shortened to fit the box
  std::string href;                // where the box links to; none when empty
  bool current = false;            // the batch the page is about
  bool parcel = false;             // a sold parcel rather than a batch
  bool flagged = false;            // held or recalled: drawn red
};

struct GraphLink {
  std::string from, to;  // box ids; a link naming an unknown box is skipped
};

// The <svg> element (no XML prolog), sized in pixels for a horizontally scrolling container.
// Boxes keep their given order within a column.
std::string genealogy_svg(const std::vector<GraphBox>& boxes, const std::vector<GraphLink>& links);

// At most `max_chars` characters of UTF-8 `text` (a CJK character counts as two), "…" when cut.
std::string shorten(std::string_view text, size_t max_chars);

}  // namespace web
