// Implementation of domain/calendar/schedule.h.
#include "domain/calendar/schedule.h"

#include <optional>

#include "common/china_time.h"
#include "common/text.h"

namespace lz::calendar {
namespace {

Status Invalid(const ScheduleEvent& e, std::string_view zh, std::string_view en) {
  std::string where = e.where.empty() ? std::string() : e.where + ": ";
  return InvalidArgument(where + std::string(zh) + " / " + std::string(en), "file");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "休" / "holiday" → kHoliday; "班" / "workday" → kWorkday; anything else → nullopt.
std::optional<DayKind> Marker(std::string_view word) {
  std::string w = Lower(text::Trim(word));
  if (w == "休" || w == "holiday") return DayKind::kHoliday;
  if (w == "班" || w == "workday") return DayKind::kWorkday;
  return std::nullopt;
}

struct Summary {
  std::string name;
  std::optional<DayKind> kind;  // from a "(休)" suffix
};

// "春节(休)" → {春节, holiday}; "春节（班）" → {春节, workday}; "春节" → {春节, none}.
Summary SplitSummary(std::string_view summary) {
  std::string s = text::Trim(summary);
  static constexpr std::pair<std::string_view, std::string_view> kBrackets[] = {{"(", ")"}, {"（", "）"}};
  for (auto [open, close] : kBrackets) {
    if (s.size() <= close.size() || s.compare(s.size() - close.size(), close.size(), close) != 0) continue;
    size_t at = s.rfind(open);
    if (at == std::string::npos) continue;
    std::string_view inside(s.data() + at + open.size(), s.size() - close.size() - at - open.size());
    if (auto kind = Marker(inside)) return {text::Trim(std::string_view(s).substr(0, at)), kind};
  }
  return {s, std::nullopt};
}

std::string KindText(DayKind k) { return k == DayKind::kHoliday ? "休" : "班"; }

}  // namespace

Result<std::vector<DayRule>> DayRulesFromSchedule(std::span<const ScheduleEvent> events) {
  std::vector<DayRule> rules;
  for (const ScheduleEvent& e : events) {
    Summary summary = SplitSummary(e.summary);
    // Every marker the event gives, with where it was found.
    std::vector<std::pair<DayKind, std::string>> markers;
    if (summary.kind) markers.emplace_back(*summary.kind, "SUMMARY");
    if (auto k = Marker(e.description)) markers.emplace_back(*k, "DESCRIPTION");
    for (const std::string& c : e.categories) {
      if (auto k = Marker(c)) markers.emplace_back(*k, "CATEGORIES");
    }
    if (!e.special_day.empty()) {
      if (e.special_day == "WORK-HOLIDAY") {
        markers.emplace_back(DayKind::kHoliday, "X-APPLE-SPECIAL-DAY");
      } else if (e.special_day == "ALTERNATE-WORKDAY") {
        markers.emplace_back(DayKind::kWorkday, "X-APPLE-SPECIAL-DAY");
      } else {
        return Invalid(e, "X-APPLE-SPECIAL-DAY 的值 “" + e.special_day + "” 未知（应为 WORK-HOLIDAY 或 ALTERNATE-WORKDAY）",
                       "unknown X-APPLE-SPECIAL-DAY \"" + e.special_day + "\" (WORK-HOLIDAY or ALTERNATE-WORKDAY)");
      }
    }
    if (markers.empty()) {
      return Invalid(e, "事件 “" + e.summary + "” 没有注明是放假（休）还是调休上班（班），例如 SUMMARY:春节(休)",
                     "event \"" + e.summary + "\" says neither 休 (holiday) nor 班 (make-up workday), e.g. SUMMARY:春节(休)");
    }
    for (const auto& [kind, from] : markers) {
      if (kind != markers.front().first) {
        return Invalid(e,
                       "事件 “" + e.summary + "” 自相矛盾：" + markers.front().second + " 说“" + KindText(markers.front().first) +
                           "”，" + from + " 说“" + KindText(kind) + "”",
                       "event \"" + e.summary + "\" contradicts itself: " + markers.front().second + " says " +
                           KindText(markers.front().first) + ", " + from + " says " + KindText(kind));
      }
    }
    if (summary.name.empty()) return Invalid(e, "事件没有节日名称（SUMMARY）", "the event has no holiday name (SUMMARY)");
    if (!e.first.ok() || !e.end.ok()) {
      return Invalid(e, "事件的日期不存在：" + FormatDate(e.first) + " 至 " + FormatDate(e.end),
                     "the event's dates do not exist: " + FormatDate(e.first) + " to " + FormatDate(e.end));
    }
    const int64_t first = DayNumber(e.first);
    const int64_t end = DayNumber(e.end);
    if (end <= first) {
      return Invalid(e, "事件的结束日期 " + FormatDate(e.end) + " 不在开始日期 " + FormatDate(e.first) + " 之后",
                     "the event's end " + FormatDate(e.end) + " is not after its start " + FormatDate(e.first));
    }
    if (end - first > kMaxEventDays) {
      return Invalid(e, "事件 “" + e.summary + "” 长达 " + std::to_string(end - first) + " 天，超过 " + std::to_string(kMaxEventDays) + " 天，日期可能有误",
                     "event \"" + e.summary + "\" spans " + std::to_string(end - first) + " days, more than " +
                         std::to_string(kMaxEventDays) + "; check its dates");
    }
    for (int64_t d = first; d < end; ++d) {
      rules.push_back(DayRule{DateOfDayNumber(d), markers.front().first, summary.name, e.where});
    }
  }
  return rules;
}

}  // namespace lz::calendar
