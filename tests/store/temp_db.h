// A fresh database file in its own temp directory, removed afterwards. Not thread-safe.
#pragma once

#include <string>

#include "support/temp_dir.h"

struct TempDb {
  test::TempDir dir;
  std::string path = dir.file("test.db");
};
