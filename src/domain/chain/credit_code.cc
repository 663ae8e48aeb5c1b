// GB 32100 / GB 11714 check characters and code validation.
#include "domain/chain/credit_code.h"

#include "common/text.h"

namespace lz::chain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kAuthorities = "123456789ANY";

int ValueOf(char c) {
  size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// Value of an organisation-code character: digits 0–9, letters A=10 … Z=35.
int OrgValueOf(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string NormaliseCreditCode(std::string_view input) {
  std::string out = text::Trim(text::ToHalfWidth(input));
  for (char& ch : out) if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return out;
}

char CreditCodeCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += ValueOf(first17[i]) * kWeights[i];
  int check = (31 - sum % 31) % 31;
  return kAlphabet[static_cast<size_t>(check)];
}

char OrganisationCodeCheckChar(std::string_view first8) {
  int sum = 0;
  for (size_t i = 0; i < 8 && i < first8.size(); ++i) sum += OrgValueOf(first8[i]) * kOrgWeights[i];
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

Status ValidateCreditCode(std::string_view code, std::string_view field) {
  std::string f(field);
  if (code.empty()) return InvalidArgument("the unified social credit code is required", f);
  if (code.size() != 18 || !text::IsValidUtf8(code) || text::Utf8Length(code) != 18) {
    return InvalidArgument("a unified social credit code has 18 characters, this one has " +
                               std::to_string(text::Utf8Length(code)),
                           f);
  }
  for (size_t i = 0; i < 18; ++i) {
    if (ValueOf(code[i]) < 0) {
      return InvalidArgument("character " + std::to_string(i + 1) + " ('" + std::string(1, code[i]) +
                                 "') is not used in credit codes (digits and capital letters except I, O, S, V, Z)",
                             f);
    }
  }
  if (kAuthorities.find(code[0]) == std::string_view::npos) {
    return InvalidArgument(std::string("character 1 ('") + code[0] +
                               "') is not a registration authority code (1–9, A, N or Y)",
                           f);
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return InvalidArgument("characters 3–8 must be the 6-digit administrative division code", f);
    }
  }
  char check = CreditCodeCheckChar(code.substr(0, 17));
  if (code[17] != check) {
    return InvalidArgument(std::string("the check character (18th) should be '") + check + "', not '" + code[17] +
                               "': the code is mistyped",
                           f);
  }
  return Status::Ok();
}

}  // namespace lz::chain
