// `servicepact import` through the real binary: the summary on stdout, a second run finds
// everything already present, bad arguments exit 2.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <fstream>

#include "intake/attachments.hpp"
#include "support/http_receiver.hpp"
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

// An export whose attachments are known only by URL: with --fetch-attachments their bytes
// are downloaded from a real HTTP server on loopback (with the given header), a failing
// download is listed in the summary with its reason and the rest is imported.
TEST(ImportCli, FetchAttachmentsDownloadsWhatTheExportKnowsOnlyByUrl) {
  TempDir dir("sp-import-cli");
  HttpReceiver files(200);
  HttpReceiver missing(404);
  const auto export_path = dir.path() / "export.jsonl";
  {
    std::ofstream out(export_path);
    out << R"({"kind":"customer","external_id":"c1","name":"Jan Jansen","emails":["jan@example.nl"],"created_at":"2026-02-01T10:00:00Z"})"
        << "\n"
        << R"({"kind":"ticket","external_id":"t1","subject":"Offerte","status":"open","requester":"c1","created_at":"2026-10-05T09:00:00Z"})"
        << "\n"
        << R"({"kind":"message","external_id":"m1","ticket":"t1","direction":"inbound","author_type":"customer","author":"c1","body":"Zie bijlage.","created_at":"2026-10-05T09:00:00Z"})"
        << "\n"
        << R"({"kind":"attachment","message":"m1","ticket":"t1","filename":"offerte.txt","content_type":"text/plain","url":")"
        << files.url("/attachments/7/offerte.txt") << "\"}\n"
        << R"({"kind":"attachment","message":"m1","ticket":"t1","filename":"weg.pdf","content_type":"application/pdf","url":")"
        << missing.url("/attachments/8/weg.pdf") << "\"}\n";
  }
  const std::string data = (dir.path() / "data").string();
  auto result = run("import --tenant telco --from jsonl " + export_path.string() + " --data " + data +
                    " --fetch-attachments --fetch-header 'Authorization: Bearer s3cret'");
  ASSERT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("attachment: 1 imported, 0 updated, 0 already present, 1 skipped"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("weg.pdf: not downloaded: HTTP 404"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("s3cret"), std::string::npos) << "the header's value is never printed";
  ASSERT_EQ(files.requests().size(), 1u);
  EXPECT_EQ(files.requests()[0].target, "/attachments/7/offerte.txt");
  EXPECT_EQ(files.requests()[0].header("authorization"), "Bearer s3cret");
  // The receiver answers "ok": those bytes are kept in the content-addressed store.
  intake::AttachmentStore store((std::filesystem::path(data) / "attachments").string());
  EXPECT_TRUE(std::filesystem::exists(store.path_of(intake::AttachmentStore::digest_of("ok"))));

  // Without the flag the URL is kept and nothing is fetched.
  TempDir other("sp-import-cli");
  auto plain = run("import --tenant telco --from jsonl " + export_path.string() + " --data " +
                   (other.path() / "data").string());
  ASSERT_EQ(plain.status, 0) << plain.out;
  EXPECT_EQ(files.requests().size(), 1u);
}

TEST(ImportCli, AFetchHeaderWithoutANameIsABadArgument) {
  TempDir dir("sp-import-cli");
  EXPECT_EQ(run("import --tenant telco --from jsonl " + std::string(SP_IMPORT_DATA) +
                "/jsonl/sample.jsonl --data " + dir.path().string() +
                " --fetch-attachments --fetch-header 'no colon here'")
                .status,
            2);
}

}  // namespace
}  // namespace sp::testing
