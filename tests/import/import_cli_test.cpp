// `servicepact import` through the real binary: the summary on stdout, a second run finds
// everything already present, bad arguments exit 2.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

struct Run {
  int status = -1;
  std::string out;
};

Run run(const std::string& arguments) {
  Run result;
  std::string command = std::string(SP_BINARY_PATH) + " " + arguments + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (auto n = fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(ImportCli, ImportsOnceAndReportsEveryKindAndSkippedLine) {
  TempDir dir("sp-import-cli");
  const std::string arguments = "import --tenant telco --from jsonl " + std::string(SP_IMPORT_DATA) +
                                "/jsonl/sample.jsonl --data " + dir.path().string();
  auto first = run(arguments);
  ASSERT_EQ(first.status, 0) << first.out;
  EXPECT_NE(first.out.find("ticket: 3 imported, 0 updated, 0 already present, 1 skipped"), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("line 28 (line): "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("line 25 (message): direction"), std::string::npos) << first.out;
  auto second = run(arguments);
  ASSERT_EQ(second.status, 0) << second.out;
  EXPECT_NE(second.out.find("ticket: 0 imported, 0 updated, 3 already present"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("message: 0 imported"), std::string::npos) << second.out;
}

TEST(ImportCli, UnknownFormatOrMissingExportExitsTwo) {
  TempDir dir("sp-import-cli");
  EXPECT_EQ(run("import --tenant telco --from freshdesk x.json --data " + dir.path().string()).status, 2);
  EXPECT_EQ(run("import --tenant telco --from jsonl /nonexistent.jsonl --data " + dir.path().string()).status,
            2);
  EXPECT_EQ(run("import --from jsonl x.jsonl").status, 2);
}

}  // namespace
}  // namespace sp::testing
