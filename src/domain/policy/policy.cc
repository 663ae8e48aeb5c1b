// Policy documents, measures and their eligibility conditions, the matcher and the grant rules.
#include "domain/policy/policy.h"

#include <algorithm>
#include <limits>

#include "common/text.h"

namespace lz::policy {
namespace {

constexpr size_t kMaxReason = 200;

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

std::string Item(const std::string& list, size_t i) { return list + "[" + std::to_string(i) + "]"; }

// Trims `value` and checks it has 1 … max characters (or 0 … max when optional).
Status CheckText(std::string& value, size_t max, bool required, bool single_line, const std::string& field,
                 const std::string& what) {
  value = text::Trim(value);
  if (!text::IsValidUtf8(value)) return InvalidArgument(what + " is not valid UTF-8", field);
  if (required && value.empty()) return InvalidArgument(what + " is required", field);
  if (text::Utf8Length(value) > max) {
    return InvalidArgument(what + " is too long (max " + std::to_string(max) + " characters)", field);
  }
  if (single_line && HasLineBreak(value)) return InvalidArgument(what + " must be one line", field);
  return Status::Ok();
}

Status CheckConditions(Conditions& c, const KnownRefs& known, const std::string& prefix) {
  auto too_many = [&](size_t n, const std::string& list) -> Status {
    if (n > kMaxConditionItems) {
      return InvalidArgument("too many entries (max " + std::to_string(kMaxConditionItems) + ")", prefix + list);
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(too_many(c.chain_ids.size(), "chains"));
  RETURN_IF_ERROR(too_many(c.segment_ids.size(), "segments"));
  RETURN_IF_ERROR(too_many(c.sizes.size(), "sizes"));
  RETURN_IF_ERROR(too_many(c.region_codes.size(), "regions"));
  for (size_t i = 0; i < c.chain_ids.size(); ++i) {
    if (known.chain_ids.count(c.chain_ids[i]) == 0) {
      return InvalidArgument("chain " + std::to_string(c.chain_ids[i]) + " does not exist",
                             Item(prefix + "chains", i));
    }
  }
  for (size_t i = 0; i < c.segment_ids.size(); ++i) {
    if (known.segment_chain.count(c.segment_ids[i]) == 0) {
      return InvalidArgument("segment " + std::to_string(c.segment_ids[i]) + " does not exist",
                             Item(prefix + "segments", i));
    }
  }
  for (size_t i = 0; i < c.sizes.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (c.sizes[j] == c.sizes[i]) return InvalidArgument("size listed twice", Item(prefix + "sizes", i));
    }
  }
  for (size_t i = 0; i < c.region_codes.size(); ++i) {
    c.region_codes[i] = text::Trim(c.region_codes[i]);
    if (known.region_codes.count(c.region_codes[i]) == 0) {
      return InvalidArgument("region " + c.region_codes[i] + " does not exist", Item(prefix + "regions", i));
    }
  }
  if (c.min_revenue_yuan < 0) return InvalidArgument("must not be negative", prefix + "min_revenue_yuan");
  if (c.min_employees < 0) return InvalidArgument("must not be negative", prefix + "min_employees");
  auto dedupe_ids = [](std::vector<int64_t>& ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  };
  dedupe_ids(c.chain_ids);
  dedupe_ids(c.segment_ids);
  std::sort(c.region_codes.begin(), c.region_codes.end());
  c.region_codes.erase(std::unique(c.region_codes.begin(), c.region_codes.end()), c.region_codes.end());
  return Status::Ok();
}

bool AnyOf(const std::vector<int64_t>& wanted, const std::set<int64_t>& held) {
  for (int64_t id : wanted) {
    if (held.count(id) > 0) return true;
  }
  return false;
}

}  // namespace

std::string_view PolicyTypeName(PolicyType type) {
  switch (type) {
    case PolicyType::kOverallPlan:
      return "overall_plan";
    case PolicyType::kMechanism:
      return "mechanism";
    case PolicyType::kSpecial:
      return "special";
  }
  return "special";
}

std::optional<PolicyType> ParsePolicyType(std::string_view name) {
  if (name == "overall_plan") return PolicyType::kOverallPlan;
  if (name == "mechanism") return PolicyType::kMechanism;
  if (name == "special") return PolicyType::kSpecial;
  return std::nullopt;
}

Referenced ReferencesOf(const Policy& policy) {
  Referenced out;
  out.chain_ids.insert(policy.chain_ids.begin(), policy.chain_ids.end());
  for (const auto& m : policy.measures) {
    out.chain_ids.insert(m.conditions.chain_ids.begin(), m.conditions.chain_ids.end());
    out.segment_ids.insert(m.conditions.segment_ids.begin(), m.conditions.segment_ids.end());
    for (const auto& code : m.conditions.region_codes) out.region_codes.insert(text::Trim(code));
  }
  return out;
}

Status NormalisePolicy(Policy& p, const KnownRefs& known) {
  RETURN_IF_ERROR(CheckText(p.doc_number, kMaxDocNumber, true, true, "doc_number", "the document number"));
  RETURN_IF_ERROR(CheckText(p.title, kMaxTitle, true, true, "title", "the title"));
  p.issued_on = text::Trim(p.issued_on);
  if (!chain::IsIsoDate(p.issued_on) || p.issued_on < "1990-01-01" || p.issued_on > "2099-12-31") {
    return InvalidArgument("the issue date must be a date YYYY-MM-DD", "issued_on");
  }
  if (p.issuer_unit_id <= 0) return InvalidArgument("the issuing unit is required", "issuer_unit_id");
  RETURN_IF_ERROR(CheckText(p.text, kMaxText, false, false, "text", "the full text"));
  for (size_t i = 0; i < p.chain_ids.size(); ++i) {
    if (known.chain_ids.count(p.chain_ids[i]) == 0) {
      return InvalidArgument("chain " + std::to_string(p.chain_ids[i]) + " does not exist", Item("chain_ids", i));
    }
  }
  std::sort(p.chain_ids.begin(), p.chain_ids.end());
  p.chain_ids.erase(std::unique(p.chain_ids.begin(), p.chain_ids.end()), p.chain_ids.end());
  if (p.measures.size() > kMaxMeasures) {
    return InvalidArgument("too many measures (max " + std::to_string(kMaxMeasures) + ")", "measures");
  }
  for (size_t i = 0; i < p.measures.size(); ++i) {
    Measure& m = p.measures[i];
    const std::string prefix = Item("measures", i) + ".";
    RETURN_IF_ERROR(CheckText(m.title, kMaxMeasureTitle, true, true, prefix + "title", "the measure's title"));
    RETURN_IF_ERROR(
        CheckText(m.content, kMaxMeasureContent, false, false, prefix + "content", "the measure's content"));
    RETURN_IF_ERROR(CheckConditions(m.conditions, known, prefix + "conditions."));
    m.position = static_cast<int>(i);
    m.policy_id = p.id;
  }
  return Status::Ok();
}

bool RegionWithin(std::string_view region_code, std::string_view ancestor) {
  return !ancestor.empty() && region_code.size() >= ancestor.size() &&
         region_code.compare(0, ancestor.size(), ancestor) == 0;
}

MatchResult Match(const Conditions& c, const EnterpriseFacts& e) {
  auto fail = [](std::string field, std::string reason) { return MatchResult{false, std::move(field), std::move(reason)}; };
  if (!c.chain_ids.empty() && !AnyOf(c.chain_ids, e.chain_ids)) return fail("chains", "不在措施所列产业链上");
  if (!c.segment_ids.empty() && !AnyOf(c.segment_ids, e.segment_ids)) return fail("segments", "不在措施所列环节上");
  if (!c.sizes.empty() && std::find(c.sizes.begin(), c.sizes.end(), e.size) == c.sizes.end()) {
    return fail("sizes", "企业规模不符");
  }
  if (!c.region_codes.empty()) {
    bool within = false;
    for (const auto& code : c.region_codes) within = within || RegionWithin(e.region_code, code);
    if (!within) return fail("regions", "不在措施所列地区");
  }
  if (c.local_only && !e.local) return fail("local_only", "仅限本地企业");
  if (c.min_revenue_yuan > 0 && e.revenue_yuan < c.min_revenue_yuan) return fail("min_revenue_yuan", "营业收入未达标准");
  if (c.min_employees > 0 && e.employees < c.min_employees) return fail("min_employees", "从业人数未达标准");
  return MatchResult{};
}

Status CheckGrantAmount(int64_t yuan, std::string_view field) {
  if (yuan <= 0) return InvalidArgument("the amount must be a positive number of yuan", std::string(field));
  if (yuan > kMaxGrantYuan) {
    return InvalidArgument("the amount is too large (max " + std::to_string(kMaxGrantYuan) + " yuan)",
                           std::string(field));
  }
  return Status::Ok();
}

Status NormaliseGrant(Grant& g, std::string_view today) {
  RETURN_IF_ERROR(CheckGrantAmount(g.amount_yuan, "amount_yuan"));
  g.paid_on = text::Trim(g.paid_on);
  if (!chain::IsIsoDate(g.paid_on) || g.paid_on < "1990-01-01") {
    return InvalidArgument("the payment date must be a date YYYY-MM-DD", "paid_on");
  }
  if (g.paid_on > today) return InvalidArgument("the payment date is in the future", "paid_on");
  RETURN_IF_ERROR(CheckText(g.override_reason, kMaxReason, false, true, "override_reason", "the reason"));
  RETURN_IF_ERROR(CheckText(g.note, kMaxReason, false, false, "note", "the note"));
  return Status::Ok();
}

Result<int64_t> AddYuan(int64_t total, int64_t add, std::string_view field) {
  if (add < 0) return InvalidArgument("the amount must not be negative", std::string(field));
  if (total > std::numeric_limits<int64_t>::max() - add) {
    return InvalidArgument("the sum would overflow", std::string(field));
  }
  return total + add;
}

}  // namespace lz::policy
