// Industry chains (产业链): a chain is mapped segment by segment (环节) from upstream to
// downstream; enterprises are placed on segments (membership, with a role) and supply each other
// (supply links with a yearly volume). Field rules live here; the rules that need other rows
// (a parent in the same chain, no cycles, no duplicate credit code) are checked by the services.
// Money is int64 yuan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::chain {

enum class Stage { kUpstream, kMidstream, kDownstream };
std::string_view StageName(Stage stage);  // "upstream", "midstream", "downstream"
std::optional<Stage> ParseStage(std::string_view name);

enum class SizeClass { kMicro, kSmall, kMedium, kLarge };  // 微型 小型 中型 大型 (GB/T 4754 size rules)
std::string_view SizeClassName(SizeClass size);            // "micro", "small", "medium", "large"
std::optional<SizeClass> ParseSizeClass(std::string_view name);

enum class MemberRole { kChainMaster, kKey, kMember };  // 链主 重点 一般
std::string_view MemberRoleName(MemberRole role);       // "chain_master", "key", "member"
std::optional<MemberRole> ParseMemberRole(std::string_view name);

struct Chain {
  int64_t id = 0;
  std::string name;
  std::string description;
  std::string region_code;            // the region whose chain it is (e.g. 3608 吉安市)
  std::optional<int64_t> lead_unit_id;  // 牵头部门
  std::vector<int64_t> responsible_unit_ids;  // 责任部门
  int64_t target_revenue = 0;         // yuan per year, 0 when not set
  int target_year = 0;                // year the target is for, 0 when not set
  bool example = false;               // invented for the demo (shown as 示例)
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Filled by queries for display.
  std::string region_name;
  std::string lead_unit_name;
  int64_t segment_count = 0;
};

struct Segment {
  int64_t id = 0;
  int64_t chain_id = 0;
  std::string name;
  Stage stage = Stage::kMidstream;
  std::optional<int64_t> parent_id;  // a finer segment of a broader one, in the same chain
  std::string industry_code;         // GB/T 4754-2017: section letter [+ 2–4 digits], "" when unknown
  std::string description;
  int sort_order = 0;                // order within its stage on the chain map
};

// Segment `from` supplies segment `to` (both in one chain).
struct SegmentLink {
  int64_t from_segment_id = 0;
  int64_t to_segment_id = 0;
};

struct Enterprise {
  int64_t id = 0;
  std::string credit_code;      // unified social credit code, normalised and checked
  std::string name;
  std::string name_key;         // NormaliseEnterpriseName(name), for duplicate warnings
  std::string region_code;      // where it is registered
  bool local = false;           // inside the region that runs the platform
  SizeClass size = SizeClass::kSmall;
  int64_t revenue = 0;          // yuan, last full year
  int64_t employees = 0;
  std::string founded;          // yyyy-mm-dd or ""
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::string region_name;      // filled by queries
};

struct Membership {
  int64_t enterprise_id = 0;
  int64_t segment_id = 0;
  MemberRole role = MemberRole::kMember;
  // Filled by queries.
  std::string enterprise_name;
  std::string segment_name;
  int64_t chain_id = 0;
};

struct SupplyLink {
  int64_t id = 0;
  int64_t supplier_id = 0;
  int64_t buyer_id = 0;
  int64_t volume = 0;  // yuan per year
  std::string note;
  // Filled by queries.
  std::string supplier_name;
  std::string buyer_name;
};

// Trim and check the user-editable fields; errors name the field.
Status NormaliseChainFields(Chain& chain);
Status NormaliseSegmentFields(Segment& segment);
// Also normalises and validates the credit code and sets name_key.
Status NormaliseEnterpriseFields(Enterprise& enterprise);
Status NormaliseSupplyLinkFields(SupplyLink& link);

// The key under which two names count as the same firm: full-width forms folded to ASCII, ASCII
// lower-cased, whitespace and brackets of either width dropped, 有限责任公司 and 股份有限公司 read as
// 有限公司. Used to flag (not refuse) likely duplicates.
std::string NormaliseEnterpriseName(std::string_view name);

// True for "", a GB/T 4754 section letter A–T, or the letter followed by 2, 3 or 4 digits.
bool IsIndustryCode(std::string_view code);
// True for a real calendar date written yyyy-mm-dd.
bool IsIsoDate(std::string_view date);

}  // namespace lz::chain
