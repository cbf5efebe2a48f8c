// e2e::Chromium: the real headless Chromium (Debian package chromium) run as a child process to dump a
// page's rendered DOM or take a screenshot, each run with a fresh profile and a hard time limit, so a
// hung browser fails the test instead of hanging CI. Also reads a PNG's header to check a screenshot.
// Not thread-safe: one instance per test, used from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace e2e {

inline constexpr const char* kChromiumBinary = "/usr/bin/chromium";

class Chromium {
 public:
  static constexpr std::chrono::seconds kTimeout{30};

  // work_dir (must exist) holds the per-run profiles and the browser's captured output.
  explicit Chromium(std::string work_dir);

  // Whether the browser is installed (tools/deps installs it).
  static bool installed();

  // The DOM after the page loaded (--dump-dom). lang sets the browser's UI and Accept-Language.
  // Throws std::runtime_error (with the browser's stderr) on a non-zero exit, a timeout or no output.
  std::string dump_dom(const std::string& url, const std::string& lang = "zh-CN");

  // Writes a PNG of the page's first screen in a window of width × height CSS pixels to png_path.
  // Throws like dump_dom, and when no file was written.
  void screenshot(const std::string& url, const std::string& png_path, int width, int height,
                  const std::string& lang = "zh-CN");

 private:
  // Runs chromium with args after the common headless flags; returns its stdout.
  std::string run(const std::vector<std::string>& args, const std::string& lang);

  std::string work_dir_;
  int runs_ = 0;
};

struct PngInfo {
  bool valid = false;  // the PNG signature followed by an IHDR chunk
  uint32_t width = 0, height = 0;
  uintmax_t bytes = 0;
};

// The size and dimensions of the PNG at path; valid is false when it is missing or not a PNG.
PngInfo png_info(const std::string& path);

}  // namespace e2e
