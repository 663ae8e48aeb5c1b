// Cryptographic primitives lianzhang uses: random tokens (libsodium), SHA-256 and SM3 digests
// (OpenSSL 3 EVP), Argon2id password hashes (libsodium crypto_pwhash). All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace lz::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
Status Init();

// `bytes` random bytes from the OS CSPRNG, hex-encoded (2*bytes characters).
std::string RandomHex(size_t bytes);

// Hex digests.
std::string Sha256Hex(std::string_view data);
// SM3 (GB/T 32905). Fails only if the OpenSSL build lacks SM3.
Result<std::string> Sm3Hex(std::string_view data);

// Work factors for Argon2id. kInteractive suits logins; kFastForTest only unit tests.
enum class PasswordCost { kInteractive, kModerate, kFastForTest };

// Argon2id hash in libsodium's encoded string form ("$argon2id$v=19$m=...").
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
// True when `password` matches `encoded`. Constant-time in the password.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// Constant-time comparison of two strings of possibly different length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace lz::crypto
