#include "privacy/audit_chain.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sp::privacy {
namespace {

std::vector<AuditEntry> chain(int count) {
  std::vector<AuditEntry> out;
  for (int idx = 1; idx <= count; ++idx) {
    AuditEntry entry;
    entry.tenant_id = 7;
    entry.seq = idx;
    entry.at_ms = 1'795'000'000'000 + idx;
    entry.actor_agent_id = 3;
    entry.action = "read";
    entry.subject_kind = "ticket";
    entry.subject_id = 40 + idx;
    entry.detail = "messages";
    seal(entry, out.empty() ? nullptr : &out.back());
    out.push_back(entry);
  }
  return out;
}

std::optional<ChainBreak> check(const std::vector<AuditEntry>& entries) {
  ChainVerifier verifier;
  for (const auto& entry : entries) verifier.add(entry);
  return verifier.first_break();
}

TEST(AuditChain, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuditChain, AnIntactChainVerifies) {
  auto entries = chain(5);
  EXPECT_EQ(entries[0].prev_hash, kGenesisHash);
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  EXPECT_FALSE(check(entries));
}

TEST(AuditChain, AChangedFieldBreaksTheChainAtThatEntry) {
  auto entries = chain(5);
  entries[2].detail = "messagez";
  auto found = check(entries);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->seq, 3);
  auto other = chain(5);
  other[3].actor_agent_id.reset();
  EXPECT_EQ(check(other)->seq, 4);
}

TEST(AuditChain, ADeletedOrSwappedEntryIsFound) {
  auto deleted = chain(5);
  deleted.erase(deleted.begin() + 1);
  EXPECT_EQ(check(deleted)->seq, 3);
  auto swapped = chain(5);
  std::swap(swapped[1], swapped[2]);
  EXPECT_EQ(check(swapped)->seq, 3);
}

TEST(AuditChain, FieldsCannotShiftIntoEachOther) {
  AuditEntry a, b;
  a.detail = "x;1:y";
  b.detail = "x";
  b.reason = "y";
  EXPECT_NE(canonical_content(a), canonical_content(b));
}

}  // namespace
}  // namespace sp::privacy
