// test::TempDir: a fresh directory under $TMPDIR (or /tmp) that is removed with everything in it when
// the object dies, so no test's files ever meet another test's.
// Not thread-safe; owned by one test.
#pragma once

#include <filesystem>
#include <string>

namespace test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path()/name as a string, for command-line flags.
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace test
