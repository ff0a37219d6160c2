#include "intake/attachments.hpp"

#include <magic.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "service/auth.hpp"

namespace sp::intake {

namespace {

constexpr std::string_view kOctetStream = "application/octet-stream";
// libmagic looks at the start of a file; more only costs time.
constexpr std::size_t kSniffBytes = 1024 * 1024;

struct MagicCookie {
  magic_t cookie = nullptr;
  MagicCookie() {
    cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (cookie != nullptr && magic_load(cookie, nullptr) != 0) {
      spdlog::warn("libmagic database not loaded: {}", magic_error(cookie));
      magic_close(cookie);
      cookie = nullptr;
    }
  }
  ~MagicCookie() {
    if (cookie != nullptr) magic_close(cookie);
  }
};

std::string setting_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".attachment_limits";
}

// Within what the HTTP server reads of a multipart body (ServerOptions::max_upload_body_bytes).
constexpr AttachmentLimits kHardCaps{25 * 1024 * 1024, 50, 50 * 1024 * 1024};

}  // namespace

Result<std::string> AttachmentStore::put(std::string_view bytes) {
  namespace fs = std::filesystem;
  auto digest = digest_of(bytes);
  fs::path target = path_of(digest);
  std::error_code ec;
  if (fs::exists(target, ec)) return digest;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return unavailable("cannot create " + target.parent_path().string() + ": " + ec.message());
  fs::path temporary = target;
  // Per process and thread: two threads storing the same new file must not share one.
  temporary += ".tmp" + std::to_string(::getpid()) + "-" +
               std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return unavailable("cannot write attachment " + temporary.string());
  }
  fs::rename(temporary, target, ec);
  if (ec) return unavailable("cannot store attachment: " + ec.message());
  return digest;
}

std::string AttachmentStore::path_of(const std::string& digest) const {
  return (std::filesystem::path(root_) / digest.substr(0, 2) / digest).string();
}

