#include "service/auth.hpp"

#include <sodium.h>

#include <stdexcept>

namespace sp::service {

namespace {

void ensure_sodium() {
  static const int initialised = sodium_init();
  if (initialised < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

Argon2idHasher::Argon2idHasher(Strength strength) {
  ensure_sodium();
  if (strength == Strength::Interactive) {
    ops_limit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem_limit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  } else {
    ops_limit_ = crypto_pwhash_OPSLIMIT_MIN;
    mem_limit_ = crypto_pwhash_MEMLIMIT_MIN;
  }
}

Result<std::string> Argon2idHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit_, mem_limit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return internal_error("argon2id hashing ran out of memory");
  }
  return std::string(out);
}

bool Argon2idHasher::verify(std::string_view stored_hash, std::string_view password) const {
  std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_digest(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<void> check_password_policy(std::string_view password) {
  if (password.size() < 10) return invalid_input("password must have at least 10 characters", "password");
  if (password.size() > 200) return invalid_input("password must have at most 200 bytes", "password");
  return {};
}

}  // namespace sp::service
