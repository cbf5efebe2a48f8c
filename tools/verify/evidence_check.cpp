#include "verify/evidence_check.h"

#include <algorithm>
#include <set>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "verify/chain_links.h"
#include "verify/custody.h"
#include "verify/producer_signatures.h"

namespace verify {
namespace {

using nlohmann::json;

std::optional<std::vector<ledger::Hash>> hashes_of(const std::vector<std::string>& list) {
  std::vector<ledger::Hash> out;
  for (const auto& item : list) {
    auto h = ledger::hash_from_base64(item);
    if (!h) return std::nullopt;
    out.push_back(*h);
  }
  return out;
}

// The checkpoint of a signed note, checked against the pinned key. Returns it even when the signature
// fails (so the proofs can still be looked at; the failure is reported), nullopt when unreadable.
// `which` says which checkpoint the lines are about ("" for the file's own, or "saved " for --old).
std::optional<ledger::Checkpoint> open_checkpoint(const std::string& note, const ledger::NoteVerifier& key,
                                                  const std::string& which_zh, const std::string& which_en,
                                                  Report& report, bool report_pass) {
  auto text = key.open(note);
  std::string body;
  if (text) {
    body = *text;
  } else if (size_t split = note.rfind("\n\n"); split != std::string::npos) {
    body = note.substr(0, split + 1);  // read (not trusted) so the proofs can still be reported on
  }
  auto cp = ledger::Checkpoint::parse(body);
  if (!text)
    report.fail(which_zh + "检查点签名无效 (" + key.name() + ")",
                which_en + "checkpoint signature invalid for key " + key.name() + ": " + text.error().message);
  if (!cp) {
    report.fail(which_zh + "检查点无法读取", which_en + "checkpoint unreadable: " + cp.error().message);
    return std::nullopt;
  }
  if (cp->origin != key.name())
    report.fail(which_zh + "检查点来源 " + cp->origin + " 与密钥名 " + key.name() + " 不符",
                which_en + "checkpoint origin " + cp->origin + " is not the key name " + key.name());
  else if (text && report_pass)
    report.pass("检查点签名有效 / checkpoint signature valid: " + cp->origin + ", 记录数 size " +
                std::to_string(cp->size));
  return *cp;
}

// Leaf bytes, canonical form, "record" and inclusion proof of every record; returns the records whose
// leaf parsed, in leaf order, for the link checks.
std::vector<LeafRecord> check_records(const EvidenceFile& file, const std::optional<ledger::Checkpoint>& cp,
                                      Report& report) {
  const size_t before = report.problem_count();
  std::vector<LeafRecord> out;
  std::set<int64_t> seen;
  if (!cp) report.fail("包含证明无法检查：没有可读的检查点", "inclusion proofs not checked: no readable checkpoint");
  for (const auto& e : file.records) {
    const int64_t at = e.leaf_index;
    std::string id = !e.record_id.empty() ? e.record_id : LeafRecord::text_of(e.record, "id");
    if (!seen.insert(at).second) {
      report.fail(at, id, "同一日志记录出现两次", "the same leaf index is listed twice");
      continue;
    }
    auto bytes = ledger::base64_decode(e.leaf_data_base64);
    if (!bytes) {
      report.fail(at, id, "leaf_data_base64 不是有效的 base64", "leaf_data_base64 is not valid base64");
      continue;
    }
    if (cp) {
      auto proof = hashes_of(e.inclusion_proof);
      if (!proof ||
          !ledger::verify_inclusion(ledger::leaf_hash(*bytes), static_cast<uint64_t>(at), cp->size, *proof, cp->root))
        report.fail(at, id, "包含证明无效：此记录的字节不在已签名的日志中",
                    "inclusion proof does not verify: these bytes are not the record signed into the log");
    }
    json leaf = json::parse(*bytes, nullptr, false);
    if (leaf.is_discarded() || !leaf.is_object()) {
      report.fail(at, id, "日志叶不是 JSON 对象", "the leaf is not a JSON object");
      continue;
    }
    auto canonical = ledger::canonicalize(leaf);
    if (!canonical || *canonical != *bytes)
      report.fail(at, id, "日志叶不是规范编码 (RFC 8785)", "the leaf is not in canonical form (RFC 8785)");
    auto shown = ledger::canonicalize(e.record);
    if (!shown || *shown != *bytes)
      report.fail(at, id, "\"record\" 与已签名的日志叶内容不一致", "\"record\" differs from the signed leaf bytes");
    LeafRecord r{at, std::move(leaf)};
    if (file.bundle && (e.record_id != r.id() || e.kind != r.type()))
      report.fail(at, id, "kind/record_id 与记录内容不符", "kind/record_id do not match the record's type and id");
    out.push_back(std::move(r));
  }
  if (report.problem_count() == before && cp)
    report.pass(std::to_string(file.records.size()) + " 条记录均为规范编码、与所示内容一致、包含在检查点中 / " +
                std::to_string(file.records.size()) + (file.records.size() == 1 ? " record" : " records") +
                " canonical, as shown, and included in the checkpoint");
  std::sort(out.begin(), out.end(),
            [](const LeafRecord& a, const LeafRecord& b) { return a.leaf_index < b.leaf_index; });
  return out;
}

void check_saved_checkpoint(const EvidenceFile& file, const ledger::Checkpoint& cp, const ledger::NoteVerifier& key,
                            const std::string& old_note, Report& report) {
  auto old = open_checkpoint(old_note, key, "保存的", "saved ", report, false);
  if (!old) return;
  const std::string m = std::to_string(old->size), n = std::to_string(cp.size);
  if (old->size > cp.size) {
    report.fail("保存的检查点（大小 " + m + "）比文件中的检查点（大小 " + n + "）更大：日志被回滚或分叉",
                "the saved checkpoint (size " + m + ") is larger than the file's (size " + n +
                    "): the log was rolled back or forked");
    return;
  }
  if (old->size == cp.size && (!file.old_size || *file.old_size == static_cast<int64_t>(cp.size))) {
    if (old->root == cp.root && file.consistency_proof.empty())
      report.pass("与保存的检查点一致 / consistent with the saved checkpoint: 大小相同 same size " + n);
    else
      report.fail("保存的检查点与文件中的检查点大小相同但根不同：日志被改写",
                  "the saved checkpoint has the same size but another root: the log was rewritten");
    return;
  }
  if (!file.old_size || *file.old_size != static_cast<int64_t>(old->size)) {
    report.fail("文件中没有自大小 " + m + " 起的一致性证明：请用 ?old_size=" + m + " 重新下载",
                "the file has no consistency proof from size " + m + ": download it again with ?old_size=" + m);
    return;
  }
  auto old_root = ledger::hash_from_base64(file.old_root);
  if (!old_root || *old_root != old->root) {
    report.fail("文件中的 old_root 与保存的检查点的根不同",
                "the file's old_root is not the root of the saved checkpoint");
    return;
  }
  auto proof = hashes_of(file.consistency_proof);
  if (!proof || !ledger::verify_consistency(old->size, cp.size, old->root, cp.root, *proof))
    report.fail("一致性证明无效：当前日志不是保存的检查点的延续",
                "consistency proof does not verify: this log does not extend the saved checkpoint");
  else
    report.pass("与保存的检查点一致 / consistent with the saved checkpoint: 大小 size " + m + " → " + n);
}

// A consistency proof in the file with no saved checkpoint to pin its old root: checked as it stands.
void check_stated_consistency(const EvidenceFile& file, const ledger::Checkpoint& cp, Report& report) {
  const std::string m = std::to_string(*file.old_size);
  auto old_root = ledger::hash_from_base64(file.old_root);
  auto proof = hashes_of(file.consistency_proof);
  if (!old_root || !proof ||
      !ledger::verify_consistency(static_cast<uint64_t>(*file.old_size), cp.size, *old_root, cp.root, *proof))
    report.fail("文件中自大小 " + m + " 起的一致性证明无效",
                "the file's consistency proof from size " + m + " does not verify");
  else
    report.note("文件中自大小 " + m +
                " 起的一致性证明有效；用 --old 指定保存的检查点才能确认旧根 / the consistency proof from size " + m +
                " verifies; pass --old with a checkpoint you saved to pin its old root");
}

}  // namespace

Report check_evidence(const EvidenceFile& file, const ledger::NoteVerifier& key,
                      const std::optional<std::string>& old_checkpoint_note) {
  Report report;
  auto cp = open_checkpoint(file.checkpoint_note, key, "", "", report, true);
  if (cp && file.tree_size && static_cast<uint64_t>(*file.tree_size) != cp->size)
    report.fail("tree_size " + std::to_string(*file.tree_size) + " 与检查点大小不符",
                "tree_size " + std::to_string(*file.tree_size) + " is not the checkpoint's size");
  Records records(check_records(file, cp, report));
  if (cp && old_checkpoint_note)
    check_saved_checkpoint(file, *cp, key, *old_checkpoint_note, report);
  else if (cp && file.old_size)
    check_stated_consistency(file, *cp, report);

  if (file.bundle) {
    check_chain_links(records, file.batch, report);
    check_custody(records, report);
    check_references(records, report);
    check_producer_signatures(records, report);
  } else if (!records.all().empty() && records.all().front().leaf.contains("signature")) {
    report.note(
        "单条记录的生产者签名未检查：需要证据包中该主体的公钥记录 / a single record's producer signature is not "
        "checked: it needs the party's key record, which an evidence bundle carries");
  }
  return report;
}

}  // namespace verify
