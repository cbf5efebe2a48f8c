// A fresh database file in its own temp directory, removed afterwards. Not thread-safe.
#pragma once

#include <filesystem>
#include <random>
#include <string>

struct TempDb {
  TempDb() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("agritrace-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    path = (dir / "test.db").string();
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
  std::string path;
};
