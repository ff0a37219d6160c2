#include "privacy/audit_chain.hpp"

#include <sodium.h>

namespace sp::privacy {

const std::string kGenesisHash(64, '0');

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0F]);
  }
  return out;
}

std::string canonical_content(const AuditEntry& entry) {
  std::string out;
  auto field = [&out](std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ';';
  };
  field(std::to_string(entry.tenant_id));
  field(std::to_string(entry.seq));
  field(std::to_string(entry.at_ms));
  field(entry.actor_agent_id ? std::to_string(*entry.actor_agent_id) : "-");
  field(entry.action);
  field(entry.subject_kind);
  field(std::to_string(entry.subject_id));
  field(entry.detail);
  field(entry.reason);
  return out;
}

std::string entry_hash(const AuditEntry& entry) {
  return sha256_hex(entry.prev_hash + "\n" + canonical_content(entry));
}

void seal(AuditEntry& entry, const AuditEntry* previous) {
  entry.prev_hash = previous != nullptr ? previous->hash : kGenesisHash;
  entry.hash = entry_hash(entry);
}

void ChainVerifier::add(const AuditEntry& entry) {
  ++entries_;
  if (break_) return;
  if (entry.seq != expected_seq_) {
    break_ = ChainBreak{entry.seq, "sequence gap or reorder: expected seq " + std::to_string(expected_seq_)};
  } else if (entry.prev_hash != last_hash_) {
    break_ = ChainBreak{entry.seq, "previous hash differs from the hash of the entry before"};
  } else if (entry_hash(entry) != entry.hash) {
    break_ = ChainBreak{entry.seq, "content hash differs: the entry was changed"};
  }
  expected_seq_ = entry.seq + 1;
  last_hash_ = entry.hash;
}

}  // namespace sp::privacy
