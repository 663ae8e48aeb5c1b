// The policy set that backs the industrial chains (issue 7 point 3): "1 + 2 + N" — one overall
// plan (总体方案), two supporting mechanisms (配套机制) and N special policies (专项政策). A policy
// document has a document number (文号, e.g. 吉府发〔2022〕3号), an issuing unit, an issue date, the
// chains it backs, a title and its full text; inside it, measures (措施) with eligibility
// conditions. 惠企政策匹配: the pure matcher here says whether a measure applies to an enterprise
// (and, when not, the first condition that fails), so benefits can be granted without an
// application. Policy funds paid out (Grant) are whole yuan (int64).
//
// Rules kept here (pure; the ids that must exist are passed in as KnownRefs by the service):
//  - NormalisePolicy trims and checks the document's fields and each measure's conditions; an
//    error names the field as the API spells it ("doc_number", "measures[0].conditions.segments[1]");
//  - Match applies the conditions in a fixed order (chains, segments, sizes, regions, local only,
//    minimum revenue, minimum employees); empty lists and zero minimums do not restrict;
//  - CheckGrantAmount: 1 … kMaxGrantYuan; AddYuan refuses sums that would overflow int64.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/chain/chain.h"

namespace lz::policy {

enum class PolicyType { kOverallPlan, kMechanism, kSpecial };  // 总体方案 配套机制 专项政策
std::string_view PolicyTypeName(PolicyType type);              // "overall_plan", "mechanism", "special"
std::optional<PolicyType> ParsePolicyType(std::string_view name);

inline constexpr size_t kMaxDocNumber = 100;     // characters
inline constexpr size_t kMaxTitle = 200;         // characters
inline constexpr size_t kMaxText = 200'000;      // characters of the full text
inline constexpr size_t kMaxMeasures = 100;
inline constexpr size_t kMaxMeasureTitle = 200;
inline constexpr size_t kMaxMeasureContent = 5000;
inline constexpr size_t kMaxConditionItems = 200;  // ids or codes per list
// One grant: 100 billion yuan at most, so the sum of 90 million grants still fits in int64.
inline constexpr int64_t kMaxGrantYuan = 100'000'000'000;

// Who a measure applies to. Every non-empty list and positive minimum must hold (AND); within a
// list any entry will do (OR).
struct Conditions {
  std::vector<int64_t> chain_ids;          // member of a segment of one of these chains
  std::vector<int64_t> segment_ids;        // member of one of these segments
  std::vector<chain::SizeClass> sizes;     // one of these sizes
  std::vector<std::string> region_codes;   // registered in one of these regions or below
  bool local_only = false;                 // only local enterprises
  int64_t min_revenue_yuan = 0;            // revenue ≥ this (0: any)
  int64_t min_employees = 0;               // employees ≥ this (0: any)
  bool operator==(const Conditions&) const = default;
};

struct Measure {
  int64_t id = 0;
  int64_t policy_id = 0;
  int position = 0;        // order within the policy, 0-based
  std::string title;       // 1–200 characters
  std::string content;     // ≤ 5000 characters
  Conditions conditions;
  bool operator==(const Measure&) const = default;
};

struct Policy {
  int64_t id = 0;
  std::string doc_number;        // 文号, e.g. 吉府发〔2022〕3号; unique
  int64_t issuer_unit_id = 0;    // 发文单位
  std::string issued_on;         // "YYYY-MM-DD"
  PolicyType type = PolicyType::kSpecial;
  std::vector<int64_t> chain_ids;  // the chains it backs (ascending, no duplicates)
  std::string title;
  std::string text;              // full text
  std::vector<Measure> measures;  // in order
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::string issuer_name;       // filled by queries
};

// The ids and codes that exist, for NormalisePolicy: chains, segments (with their chain) and the
// regions the conditions name.
struct KnownRefs {
  std::set<int64_t> chain_ids;
  std::map<int64_t, int64_t> segment_chain;  // segment id → chain id
  std::set<std::string> region_codes;
};

// The chain ids, segment ids and region codes `policy` refers to (for the service to look up).
struct Referenced {
  std::set<int64_t> chain_ids;
  std::set<int64_t> segment_ids;
  std::set<std::string> region_codes;
};
Referenced ReferencesOf(const Policy& policy);

// Trims and checks the document and its measures. doc_number, title (1–200), issued_on (a date),
// issuer_unit_id (> 0), text (≤ kMaxText), chain_ids (known; sorted, duplicates dropped),
// measures (≤ kMaxMeasures, each with a title; positions renumbered 0…); each measure's
// conditions: chains and segments known, regions known, sizes without duplicates, minimums ≥ 0.
// InvalidArgument naming the field ("measures[0].conditions.segments[1]").
Status NormalisePolicy(Policy& policy, const KnownRefs& known);

// What the matcher knows about an enterprise.
struct EnterpriseFacts {
  std::set<int64_t> chain_ids;    // chains of the segments it is a member of
  std::set<int64_t> segment_ids;  // segments it is a member of
  chain::SizeClass size = chain::SizeClass::kSmall;
  std::string region_code;        // where it is registered
  bool local = false;
  int64_t revenue_yuan = 0;
  int64_t employees = 0;
};

// Whether a measure's conditions hold for an enterprise; when not, the first condition that
// fails ("chains", "segments", "sizes", "regions", "local_only", "min_revenue_yuan",
// "min_employees") and a reason in Chinese for the UI.
struct MatchResult {
  bool applies = true;
  std::string failed;  // "" when it applies
  std::string reason;
  bool operator==(const MatchResult&) const = default;
};
MatchResult Match(const Conditions& conditions, const EnterpriseFacts& enterprise);

// True when `region_code` is `ancestor` or lies below it (GB/T 2260 codes nest by prefix).
bool RegionWithin(std::string_view region_code, std::string_view ancestor);

// A policy fund paid to an enterprise under a measure (政策资金兑现).
struct Grant {
  int64_t id = 0;
  int64_t policy_id = 0;
  int64_t measure_id = 0;
  int64_t enterprise_id = 0;
  int64_t amount_yuan = 0;        // 1 … kMaxGrantYuan
  std::string paid_on;            // "YYYY-MM-DD", not after today
  int64_t paid_by_unit_id = 0;    // the unit that paid
  std::string override_reason;    // set when paid although the measure does not apply
  std::string note;
  int64_t created_by = 0;
  TimeMs created_at = 0;
  // Filled by queries.
  std::string policy_title;
  std::string doc_number;
  std::string measure_title;
  std::string enterprise_name;
  std::string credit_code;
  std::string paid_by_unit_name;
};

// 1 … kMaxGrantYuan. InvalidArgument naming `field`.
Status CheckGrantAmount(int64_t yuan, std::string_view field);
// Trims and checks a grant's own fields: amount, paid_on a date not after `today`, the override
// reason and note (≤ 200 characters each). InvalidArgument naming the field.
Status NormaliseGrant(Grant& grant, std::string_view today);
// total + add; InvalidArgument naming `field` when add < 0 or the sum would overflow int64.
Result<int64_t> AddYuan(int64_t total, int64_t add, std::string_view field);

}  // namespace lz::policy
