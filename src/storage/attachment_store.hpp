// Attachment records (migration 16): what each stored file of a message is. The bytes live
// content-addressed outside the database (intake::AttachmentStore); a record names them by
// storage key and SHA-256, so one file may back records of many messages and is removed
// only when no record names it any more. Same contract as store.hpp: every call is a
// durable transaction, Scope filters by tenant, and composite foreign keys tie a record to
// a message of a ticket of its tenant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/scope.hpp"

namespace sp::storage {

// What a record is for: a file the sender attached, an image the HTML refers to by cid:,
// the sanitised HTML version of a mail, the raw RFC 5322 bytes of a mail. Only File and
// Inline are listed as a message's attachments.
enum class AttachmentRole { File, Inline, Html, Raw };
std::string_view to_string(AttachmentRole role);
Result<AttachmentRole> parse_attachment_role(std::string_view text);

inline constexpr std::size_t kMaxAttachmentsPerMessage = 60;  // mail's 50 plus html and raw

struct AttachmentRecord {
  std::int64_t id = 0;  // assigned when stored
  TenantId tenant_id;
  TicketId ticket_id;
  MessageId message_id;
  AttachmentRole role = AttachmentRole::File;
  std::string filename;       // safe to show (channels::safe_filename), at most 255 bytes
  std::string content_type;   // sniffed from the bytes (libmagic), lower case
  std::string declared_type;  // what the sender said, lower case
  std::int64_t size_bytes = 0;
  std::string sha256;       // lower-case hex
  std::string storage_key;  // the file store's name for the bytes (today the sha256)
  std::string content_id;   // inline images: the cid without <>, else empty
  Timestamp created_at;
};

class AttachmentRecordStore {
 public:
  virtual ~AttachmentRecordStore() = default;

  // Stores the records of one message in one transaction and returns them with ids.
  // REQUIRES: all of one tenant, ticket and message. Fails with InvalidInput past
  // kMaxAttachmentsPerMessage, NotFound when the message is not on that ticket of that tenant.
  virtual Result<std::vector<AttachmentRecord>> add_attachments(std::vector<AttachmentRecord> records) = 0;
  // Every record of a ticket's messages, by message then id.
  virtual Result<std::vector<AttachmentRecord>> ticket_attachments(const Scope& scope, TicketId ticket) = 0;
  // One record of a ticket; NotFound for an unknown id, another ticket or another tenant.
  virtual Result<AttachmentRecord> get_attachment(const Scope& scope, TicketId ticket, std::int64_t id) = 0;
  // How many records name `storage_key`, in any tenant (a file is shared by content).
  virtual Result<std::int64_t> count_storage_references(const std::string& storage_key) = 0;
};

}  // namespace sp::storage