Result<std::string> AttachmentStore::read(const std::string& digest, std::size_t max_bytes) const {
  // Digests are ours, but a path is never built from anything but hex.
  if (digest.size() != 64 || !std::all_of(digest.begin(), digest.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    return not_found("no such stored file");
  }
  std::ifstream in(path_of(digest), std::ios::binary);
  if (!in) return not_found("the stored file " + digest + " is missing");
  if (max_bytes != kWholeFile) {
    std::string head(max_bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(max_bytes));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<void> AttachmentStore::remove(const std::string& digest) {
  std::error_code ec;
  std::filesystem::remove(path_of(digest), ec);
  if (ec) return unavailable("cannot remove attachment " + digest + ": " + ec.message());
  return {};
}

std::string AttachmentStore::digest_of(std::string_view bytes) {
  return service::token_digest(bytes);
}

std::string sniff_content_type(std::string_view bytes) {
  // A cookie is not thread-safe; one per thread is.
  thread_local MagicCookie magic;
  if (magic.cookie == nullptr || bytes.empty()) return std::string(kOctetStream);
  const char* type = magic_buffer(magic.cookie, bytes.data(), std::min(bytes.size(), kSniffBytes));
  if (type == nullptr) return std::string(kOctetStream);
  return std::string(type);
}

Result<StagedFiles> Attachments::stage(std::vector<IncomingFile> files) {
  StagedFiles staged;
  for (auto& file : files) {
    storage::AttachmentRecord record;
    record.role = file.role;
    record.filename = std::move(file.filename);
    record.declared_type = std::move(file.declared_type);
    record.content_id = std::move(file.content_id);
    record.size_bytes = static_cast<std::int64_t>(file.bytes.size());
    record.sha256 = AttachmentStore::digest_of(file.bytes);
    record.storage_key = record.sha256;
    record.content_type = sniff_content_type(file.bytes);
    {
      std::lock_guard lock(pins_mutex_);
      ++pins_[record.storage_key];
    }
    staged.records.push_back(record);
    auto stored = files_for(record.role).put(file.bytes);
    if (!stored) {
      release(staged);
      return stored.error();
    }
  }
  return staged;
}

Result<std::vector<storage::AttachmentRecord>> Attachments::commit(StagedFiles staged, TenantId tenant,
                                                                   TicketId ticket, MessageId message,
                                                                   Timestamp now) {
  for (auto& record : staged.records) {
    record.tenant_id = tenant;
    record.ticket_id = ticket;
    record.message_id = message;
    record.created_at = now;
  }
  auto stored = records_.add_attachments(staged.records);
  unpin(staged.records, !stored.ok());
  return stored;
}

void Attachments::release(const StagedFiles& staged) {
  unpin(staged.records, true);
}

Result<std::vector<storage::AttachmentRecord>> Attachments::attach(std::vector<IncomingFile> files,
                                                                   TenantId tenant, TicketId ticket,
                                                                   MessageId message, Timestamp now) {
  if (files.empty()) return std::vector<storage::AttachmentRecord>{};
  auto staged = stage(std::move(files));
  if (!staged) return staged.error();
  return commit(std::move(*staged), tenant, ticket, message, now);
}

void Attachments::unpin(const std::vector<storage::AttachmentRecord>& records, bool remove_unreferenced) {
  // Under the lock for the whole check: a file staged meanwhile is pinned, so it stays.
  std::lock_guard lock(pins_mutex_);
  for (const auto& record : records) {
    auto pin = pins_.find(record.storage_key);
    if (pin != pins_.end() && --pin->second == 0) pins_.erase(pin);
    if (!remove_unreferenced || pins_.contains(record.storage_key)) continue;
    auto references = records_.count_storage_references(record.storage_key);
    if (!references || *references > 0) continue;  // unsure or in use: keep it
    if (auto removed = files_for(record.role).remove(record.storage_key); !removed) {
      spdlog::warn("unreferenced attachment not removed: {}", removed.error().message);
    }
  }
}

Result<std::vector<storage::AttachmentRecord>> Attachments::of_ticket(const storage::Scope& scope,
                                                                      TicketId ticket) {
  return records_.ticket_attachments(scope, ticket);
}

Result<AttachmentDownload> Attachments::open(const storage::Scope& scope, TicketId ticket, std::int64_t id) {
  auto record = records_.get_attachment(scope, ticket, id);
  if (!record) return record.error();
  auto bytes = files_for(record->role).read(record->storage_key);
  if (!bytes) {
    spdlog::error("attachment {} of T-{}: {}", id, ticket.value, bytes.error().message);
    return bytes.error();
  }
  return AttachmentDownload{std::move(*record), std::move(*bytes)};
}

Result<std::size_t> Attachments::sweep_unreferenced(std::filesystem::file_time_type written_before) {
  namespace fs = std::filesystem;
  std::size_t removed = 0;
  for (AttachmentStore* store : {&files_, &raw_files_}) {
    if (store == &raw_files_ && &raw_files_ == &files_) break;
    std::error_code ec;
    fs::recursive_directory_iterator it(store->root(), ec), end;
    if (ec) continue;  // no folder yet: nothing stored
    for (; it != end; it.increment(ec)) {
      if (ec) return unavailable("cannot list " + store->root() + ": " + ec.message());
      if (!it->is_regular_file(ec)) continue;
      const std::string name = it->path().filename().string();
      if (name.size() != 64 || it->last_write_time(ec) >= written_before || ec) continue;
      std::lock_guard lock(pins_mutex_);
      if (pins_.contains(name)) continue;
      auto references = records_.count_storage_references(name);
      if (!references) return references.error();
      if (*references > 0) continue;
      if (auto gone = store->remove(name); gone) ++removed;
    }
  }
  return removed;
}

Result<AttachmentDownload> Attachments::open_head(const storage::AttachmentRecord& record,
                                                  std::size_t max_bytes) {
  auto bytes = files_for(record.role).read(record.storage_key, max_bytes);
  if (!bytes) return bytes.error();
  return AttachmentDownload{record, std::move(*bytes)};
}

AttachmentLimits Attachments::limits(TenantId tenant) {
  AttachmentLimits limits;
  auto stored = settings_.get_setting(setting_key(tenant));
  if (!stored || !*stored) return limits;
  auto document = nlohmann::json::parse(**stored, nullptr, false);
  if (!document.is_object()) return limits;
  auto read = [&](const char* key, std::size_t& into, std::size_t cap) {
    auto it = document.find(key);
    if (it != document.end() && it->is_number_unsigned() && it->get<std::size_t>() >= 1) {
      into = std::min(it->get<std::size_t>(), cap);
    }
  };
  read("max_file_bytes", limits.max_file_bytes, kHardCaps.max_file_bytes);
  read("max_files", limits.max_files, kHardCaps.max_files);
  read("max_total_bytes", limits.max_total_bytes, kHardCaps.max_total_bytes);
  return limits;
}

Result<void> Attachments::set_limits(TenantId tenant, const AttachmentLimits& limits) {
  if (limits.max_file_bytes < 1 || limits.max_file_bytes > kHardCaps.max_file_bytes || limits.max_files < 1 ||
      limits.max_files > kHardCaps.max_files || limits.max_total_bytes < 1 ||
      limits.max_total_bytes > kHardCaps.max_total_bytes) {
    return invalid_input("attachment limits must be 1..25 MB per file, 1..50 files, 1..50 MB per message",
                         "attachment_limits");
  }
  nlohmann::json document = {{"max_file_bytes", limits.max_file_bytes},
                             {"max_files", limits.max_files},
                             {"max_total_bytes", limits.max_total_bytes}};
  return settings_.put_setting(setting_key(tenant), document.dump());
}

}  // namespace sp::intake
