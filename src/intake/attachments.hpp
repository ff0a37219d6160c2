// Attachment files and their records, for every channel that stores them (mail intake,
// uploads through the API, the portal and the web form; the history importer next).
//
// AttachmentStore keeps the bytes content-addressed on disk: <root>/<two hex digits>/<sha256>.
// The same file sent twice is stored once; names never come from the sender.
//
// Attachments puts a file and its record together: the type is sniffed from the bytes
// (libmagic, never the sender's word), records go through storage::AttachmentRecordStore,
// and a file is removed again only when no record names it (reference counting by record;
// files staged for a message not yet committed are pinned meanwhile). Per-tenant limits
// live in the settings ("tenant.<id>.attachment_limits"). Thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/attachment_store.hpp"
#include "storage/settings_store.hpp"

namespace sp::intake {

using namespace sp::domain;  // NOLINT

class AttachmentStore {
 public:
  explicit AttachmentStore(std::string root) : root_(std::move(root)) {}
  // Returns the SHA-256 (hex) under which `bytes` are stored (written to a temporary file,
  // flushed and renamed, so a crash never leaves half a file under a digest name).
  Result<std::string> put(std::string_view bytes);
  std::string path_of(const std::string& digest) const;
  const std::string& root() const { return root_; }
  static constexpr std::size_t kWholeFile = static_cast<std::size_t>(-1);
  // The bytes stored under `digest` (at most `max_bytes` of them); NotFound when there are none.
  Result<std::string> read(const std::string& digest, std::size_t max_bytes = kWholeFile) const;
  // Removes the file of `digest` (absent is fine).
  Result<void> remove(const std::string& digest);
  // The digest `put` would store `bytes` under, without writing anything.
  static std::string digest_of(std::string_view bytes);

 private:
  std::string root_;
};

// The type libmagic reads from `bytes` ("image/png"), or application/octet-stream.
std::string sniff_content_type(std::string_view bytes);

struct AttachmentLimits {
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  std::size_t max_files = 10;
  std::size_t max_total_bytes = 25 * 1024 * 1024;
};

// A file to keep with a message.
struct IncomingFile {
  std::string filename;       // made safe by the caller (channels::safe_filename)
  std::string declared_type;  // what the sender said
  std::string bytes;
  storage::AttachmentRole role = storage::AttachmentRole::File;
  std::string content_id;  // inline images
};

// Files written and sniffed, waiting for their message: records without message yet.
struct StagedFiles {
  std::vector<storage::AttachmentRecord> records;
};

struct AttachmentDownload {
  storage::AttachmentRecord record;
  std::string bytes;
};

class Attachments {
 public:
  // REQUIRES: all outlive this object. Raw messages (AttachmentRole::Raw) go to
  // `raw_messages` when given, so the attachment folder holds only what people attached.
  Attachments(AttachmentStore& files, storage::AttachmentRecordStore& records,
              storage::SettingsStore& settings, AttachmentStore* raw_messages = nullptr)
      : files_(files),
        raw_files_(raw_messages ? *raw_messages : files),
        records_(records),
        settings_(settings) {}

  // Writes the files (pinned until commit or release). Unavailable when the disk fails.
  Result<StagedFiles> stage(std::vector<IncomingFile> files);
  // Records the staged files as the message's and unpins them; on failure the files no
  // record names are removed and the error returned.
  Result<std::vector<storage::AttachmentRecord>> commit(StagedFiles staged, TenantId tenant, TicketId ticket,
                                                        MessageId message, Timestamp now);
  // Unpins staged files whose message was not stored, removing those no record names.
  void release(const StagedFiles& staged);
  // stage + commit, for a message that is stored already (mail, after its duplicate check).
  Result<std::vector<storage::AttachmentRecord>> attach(std::vector<IncomingFile> files, TenantId tenant,
                                                        TicketId ticket, MessageId message, Timestamp now);

  Result<std::vector<storage::AttachmentRecord>> of_ticket(const storage::Scope& scope, TicketId ticket);
  // A record and its bytes; NotFound for unknown ids, other tickets and other tenants.
  Result<AttachmentDownload> open(const storage::Scope& scope, TicketId ticket, std::int64_t id);

  // Removes files of both folders that no record names and that were written before
  // `written_before` (left by a crash between writing a file and its record; files staged
  // right now are pinned and stay). Returns how many were removed. One indexed lookup per
  // file: meant for a daily or start-up sweep, not per request.
  Result<std::size_t> sweep_unreferenced(std::filesystem::file_time_type written_before);

  // The first `max_bytes` of a record's file, e.g. the header block of a raw mail.
  Result<AttachmentDownload> open_head(const storage::AttachmentRecord& record, std::size_t max_bytes);

  // The tenant's limits: the setting when present and valid, else the defaults.
  AttachmentLimits limits(TenantId tenant);
  // Stores limits (each 1.. a hard cap: 25 MB per file, 50 files, 50 MB per message).
  Result<void> set_limits(TenantId tenant, const AttachmentLimits& limits);

 private:
  void unpin(const std::vector<storage::AttachmentRecord>& records, bool remove_unreferenced);
  AttachmentStore& files_for(storage::AttachmentRole role) {
    return role == storage::AttachmentRole::Raw ? raw_files_ : files_;
  }

  AttachmentStore& files_;
  AttachmentStore& raw_files_;
  storage::AttachmentRecordStore& records_;
  storage::SettingsStore& settings_;
  std::mutex pins_mutex_;
  std::map<std::string, int> pins_;  // storage key -> staged uses not yet committed or released
};

}  // namespace sp::intake
