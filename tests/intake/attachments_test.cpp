// Attachment files and their records (issue 17) on a real SQLite store: mail intake keeps
// files only for stored messages (a duplicate writes none), the type is sniffed from the
// bytes, a file shared by two messages is stored once and stays while any record names it,
// and staged files of a refused message are removed unless another record needs them.
#include <gtest/gtest.h>

#include <filesystem>

#include "intake/attachments.hpp"
#include "intake/mail_intake.hpp"
#include "intake_fixture.hpp"
#include "storage/sqlite/sqlite_attachment_store.hpp"
#include "storage/sqlite/sqlite_mail_intake_store.hpp"

namespace sp::intake {
namespace {

std::string mail_with_attachment(const std::string& message_id, const std::string& base64) {
  return "From: Jan <jan@example.nl>\r\nTo: support@acme.test\r\nSubject: Foto\r\nMessage-ID: <" +
         message_id +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\nZie bijlage.\r\n--b\r\n"
         "Content-Type: application/pdf; name=\"foto.png\"\r\nContent-Disposition: attachment; "
         "filename=\"foto.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         base64 + "\r\n--b--\r\n";
}

// The 8-byte PNG signature and an IHDR start: libmagic calls it image/png.
constexpr const char* kPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ";

class AttachmentsTest : public testing::IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    records_ = std::make_unique<storage::sqlite::SqliteAttachmentStore>(*store_);
    files_ = std::make_unique<AttachmentStore>((dir_ / "attachments").string());
    raw_ = std::make_unique<AttachmentStore>((dir_ / "messages").string());
    attachments_ = std::make_unique<Attachments>(*files_, *records_, *store_, raw_.get());
    mail_store_ = std::make_unique<storage::sqlite::SqliteMailIntakeStore>(*store_);
    intake_ = std::make_unique<MailIntake>(*helpdesk_, *mail_store_, nullptr, nullptr, files_.get());
    intake_->set_attachment_records(attachments_.get());
    desk_.tenant = tenant_;
    desk_.address = "support@acme.test";
  }

  std::size_t files_in(const std::string& folder) {
    std::size_t count = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_ / folder, ec)) {
      count += entry.is_regular_file() ? 1 : 0;
    }
    return count;
  }

  std::unique_ptr<storage::sqlite::SqliteAttachmentStore> records_;
  std::unique_ptr<AttachmentStore> files_, raw_;
  std::unique_ptr<Attachments> attachments_;
  std::unique_ptr<storage::sqlite::SqliteMailIntakeStore> mail_store_;
  std::unique_ptr<MailIntake> intake_;
  MailDesk desk_;
};

TEST_F(AttachmentsTest, MailedFilesGetRecordsWithTheSniffedTypeAndADuplicateWritesNoFile) {
  auto first = intake_->ingest(desk_, mail_with_attachment("a1@example.nl", kPngBase64), "test");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto records = attachments_->of_ticket(storage::Scope::of(tenant_), *first->ticket).value();
  ASSERT_EQ(records.size(), 2u);  // the file and the raw message
  const auto& file = records[0].role == storage::AttachmentRole::File ? records[0] : records[1];
  EXPECT_EQ(file.filename, "foto.png");
  EXPECT_EQ(file.content_type, "image/png");  // not the declared application/pdf
  EXPECT_EQ(file.declared_type, "application/pdf");
  EXPECT_EQ(file.sha256.size(), 64u);
  EXPECT_EQ(files_in("attachments"), 1u);
  EXPECT_EQ(files_in("messages"), 1u);

  // The same Message-ID with other bytes: a duplicate, so nothing new on disk or in records.
  auto again = intake_->ingest(desk_, mail_with_attachment("a1@example.nl", "b3RoZXIgYnl0ZXMK"), "test");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(files_in("attachments"), 1u);
  EXPECT_EQ(files_in("messages"), 1u);
  EXPECT_EQ(attachments_->of_ticket(storage::Scope::of(tenant_), *first->ticket).value().size(), 2u);
}

