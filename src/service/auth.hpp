// Credentials: argon2id password hashing (libsodium's crypto_pwhash_str, which embeds
// salt and parameters in the stored string), random tokens, and SHA-256 token digests so
// session cookies and API tokens are never stored in the clear.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::service {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual Result<std::string> hash(std::string_view password) const = 0;
  virtual bool verify(std::string_view stored_hash, std::string_view password) const = 0;
};

// argon2id with libsodium's "interactive" limits (64 MiB, 2 passes) by default; tests
// may pass the minimum limits to stay fast.
class Argon2idHasher final : public PasswordHasher {
 public:
  enum class Strength { Interactive, Minimum };
  explicit Argon2idHasher(Strength strength = Strength::Interactive);
  Result<std::string> hash(std::string_view password) const override;
  bool verify(std::string_view stored_hash, std::string_view password) const override;

 private:
  unsigned long long ops_limit_;
  std::size_t mem_limit_;
};

// 32 random bytes as 43 URL-safe base64 characters.
std::string random_token();
// Lower-case hex SHA-256 of `token`.
std::string token_digest(std::string_view token);
// Constant-time comparison of two strings of possibly different length.
bool constant_time_equal(std::string_view a, std::string_view b);

// Passwords: 10 to 200 bytes.
Result<void> check_password_policy(std::string_view password);

}  // namespace sp::service
