// Channel and category rules, routing, case numbers.
#include "domain/casework/catalogue.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"

namespace lz::casework {
namespace {

Status CheckName(std::string& name, const char* what) {
  name = text::Trim(name);
  size_t len = text::Utf8Length(name);
  if (!text::IsValidUtf8(name) || len == 0) return InvalidArgument(std::string(what) + " is required", "name");
  if (len > 100) return InvalidArgument(std::string(what) + " is too long (max 100 characters)", "name");
  return Status::Ok();
}

Status CheckDays(int value, int min, const char* field) {
  if (value < min || value > 365) {
    return InvalidArgument(std::string(field) + " must be between " + std::to_string(min) + " and 365 working days", field);
  }
  return Status::Ok();
}

}  // namespace

Status ValidateChannel(Channel& channel) {
  channel.code = text::Trim(channel.code);
  const std::string& c = channel.code;
  bool ok = !c.empty() && c.size() <= 32 && c[0] >= 'a' && c[0] <= 'z' &&
            std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
  if (!ok) return InvalidArgument("the channel code must be 1–32 lower-case letters, digits or '_'", "code");
  return CheckName(channel.name, "the channel name");
}

Status ValidateCategory(Category& category) {
  category.code = text::ToHalfWidth(text::Trim(category.code));
  std::transform(category.code.begin(), category.code.end(), category.code.begin(),
                 [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; });
  const std::string& code = category.code;
  bool ok = !code.empty() && code.size() <= 12 && code.size() % 2 == 0 &&
            std::all_of(code.begin(), code.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'); });
  if (!ok) return InvalidArgument("the category code must be 2 to 12 digits or letters, two per level", "code");
  RETURN_IF_ERROR(CheckName(category.name, "the category name"));
  RETURN_IF_ERROR(CheckDays(category.sign_days, 1, "sign_days"));
  RETURN_IF_ERROR(CheckDays(category.handle_days, 1, "handle_days"));
  RETURN_IF_ERROR(CheckDays(category.max_extension_days, 0, "max_extension_days"));
  if (category.sign_days > category.handle_days) {
    return InvalidArgument("the sign-for limit cannot exceed the handling limit", "sign_days");
  }
  const EscalationLadder& l = category.ladder;
  RETURN_IF_ERROR(CheckDays(l.warn_before_days, 0, "ladder.warn_before_days"));
  if (l.warn_before_days >= category.handle_days && l.warn_before_days > 0) {
    return InvalidArgument("the warning must come after dispatch (fewer days than the handling limit)", "ladder.warn_before_days");
  }
  RETURN_IF_ERROR(CheckDays(l.supervise_after_days, 0, "ladder.supervise_after_days"));
  RETURN_IF_ERROR(CheckDays(l.circulate_after_days, 0, "ladder.circulate_after_days"));
  RETURN_IF_ERROR(CheckDays(l.escalate_after_days, 0, "ladder.escalate_after_days"));
  // Enabled rungs after the deadline come in increasing order.
  int last = 0;
  const std::pair<int, const char*> after[] = {{l.supervise_after_days, "ladder.supervise_after_days"},
                                               {l.circulate_after_days, "ladder.circulate_after_days"},
                                               {l.escalate_after_days, "ladder.escalate_after_days"}};
  for (const auto& [days, field] : after) {
    if (days == 0) continue;
    if (days <= last) return InvalidArgument("the ladder's rungs must come later one after another", field);
    last = days;
  }
  if (category.sort_order < 0) return InvalidArgument("the sort order must not be negative", "sort_order");
  return Status::Ok();
}

std::string ParentCode(std::string_view code) {
  return code.size() <= 2 ? std::string() : std::string(code.substr(0, code.size() - 2));
}

std::optional<RoutingRule> ProposeRoute(const std::vector<RoutingRule>& rules, const std::vector<int64_t>& category_ids,
                                        std::string_view region_code) {
  std::optional<RoutingRule> best;
  size_t best_region = 0;
  size_t best_category = 0;
  for (const RoutingRule& r : rules) {
    if (region_code.substr(0, r.region_code.size()) != r.region_code) continue;
    auto it = std::find(category_ids.begin(), category_ids.end(), r.category_id);
    if (it == category_ids.end()) continue;
    // Higher is better: a longer region prefix, then a category nearer the case's own.
    size_t region_rank = r.region_code.size() + 1;
    size_t category_rank = category_ids.size() - static_cast<size_t>(it - category_ids.begin());
    if (!best || region_rank > best_region || (region_rank == best_region && category_rank > best_category)) {
      best = r;
      best_region = region_rank;
      best_category = category_rank;
    }
  }
  return best;
}

std::string LocalDateDigits(TimeMs t) {
  constexpr int64_t kDayMs = 86400000;
  constexpr int64_t kUtc8Ms = 8LL * 3600 * 1000;
  int64_t days = (t + kUtc8Ms) >= 0 ? (t + kUtc8Ms) / kDayMs : ((t + kUtc8Ms) - kDayMs + 1) / kDayMs;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
  return buf;
}

std::string CaseNumberPrefix(std::string_view region_code, TimeMs accepted) {
  std::string county(region_code.substr(0, std::min<size_t>(region_code.size(), 6)));
  county.resize(6, '0');
  return county + "-" + LocalDateDigits(accepted);
}

std::string CaseNumber(std::string_view region_code, TimeMs accepted, int64_t sequence) {
  char seq[24];
  std::snprintf(seq, sizeof seq, "%04lld", static_cast<long long>(sequence));
  return CaseNumberPrefix(region_code, accepted) + "-" + seq;
}

}  // namespace lz::casework
