// agritrace-verify: checks an evidence bundle or a record's proof JSON offline, trusting nothing but
// the log's verifier key the user pinned. Exit 0 when every check holds, 1 when one fails, 2 on a
// usage error or an unreadable or malformed input.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "ledger/note_verifier.h"
#include "verify/evidence_check.h"
#include "verify/evidence_file.h"
#include "verify/summary.h"

namespace {

constexpr const char* kUsage =
    "usage: agritrace-verify --key '<verifier key>' [--old CHECKPOINT_FILE] FILE.json\n"
    "  FILE.json   an evidence bundle (GET /api/v1/batches/{id}/evidence) or a record's proof\n"
    "              (GET /api/v1/records/{id}/proof)\n"
    "  --key       the log's verifier key, pinned from a trusted source (GET /api/v1/log/key):\n"
    "              <name>+<key id>+<base64 key>\n"
    "  --old       a signed checkpoint saved earlier (GET /checkpoint): the file must prove the log\n"
    "              still extends it (download the file with ?old_size=<that checkpoint's size>)\n"
    "exit status: 0 all checks passed, 1 a check failed, 2 usage error or unreadable input\n";

int usage_error(const std::string& message) {
  std::cerr << "agritrace-verify: " << message << "\n" << kUsage;
  return 2;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return out.str();
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::string> key_text, old_path, file_path;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--key" || arg == "--old") {
      if (i + 1 >= argc) return usage_error(std::string(arg) + " needs a value");
      (arg == "--key" ? key_text : old_path) = argv[++i];
    } else if (arg.starts_with("--key=")) {
      key_text = std::string(arg.substr(6));
    } else if (arg.starts_with("--old=")) {
      old_path = std::string(arg.substr(6));
    } else if (arg.starts_with("-") && arg != "-") {
      return usage_error("unknown option " + std::string(arg));
    } else if (file_path) {
      return usage_error("only one FILE.json at a time");
    } else {
      file_path = std::string(arg);
    }
  }
  if (!key_text) return usage_error("--key is required: the verifier key you pinned");
  if (!file_path) return usage_error("no FILE.json given");
  auto key = ledger::NoteVerifier::from_key(trimmed(*key_text));
  if (!key) return usage_error("--key: " + key.error().message);

  auto text = *file_path == "-" ? std::optional<std::string>(std::string(std::istreambuf_iterator<char>(std::cin), {}))
                                : read_file(*file_path);
  if (!text) return usage_error("cannot read " + *file_path);
  auto file = verify::parse_evidence_file(*text);
  if (!file) return usage_error(*file_path + ": " + file.error().message);
  std::optional<std::string> old_note;
  if (old_path) {
    old_note = read_file(*old_path);
    if (!old_note) return usage_error("cannot read --old " + *old_path);
  }

  auto report = verify::check_evidence(*file, *key, old_note);
  std::cout << "agritrace-verify: " << *file_path
            << (file->bundle ? " (证据包 evidence bundle, 批次 batch " + file->batch + ")"
                             : " (单条记录证明 record proof)")
            << "\n"
            << verify::summary_text(report);
  return report.ok() ? 0 : 1;
}
