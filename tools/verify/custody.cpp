#include "verify/custody.h"

#include <map>
#include <set>
#include <utility>

namespace verify {
namespace {

using nlohmann::json;

std::string amount_text(int64_t milli) { return domain::Quantity::from_milli(milli).str(); }

class Holdings {
 public:
  Holdings(const Records& records, Report& report) : records_(records), report_(report) {}

  void replay() {
    for (const auto& r : records_.all()) {
      if (r.type() == "batch") {
        auto q = milli_of(r.leaf);
        if (!q) {
          bad_quantity(r);
          continue;
        }
        credit(r.id(), r.text("party"), *q);
      } else if (r.type() == "event") {
        event(r);
      }
    }
  }

 private:
  void event(const LeafRecord& e) {
    const std::string kind = e.text("kind");
    const std::string party = e.text("party");
    const bool moves = !e.is_correction();
    if (kind == "transform") {
      for (const auto& in : e.leaf.value("inputs", json::array())) {
        std::string batch = LeafRecord::text_of(in, "batch");
        if (!records_.find(batch, "batch")) continue;  // another line of the family, not accounted here
        require_held(e, batch, party);
        auto q = milli_of(in);
        if (!q) {
          bad_quantity(e);
        } else if (moves) {
          debit(e, batch, party, *q);
        }
      }
      return;
    }
    std::string batch = e.text("batch");
    if (batch.empty()) return;
    if (!records_.find(batch, "batch")) {
      report_.fail(e.leaf_index, e.id(), "事件所涉批次 " + batch + " 不在证据中",
                   "its batch " + batch + " is not in the file");
      return;
    }
    // The bureau's holds, releases, recalls and inspections act on stock wherever it is: no custody.
    if (kind == "hold" || kind == "release" || kind == "recall") return;
    if (kind == "inspect" && is_bureau(party)) return;
    if (kind == "recall_confirm") {  // the holder's recalled stock leaves the chain (returned or destroyed)
      auto q = milli_of(e.leaf);
      if (!q) return bad_quantity(e);
      require_held(e, batch, party);
      if (moves) debit(e, batch, party, *q);
      return;
    }
    if (kind == "receive" || kind == "ship" || kind == "sell") {
      auto q = milli_of(e.leaf);
      if (!q) return bad_quantity(e);
      if (kind == "receive" && moves) credit(batch, party, *q);  // the receiver holds it from here on
      require_held(e, batch, party);
      if (kind != "receive" && moves) debit(e, batch, party, *q);
      return;
    }
    require_held(e, batch, party);
  }

  bool is_bureau(const std::string& party) const {
    const LeafRecord* p = records_.find(party, "party");
    return p && p->text("kind") == "bureau";
  }

  void credit(const std::string& batch, const std::string& party, int64_t milli) {
    balance_[{batch, party}] += milli;
    held_.insert({batch, party});
  }

  void debit(const LeafRecord& e, const std::string& batch, const std::string& party, int64_t milli) {
    int64_t& b = balance_[{batch, party}];
    b -= milli;
    if (b < 0)
      report_.fail(e.leaf_index, e.id(), "数量超出：" + party + " 持有批次 " + batch + " 的数量将为 " + amount_text(b),
                   "takes more than held: " + party + " would hold " + amount_text(b) + " of batch " + batch);
  }

  void require_held(const LeafRecord& e, const std::string& batch, const std::string& party) {
    if (held_.count({batch, party})) return;
    if (!reported_.insert(e.leaf_index).second) return;  // one line per record is enough
    report_.fail(e.leaf_index, e.id(), party + " 记录此步骤时从未持有批次 " + batch,
                 "recorded by " + party + ", which never held batch " + batch + " before this step");
  }

  void bad_quantity(const LeafRecord& r) {
    report_.fail(r.leaf_index, r.id(), "数量不是有效的数值", "a quantity is not a valid decimal amount");
  }

  const Records& records_;
  Report& report_;
  std::map<std::pair<std::string, std::string>, int64_t> balance_;  // (batch, party) → thousandths
  std::set<std::pair<std::string, std::string>> held_;              // (batch, party) ever credited
  std::set<int64_t> reported_;
};

}  // namespace

void check_custody(const Records& records, Report& report) {
  const size_t before = report.problem_count();
  Holdings(records, report).replay();
  if (report.problem_count() == before)
    report.pass(
        "持有与数量相符 / custody holds: 每一步都由持有者记录，数量从未超出 every step by a holder, no balance below "
        "zero");
}

}  // namespace verify
