// Chain, segment, enterprise and supply-link field rules; enterprise name keys.
#include "domain/chain/chain.h"

#include "common/enum_names.h"
#include "common/text.h"
#include "domain/chain/credit_code.h"

namespace lz::chain {
namespace {

using N = std::string_view;
constexpr auto kStageNames = MakeEnumNames<Stage>(std::pair{Stage::kUpstream, N("upstream")},
                                                  std::pair{Stage::kMidstream, N("midstream")},
                                                  std::pair{Stage::kDownstream, N("downstream")});
constexpr auto kSizeNames = MakeEnumNames<SizeClass>(
    std::pair{SizeClass::kMicro, N("micro")}, std::pair{SizeClass::kSmall, N("small")},
    std::pair{SizeClass::kMedium, N("medium")}, std::pair{SizeClass::kLarge, N("large")});
constexpr auto kRoleNames = MakeEnumNames<MemberRole>(std::pair{MemberRole::kChainMaster, N("chain_master")},
                                                      std::pair{MemberRole::kKey, N("key")},
                                                      std::pair{MemberRole::kMember, N("member")});

// Trims `value` and checks 1..max characters (or 0..max when optional).
Status CheckText(std::string& value, size_t max, const char* field, const char* what, bool required) {
  value = text::Trim(value);
  size_t len = text::Utf8Length(value);
  if (required && len == 0) return InvalidArgument(std::string(what) + " is required", field);
  if (len > max) return InvalidArgument(std::string(what) + " is too long (max " + std::to_string(max) + " characters)", field);
  return Status::Ok();
}

bool AllDigits(std::string_view s) {
  for (char c : s) if (c < '0' || c > '9') return false;
  return true;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

std::string_view StageName(Stage stage) { return kStageNames.Name(stage); }
std::optional<Stage> ParseStage(std::string_view name) { return kStageNames.Parse(name); }
std::string_view SizeClassName(SizeClass size) { return kSizeNames.Name(size); }
std::optional<SizeClass> ParseSizeClass(std::string_view name) { return kSizeNames.Parse(name); }
std::string_view MemberRoleName(MemberRole role) { return kRoleNames.Name(role); }
std::optional<MemberRole> ParseMemberRole(std::string_view name) { return kRoleNames.Parse(name); }

bool IsIndustryCode(std::string_view code) {
  if (code.empty()) return true;
  if (code[0] < 'A' || code[0] > 'T') return false;
  std::string_view digits = code.substr(1);
  return (digits.empty() || (digits.size() >= 2 && digits.size() <= 4)) && AllDigits(digits);
}

bool IsIsoDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  if (!AllDigits(date.substr(0, 4)) || !AllDigits(date.substr(5, 2)) || !AllDigits(date.substr(8, 2))) return false;
  int y = std::stoi(std::string(date.substr(0, 4))), m = std::stoi(std::string(date.substr(5, 2))),
      d = std::stoi(std::string(date.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Status NormaliseChainFields(Chain& chain) {
  RETURN_IF_ERROR(CheckText(chain.name, 50, "name", "chain name", true));
  RETURN_IF_ERROR(CheckText(chain.description, 2000, "description", "description", false));
  chain.region_code = text::Trim(chain.region_code);
  if (chain.region_code.empty()) return InvalidArgument("the chain's region is required", "region_code");
  if (chain.target_revenue < 0) return InvalidArgument("the revenue target cannot be negative", "target_revenue");
  if (chain.target_year != 0 && (chain.target_year < 2000 || chain.target_year > 2100)) {
    return InvalidArgument("the target year must be between 2000 and 2100", "target_year");
  }
  return Status::Ok();
}

Status NormaliseSegmentFields(Segment& segment) {
  RETURN_IF_ERROR(CheckText(segment.name, 50, "name", "segment name", true));
  RETURN_IF_ERROR(CheckText(segment.description, 1000, "description", "description", false));
  segment.industry_code = text::Trim(text::ToHalfWidth(segment.industry_code));
  for (char& c : segment.industry_code) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (!IsIndustryCode(segment.industry_code)) {
    return InvalidArgument("a GB/T 4754 industry code is a section letter A–T, optionally followed by 2–4 digits "
                           "(e.g. C39 or C3976)",
                           "industry_code");
  }
  if (segment.parent_id && *segment.parent_id == segment.id && segment.id != 0) {
    return InvalidArgument("a segment cannot be its own parent", "parent_id");
  }
  return Status::Ok();
}

Status NormaliseEnterpriseFields(Enterprise& e) {
  e.credit_code = NormaliseCreditCode(e.credit_code);
  RETURN_IF_ERROR(ValidateCreditCode(e.credit_code, "credit_code"));
  RETURN_IF_ERROR(CheckText(e.name, 100, "name", "enterprise name", true));
  e.name_key = NormaliseEnterpriseName(e.name);
  e.region_code = text::Trim(e.region_code);
  if (e.region_code.empty()) return InvalidArgument("the enterprise's region is required", "region_code");
  if (e.revenue < 0) return InvalidArgument("revenue cannot be negative", "revenue");
  if (e.employees < 0) return InvalidArgument("the number of employees cannot be negative", "employees");
  e.founded = text::Trim(e.founded);
  if (!e.founded.empty() && !IsIsoDate(e.founded)) {
    return InvalidArgument("the founding date must be a real date written yyyy-mm-dd", "founded");
  }
  return Status::Ok();
}

Status NormaliseSupplyLinkFields(SupplyLink& link) {
  if (link.supplier_id == link.buyer_id) return InvalidArgument("an enterprise cannot supply itself", "buyer_id");
  if (link.volume < 0) return InvalidArgument("the supply volume cannot be negative", "volume");
  return CheckText(link.note, 200, "note", "note", false);
}

std::string NormaliseEnterpriseName(std::string_view name) {
  std::string folded = text::ToHalfWidth(name);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  ReplaceAll(out, "有限责任公司", "有限公司");
  ReplaceAll(out, "股份有限公司", "有限公司");
  return out;
}

}  // namespace lz::chain