TEST_F(AttachmentsTest, ASharedFileIsStoredOnceAndStaysWhileARecordNamesIt) {
  auto first = intake_->ingest(desk_, mail_with_attachment("s1@example.nl", kPngBase64), "test").value();
  auto second = intake_->ingest(desk_, mail_with_attachment("s2@example.nl", kPngBase64), "test").value();
  ASSERT_NE(*first.ticket, *second.ticket);
  EXPECT_EQ(files_in("attachments"), 1u);  // content-addressed: one file, two records
  std::string digest;
  const auto records = attachments_->of_ticket(storage::Scope::of(tenant_), *first.ticket).value();
  for (const auto& record : records) {
    if (record.role == storage::AttachmentRole::File) digest = record.storage_key;
  }
  EXPECT_EQ(records_->count_storage_references(digest).value(), 2);

  // A reply refused after its files were staged: the shared file stays, a new one goes.
  std::vector<IncomingFile> files;
  files.push_back(
      {"zelfde.png", "image/png", files_->read(digest).value(), storage::AttachmentRole::File, ""});
  files.push_back({"nieuw.txt", "text/plain", "alleen hier", storage::AttachmentRole::File, ""});
  auto staged = attachments_->stage(std::move(files)).value();
  EXPECT_EQ(files_in("attachments"), 2u);
  attachments_->release(staged);
  EXPECT_EQ(files_in("attachments"), 1u);
  EXPECT_TRUE(files_->read(digest).ok());
  EXPECT_FALSE(files_->read(AttachmentStore::digest_of("alleen hier")).ok());
}

TEST_F(AttachmentsTest, TheSweepRemovesOnlyOldFilesNoRecordNames) {
  auto kept = intake_->ingest(desk_, mail_with_attachment("w1@example.nl", kPngBase64), "test").value();
  ASSERT_TRUE(kept.created);
  // Left behind by a crash between the file and its record.
  auto orphan = files_->put("nobody names me").value();
  auto fresh = files_->put("written just now").value();
  std::filesystem::last_write_time(files_->path_of(orphan),
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path())) {
    if (entry.is_regular_file() && entry.path().filename().string().size() == 64 &&
        entry.path().filename() != fresh) {
      std::filesystem::last_write_time(entry.path(), cutoff - std::chrono::hours(1));
    }
  }
  EXPECT_EQ(attachments_->sweep_unreferenced(cutoff).value(), 1u);
  EXPECT_FALSE(files_->read(orphan).ok());
  EXPECT_TRUE(files_->read(fresh).ok());   // too new: perhaps its record is being written
  EXPECT_EQ(files_in("attachments"), 2u);  // the mailed file and the fresh one
  EXPECT_EQ(files_in("messages"), 1u);     // the raw mail has its record
}

TEST_F(AttachmentsTest, RecordsAreNotFoundFromAnotherTicketOrTenant) {
  auto first = intake_->ingest(desk_, mail_with_attachment("t1@example.nl", kPngBase64), "test").value();
  auto second = intake_->ingest(desk_, mail_with_attachment("t2@example.nl", kPngBase64), "test").value();
  auto id = attachments_->of_ticket(storage::Scope::of(tenant_), *first.ticket).value().front().id;
  EXPECT_TRUE(attachments_->open(storage::Scope::of(tenant_), *first.ticket, id).ok());
  EXPECT_EQ(attachments_->open(storage::Scope::of(tenant_), *second.ticket, id).error().code,
            ErrorCode::NotFound);
  domain::Tenant other;
  other.slug = "other";
  other.name = "Other";
  other.created_at = clock_.now();
  auto other_id = store_->create_tenant(other).value().id;
  EXPECT_EQ(attachments_->open(storage::Scope::of(other_id), *first.ticket, id).error().code,
            ErrorCode::NotFound);
}

TEST_F(AttachmentsTest, LimitsComeFromTheTenantsSettingWithinTheHardCaps) {
  EXPECT_EQ(attachments_->limits(tenant_).max_files, 10u);
  EXPECT_EQ(attachments_->limits(tenant_).max_file_bytes, 10u * 1024 * 1024);
  AttachmentLimits limits;
  limits.max_files = 3;
  ASSERT_TRUE(attachments_->set_limits(tenant_, limits).ok());
  EXPECT_EQ(attachments_->limits(tenant_).max_files, 3u);
  limits.max_file_bytes = 200 * 1024 * 1024;
  EXPECT_FALSE(attachments_->set_limits(tenant_, limits).ok());
}

}  // namespace
}  // namespace sp::intake
