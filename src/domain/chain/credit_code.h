// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
// 31-character set 0-9 A-H J-N P-R T U W X Y (no I, O, S, V, Z):
//   1     registration authority (1 机构编制 … 9 市场监管/工商, A, N, Y)
//   2     body category within that authority (e.g. 9-1 enterprise, 9-2 individual business)
//   3–8   administrative division of the registering authority (GB/T 2260)
//   9–17  organisation code (GB 11714), whose 9th character is its own check (mod 11)
//   18    check character: 31 − (Σ value(cᵢ)·wᵢ mod 31), weights 3^(i−1) mod 31
// Validation enforces the 18th check character, which catches every single-character error; the
// GB 11714 check inside characters 9–17 is not enforced, so that a code the registry issued is
// never refused by a rule the registry may not have applied to it (demo codes satisfy both).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace lz::chain {

// Half-width, upper-case, trimmed form of what a user typed (full-width digits and letters from
// Chinese input methods become ASCII). Does not validate.
std::string NormaliseCreditCode(std::string_view input);

// Ok when `code` (already normalised) is a well-formed code with both check characters right;
// otherwise InvalidArgument on `field` saying exactly what is wrong (length, the position of a
// character outside the set, the authority, the division, or the check character and what it
// should be).
Status ValidateCreditCode(std::string_view code, std::string_view field = "credit_code");

// The GB 32100 check character for the first 17 characters (which must be valid ones).
char CreditCodeCheckChar(std::string_view first17);
// The GB 11714 check character for the 8 characters of an organisation code body.
char OrganisationCodeCheckChar(std::string_view first8);

}  // namespace lz::chain
