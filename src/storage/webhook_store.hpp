// What webhook intake remembers beyond tickets (migration 7): the replay keys of accepted
// requests (nonces and signatures, table webhook_nonces) and which customer each social-media
// identity is (table social_identities). Contract as in scope.hpp.
#pragma once

#include <optional>
#include <string>

#include "storage/scope.hpp"

namespace sp::storage {

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // In one transaction: forgets every replay key seen before `forget_before`, then records
  // `nonce` and `signature` of `tenant` as seen at `now`. Fails with Conflict kind
  // "replayed-nonce" when either was recorded before; then neither is kept.
  virtual Result<void> remember_replay_keys(TenantId tenant, const std::string& nonce,
                                            const std::string& signature, Timestamp now,
                                            Timestamp forget_before) = 0;
  // Removes both keys again (the request failed in a way the platform may retry).
  virtual Result<void> forget_replay_keys(TenantId tenant, const std::string& nonce,
                                          const std::string& signature) = 0;

  // The customer mapped to `handle` on `platform`, or nullopt.
  virtual Result<std::optional<CustomerId>> find_social_identity(TenantId tenant, const std::string& platform,
                                                                 const std::string& handle) = 0;
  // Maps `handle` on `platform` to `customer`, unless it is mapped already (the first mapping
  // wins; read it back with find_social_identity).
  virtual Result<void> map_social_identity(TenantId tenant, const std::string& platform,
                                           const std::string& handle, CustomerId customer, Timestamp at) = 0;
};

}  // namespace sp::storage
