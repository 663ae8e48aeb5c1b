// Implementation of io/ics.h: physical lines → unfolded content lines → (name, parameters,
// value) → a stack of components; a VEVENT is turned into an IcsEvent when its END arrives.
#include "io/ics.h"

#include <algorithm>
#include <array>
#include <optional>

#include "common/china_time.h"
#include "common/text.h"
#include "io/internal/util.h"

namespace lz::io {
namespace {

using internal::InvalidFile;
using internal::LimitExceeded;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string LineText(uint32_t line) { return std::to_string(line); }

Status LineError(uint32_t line, std::string_view zh, std::string_view en) {
  return InvalidFile("第 " + LineText(line) + " 行：" + std::string(zh), "line " + LineText(line) + ": " + std::string(en));
}

// The digits of `s` (all must be digits) as a number; nullopt otherwise.
std::optional<int> Digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Offsets of the TZIDs we accept: those of mainland China time and UTC.
std::optional<TimeMs> ZoneOffset(std::string_view tzid) {
  if (!tzid.empty() && tzid.front() == '/') tzid.remove_prefix(1);  // RFC 5545 globally unique prefix
  static constexpr std::array<std::string_view, 7> kChina = {
      "Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC", "China Standard Time", "Asia/Beijing"};
  static constexpr std::array<std::string_view, 5> kUtc = {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"};
  if (std::find(kChina.begin(), kChina.end(), tzid) != kChina.end()) return kChinaUtcOffsetMs;
  if (std::find(kUtc.begin(), kUtc.end(), tzid) != kUtc.end()) return TimeMs{0};
  return std::nullopt;
}

struct Duration {
  int64_t days = 0;
  TimeMs ms = 0;  // the time part (hours, minutes, seconds)
};

// RFC 5545 §3.3.6: ["+"/"-"] "P" (n "W" | n "D" ["T" time] | "T" time), time = [n "H"] [n "M"]
// [n "S"] with at least one part. nullopt when malformed; a negative duration gives days = -1.
std::optional<Duration> ParseDuration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() != 'P') return std::nullopt;
  s.remove_prefix(1);
  // Takes "<digits><unit>" off the front when the unit is `unit`; nullopt leaves `s` alone.
  auto take = [&s](char unit) -> std::optional<int> {
    size_t n = 0;
    while (n < s.size() && IsDigit(s[n])) ++n;
    if (n == 0 || n >= s.size() || s[n] != unit) return std::nullopt;
    auto v = Digits(s.substr(0, n));
    if (v) s.remove_prefix(n + 1);
    return v;
  };
  Duration d;
  if (auto weeks = take('W')) {
    if (!s.empty()) return std::nullopt;
    d.days = int64_t{*weeks} * 7;
  } else {
    bool any = false;
    if (auto days = take('D')) {
      d.days = *days;
      any = true;
    }
    if (!s.empty()) {
      if (s.front() != 'T') return std::nullopt;
      s.remove_prefix(1);
      bool time_any = false;
      for (auto [unit, ms] : {std::pair{'H', kHourMs}, std::pair{'M', kMinuteMs}, std::pair{'S', TimeMs{1000}}}) {
        if (auto v = take(unit)) {
          d.ms += *v * ms;
          time_any = true;
        }
      }
      if (!time_any || !s.empty()) return std::nullopt;
      any = true;
    }
    if (!any) return std::nullopt;
  }
  if (negative && (d.days != 0 || d.ms != 0)) d.days = -1;
  return d;
}

// RFC 5545 §3.3.11 TEXT unescaping into `out`; on a bad escape, the message (zh, en).
std::optional<std::pair<std::string, std::string>> Unescape(std::string_view value, std::string& out) {
  out.clear();
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\') {
      out.push_back(value[i]);
      continue;
    }
    if (i + 1 == value.size()) return std::pair{std::string("文字以单个反斜杠结尾"), std::string("the text ends in a lone backslash")};
    char next = value[++i];
    if (next == 'n' || next == 'N') {
      out.push_back('\n');
    } else if (next == '\\' || next == ';' || next == ',') {
      out.push_back(next);
    } else {
      std::string seq = std::string("\\") + next;
      return std::pair{"无效的转义 " + seq + "（只允许 \\\\ \\; \\, \\n）",
                       "invalid escape " + seq + " (only \\\\ \\; \\, \\n are allowed)"};
    }
  }
  return std::nullopt;
}

// Splits a CATEGORIES value on commas that are not escaped.
std::vector<std::string_view> SplitList(std::string_view value) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;
    } else if (value[i] == ',') {
      out.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(value.substr(start));
  return out;
}

struct OpenComponent {
  std::string name;
  uint32_t line = 0;
  std::vector<IcsProperty> properties;  // kept for VCALENDAR and VEVENT only
};

class Parser {
 public:
  explicit Parser(const IcsLimits& limits) : limits_(limits) {}

  Result<IcsCalendar> Run(std::string_view bytes) {
    if (bytes.size() > limits_.max_input_bytes) {
      return LimitExceeded("日历文件超过 " + internal::SizeText(limits_.max_input_bytes) + " 的上限",
                           "the calendar file is larger than " + internal::SizeText(limits_.max_input_bytes));
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return InvalidFile("日历文件是空的", "the calendar file is empty");
    }
    std::string current;
    uint32_t current_line = 0;
    bool have = false;
    uint32_t physical = 0;
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t nl = bytes.find('\n', pos);
      std::string_view l = bytes.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
      ++physical;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (!l.empty() && (l.front() == ' ' || l.front() == '\t')) {
        if (!have) {
          return LineError(physical, "以空格开头的续行前面没有内容行",
                           "a continuation line (starting with a space or tab) comes before any content line");
        }
        current.append(l.substr(1));
        RETURN_IF_ERROR(CheckLineLength(current_line, current.size()));
        continue;
      }
      if (have) RETURN_IF_ERROR(Feed(current_line, current));
      have = false;
      if (l.empty()) continue;
      current.assign(l);
      current_line = physical;
      have = true;
      RETURN_IF_ERROR(CheckLineLength(current_line, current.size()));
    }
    if (have) RETURN_IF_ERROR(Feed(current_line, current));
    if (!stack_.empty()) {
      return LineError(stack_.back().line, "BEGIN:" + stack_.back().name + " 没有对应的 END",
                       "BEGIN:" + stack_.back().name + " is never closed");
    }
    if (!done_) return InvalidFile("文件中没有 BEGIN:VCALENDAR", "the file has no BEGIN:VCALENDAR");
    return std::move(calendar_);
  }

 private:
  Status CheckLineLength(uint32_t line, size_t size) const {
    if (size <= limits_.max_line_bytes) return Status::Ok();
    return LimitExceeded("第 " + LineText(line) + " 行（展开续行后）超过 " + std::to_string(limits_.max_line_bytes) + " 字节",
                         "line " + LineText(line) + " (unfolded) is longer than " +
                             std::to_string(limits_.max_line_bytes) + " bytes");
  }

  Status Feed(uint32_t line, std::string_view text) {
    if (++content_lines_ > limits_.max_content_lines) {
      return LimitExceeded("日历文件超过 " + std::to_string(limits_.max_content_lines) + " 个内容行",
                           "the calendar file has more than " + std::to_string(limits_.max_content_lines) +
                               " content lines");
    }
    if (!text::IsValidUtf8(text)) {
      return LineError(line, "不是有效的 UTF-8 文字（日历文件须为 UTF-8 编码）", "not valid UTF-8 (iCalendar files are UTF-8)");
    }
    for (char c : text) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7F) {
        return LineError(line, "含有控制字符", "contains a control character");
      }
    }
    ASSIGN_OR_RETURN(IcsProperty p, ParseContentLine(line, text));
    if (done_) {
      return LineError(line, "END:VCALENDAR 之后还有内容（一个文件只能有一个 VCALENDAR）",
                       "content after END:VCALENDAR (one VCALENDAR per file)");
    }
    if (p.name == "BEGIN") return Begin(p);
    if (p.name == "END") return End(p);
    if (stack_.empty()) {
      return LineError(line, "BEGIN:VCALENDAR 之前不能有属性 " + p.name, p.name + " before BEGIN:VCALENDAR");
    }
    OpenComponent& top = stack_.back();
    if (top.name == "VCALENDAR" || top.name == "VEVENT") top.properties.push_back(std::move(p));
    return Status::Ok();
  }

  Result<IcsProperty> ParseContentLine(uint32_t line, std::string_view t) {
    IcsProperty p;
    p.line = line;
    size_t i = 0;
    while (i < t.size() && IsNameChar(t[i])) ++i;
    if (i == 0) return LineError(line, "内容行应以属性名开头", "a content line must start with a property name");
    p.name = Upper(t.substr(0, i));
    while (i < t.size() && t[i] == ';') {
      size_t s = ++i;
      while (i < t.size() && IsNameChar(t[i])) ++i;
      if (i == s) return LineError(line, p.name + " 的参数名为空", "empty parameter name in " + p.name);
      IcsParameter param;
      param.name = Upper(t.substr(s, i - s));
      if (i >= t.size() || t[i] != '=') {
        return LineError(line, "参数 " + param.name + " 缺少“=”", "parameter " + param.name + " has no '='");
      }
      ++i;
      while (true) {
        if (i < t.size() && t[i] == '"') {
          size_t close = t.find('"', i + 1);
          if (close == std::string_view::npos) {
            return LineError(line, "参数 " + param.name + " 的引号没有闭合", "unclosed quote in parameter " + param.name);
          }
          param.values.emplace_back(t.substr(i + 1, close - i - 1));
          i = close + 1;
        } else {
          s = i;
          while (i < t.size() && t[i] != ';' && t[i] != ':' && t[i] != ',' && t[i] != '"') ++i;
          if (i < t.size() && t[i] == '"') {
            return LineError(line, "参数 " + param.name + " 的值中间有引号", "a quote inside the value of parameter " + param.name);
          }
          param.values.emplace_back(t.substr(s, i - s));
        }
        if (i < t.size() && t[i] == ',') {
          ++i;
          continue;
        }
        break;
      }
      p.parameters.push_back(std::move(param));
    }
    if (i >= t.size() || t[i] != ':') {
      return LineError(line, p.name + " 的名称和参数之后应是“:”", "expected ':' after the name and parameters of " + p.name);
    }
    p.value.assign(t.substr(i + 1));
    return p;
  }

  Status Begin(const IcsProperty& p) {
    if (!p.parameters.empty()) return LineError(p.line, "BEGIN 不能带参数", "BEGIN takes no parameters");
    std::string name = Upper(p.value);
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameChar)) {
      return LineError(p.line, "BEGIN 后的组件名无效", "BEGIN names no valid component");
    }
    if (stack_.empty() && name != "VCALENDAR") {
      return LineError(p.line, "文件应以 BEGIN:VCALENDAR 开始，而不是 BEGIN:" + name,
                       "the file must start with BEGIN:VCALENDAR, not BEGIN:" + name);
    }
    if (!stack_.empty() && name == "VCALENDAR") {
      return LineError(p.line, "VCALENDAR 不能嵌套", "VCALENDAR cannot be nested");
    }
    if (name == "VEVENT") {
      if (stack_.back().name != "VCALENDAR") {
        return LineError(p.line, "VEVENT 不能放在 " + stack_.back().name + " 里", "VEVENT inside " + stack_.back().name);
      }
      if (calendar_.events.size() >= limits_.max_events) {
        return LimitExceeded("日历文件超过 " + std::to_string(limits_.max_events) + " 个事件（第 " + LineText(p.line) + " 行）",
                             "the calendar file has more than " + std::to_string(limits_.max_events) +
                                 " events (line " + LineText(p.line) + ")");
      }
    }
    if (stack_.size() >= limits_.max_depth) {
      return LimitExceeded("第 " + LineText(p.line) + " 行：组件嵌套超过 " + std::to_string(limits_.max_depth) + " 层",
                           "line " + LineText(p.line) + ": components nested deeper than " +
                               std::to_string(limits_.max_depth));
    }
    stack_.push_back(OpenComponent{std::move(name), p.line, {}});
    return Status::Ok();
  }

  Status End(const IcsProperty& p) {
    if (!p.parameters.empty()) return LineError(p.line, "END 不能带参数", "END takes no parameters");
    std::string name = Upper(p.value);
    if (stack_.empty()) return LineError(p.line, "END:" + name + " 前没有对应的 BEGIN", "END:" + name + " without BEGIN");
    if (stack_.back().name != name) {
      return LineError(p.line,
                       "END:" + name + " 与第 " + LineText(stack_.back().line) + " 行的 BEGIN:" + stack_.back().name + " 不匹配",
                       "END:" + name + " does not close BEGIN:" + stack_.back().name + " of line " +
                           LineText(stack_.back().line));
    }
    OpenComponent c = std::move(stack_.back());
    stack_.pop_back();
    if (name == "VEVENT") {
      ASSIGN_OR_RETURN(IcsEvent event, BuildEvent(std::move(c)));
      calendar_.events.push_back(std::move(event));
    } else if (name == "VCALENDAR") {
      RETURN_IF_ERROR(FinishCalendar(std::move(c)));
      done_ = true;
    }
    return Status::Ok();
  }

  Status FinishCalendar(OpenComponent c) {
    const IcsProperty* version = nullptr;
    const IcsProperty* prodid = nullptr;
    for (const IcsProperty& p : c.properties) {
      const IcsProperty** slot = p.name == "VERSION" ? &version : p.name == "PRODID" ? &prodid : nullptr;
      if (slot) {
        if (*slot) return LineError(p.line, p.name + " 重复出现", p.name + " occurs twice in VCALENDAR");
        *slot = &p;
      }
    }
    if (!version) return LineError(c.line, "VCALENDAR 缺少 VERSION", "VCALENDAR has no VERSION");
    if (!prodid) return LineError(c.line, "VCALENDAR 缺少 PRODID", "VCALENDAR has no PRODID");
    if (version->value != "2.0") {
      return LineError(version->line, "只支持 iCalendar 2.0，而不是 VERSION:" + internal::Excerpt(version->value),
                       "only iCalendar 2.0 is supported, not VERSION:" + internal::Excerpt(version->value));
    }
    calendar_.version = version->value;
    calendar_.prodid = prodid->value;
    for (const IcsProperty& p : c.properties) {
      if (p.name == "NAME" || (p.name == "X-WR-CALNAME" && calendar_.name.empty())) {
        ASSIGN_OR_RETURN(calendar_.name, Text(p));
      }
    }
    calendar_.properties = std::move(c.properties);
    return Status::Ok();
  }

  static Result<std::string> Text(const IcsProperty& p, std::string_view value) {
    std::string out;
    if (auto bad = Unescape(value, out)) return LineError(p.line, p.name + "：" + bad->first, p.name + ": " + bad->second);
    return out;
  }
  static Result<std::string> Text(const IcsProperty& p) { return Text(p, p.value); }

  // A DATE or DATE-TIME value of DTSTART or DTEND.
  static Result<IcsTime> ParseTime(const IcsProperty& p) {
    const std::string_view v = p.value;
    std::optional<IcsValueType> declared;
    if (const IcsParameter* value = p.Parameter("VALUE")) {
      std::string type = value->values.size() == 1 ? Upper(value->values[0]) : std::string();
      if (type == "DATE") {
        declared = IcsValueType::kDate;
      } else if (type == "DATE-TIME") {
        declared = IcsValueType::kDateTime;
      } else {
        return LineError(p.line, p.name + " 只支持 VALUE=DATE 或 VALUE=DATE-TIME",
                         p.name + " supports only VALUE=DATE or VALUE=DATE-TIME");
      }
    }
    const bool utc = v.size() == 16 && v.back() == 'Z';
    IcsValueType shape;
    if (v.size() == 8) {
      shape = IcsValueType::kDate;
    } else if ((v.size() == 15 || utc) && v[8] == 'T') {
      shape = IcsValueType::kDateTime;
    } else {
      return LineError(p.line, p.name + " 的值 “" + internal::Excerpt(v) + "” 既不是日期（YYYYMMDD）也不是日期时间（YYYYMMDDTHHMMSS）",
                       p.name + " value \"" + internal::Excerpt(v) + "\" is neither a DATE (YYYYMMDD) nor a DATE-TIME (YYYYMMDDTHHMMSS)");
    }
    if (declared && *declared != shape) {
      return LineError(p.line, p.name + " 的值与所声明的 VALUE 类型不符", p.name + " value does not match its VALUE parameter");
    }
    auto y = Digits(v.substr(0, 4));
    auto m = Digits(v.substr(4, 2));
    auto d = Digits(v.substr(6, 2));
    std::chrono::year_month_day date{};
    if (y && m && d) {
      date = std::chrono::year_month_day(std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
                                         std::chrono::day(static_cast<unsigned>(*d)));
    }
    if (!y || !m || !d || *y < 1 || !date.ok()) {
      return LineError(p.line, p.name + " 的日期 " + std::string(v.substr(0, 8)) + " 不存在",
                       p.name + " date " + std::string(v.substr(0, 8)) + " does not exist");
    }
    const IcsParameter* tzid = p.Parameter("TZID");
    IcsTime t;
    t.type = shape;
    if (shape == IcsValueType::kDate) {
      if (tzid) return LineError(p.line, p.name + " 是日期，不能带 TZID", p.name + " is a DATE and cannot have a TZID");
      t.local_date = date;
      t.instant = ChinaMidnightOf(DayNumber(date));
      return t;
    }
    auto hh = Digits(v.substr(9, 2));
    auto mi = Digits(v.substr(11, 2));
    auto ss = Digits(v.substr(13, 2));
    if (!hh || !mi || !ss || *hh > 23 || *mi > 59 || *ss > 60) {
      return LineError(p.line, p.name + " 的时间 " + std::string(v.substr(9, 6)) + " 不存在",
                       p.name + " time " + std::string(v.substr(9, 6)) + " does not exist");
    }
    TimeMs offset = kChinaUtcOffsetMs;  // floating times are read as China time
    if (utc) {
      if (tzid) return LineError(p.line, p.name + " 是 UTC 时间（以 Z 结尾），不能再带 TZID", p.name + " is UTC (ends in Z) and cannot also have a TZID");
      offset = 0;
    } else if (tzid) {
      auto zone = tzid->values.size() == 1 ? ZoneOffset(tzid->values[0]) : std::nullopt;
      if (!zone) {
        std::string name = tzid->values.empty() ? std::string() : internal::Excerpt(tzid->values[0]);
        return LineError(p.line, "不支持时区 TZID=" + name + "（只支持 Asia/Shanghai 与 UTC）",
                         "time zone TZID=" + name + " is not supported (only Asia/Shanghai and UTC)");
      }
      offset = *zone;
    }
    t.instant = DayNumber(date) * kDayMs + *hh * kHourMs + *mi * kMinuteMs + TimeMs{*ss} * 1000 - offset;
    t.local_date = DateOfDayNumber(ChinaDayOf(t.instant));
    return t;
  }

  static Result<IcsEvent> BuildEvent(OpenComponent c) {
    IcsEvent e;
    e.line = c.line;
    const IcsProperty* dtstart = nullptr;
    const IcsProperty* dtend = nullptr;
    const IcsProperty* duration = nullptr;
    std::array<const IcsProperty*, 5> text_seen{};
    static constexpr std::array<std::string_view, 5> kText = {"UID", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS"};
    std::array<std::string*, 5> text_field = {&e.uid, &e.summary, &e.description, &e.location, &e.status};
    auto once = [&](const IcsProperty*& slot, const IcsProperty& p) -> Status {
      if (slot) {
        return LineError(p.line, p.name + " 在第 " + LineText(c.line) + " 行开始的事件中重复出现",
                         p.name + " occurs twice in the event begun on line " + LineText(c.line));
      }
      slot = &p;
      return Status::Ok();
    };
    for (const IcsProperty& p : c.properties) {
      if (p.name == "RRULE" || p.name == "RDATE" || p.name == "EXDATE" || p.name == "EXRULE") {
        return LineError(p.line, "不支持重复事件（" + p.name + "），请逐项列出每个日期",
                         "recurring events (" + p.name + ") are not supported; list every date");
      }
      if (p.name == "DTSTART") RETURN_IF_ERROR(once(dtstart, p));
      if (p.name == "DTEND") RETURN_IF_ERROR(once(dtend, p));
      if (p.name == "DURATION") RETURN_IF_ERROR(once(duration, p));
      for (size_t i = 0; i < kText.size(); ++i) {
        if (p.name == kText[i]) {
          RETURN_IF_ERROR(once(text_seen[i], p));
          ASSIGN_OR_RETURN(*text_field[i], Text(p));
        }
      }
      if (p.name == "CATEGORIES") {
        for (std::string_view piece : SplitList(p.value)) {
          ASSIGN_OR_RETURN(std::string category, Text(p, piece));
          e.categories.push_back(std::move(category));
        }
      }
    }
    if (!dtstart) return LineError(c.line, "事件缺少 DTSTART", "the event has no DTSTART");
    if (dtend && duration) {
      return LineError(duration->line, "同一事件不能既有 DTEND 又有 DURATION", "an event cannot have both DTEND and DURATION");
    }
    ASSIGN_OR_RETURN(e.start, ParseTime(*dtstart));
    const bool date = e.start.type == IcsValueType::kDate;
    if (dtend) {
      ASSIGN_OR_RETURN(e.end, ParseTime(*dtend));
      if (e.end.type != e.start.type) {
        return LineError(dtend->line, "DTEND 与 DTSTART 的类型不同（一个是日期，一个是日期时间）",
                         "DTEND and DTSTART differ in type (one is a DATE, the other a DATE-TIME)");
      }
      if (date ? e.end.instant <= e.start.instant : e.end.instant < e.start.instant) {
        return LineError(dtend->line, "DTEND 不在 DTSTART 之后", "DTEND is not after DTSTART");
      }
    } else if (duration) {
      auto d = ParseDuration(duration->value);
      if (!d) {
        return LineError(duration->line, "DURATION “" + internal::Excerpt(duration->value) + "” 格式不对（例如 P1D、P2W、PT8H）",
                         "malformed DURATION \"" + internal::Excerpt(duration->value) + "\" (e.g. P1D, P2W, PT8H)");
      }
      if (d->days < 0) return LineError(duration->line, "DURATION 不能为负", "DURATION cannot be negative");
      if (date && (d->ms != 0 || d->days == 0)) {
        return LineError(duration->line, "日期型事件的 DURATION 须为整天（如 P1D）", "a DATE event needs a DURATION of whole days (e.g. P1D)");
      }
      e.end.type = e.start.type;
      e.end.instant = e.start.instant + d->days * kDayMs + d->ms;
      e.end.local_date = DateOfDayNumber(ChinaDayOf(e.end.instant));
    } else {
      e.end = e.start;
      if (date) {
        e.end.instant += kDayMs;
        e.end.local_date = DateOfDayNumber(DayNumber(e.start.local_date) + 1);
      }
    }
    e.properties = std::move(c.properties);
    return e;
  }

  const IcsLimits& limits_;
  IcsCalendar calendar_;
  std::vector<OpenComponent> stack_;
  size_t content_lines_ = 0;
  bool done_ = false;
};

}  // namespace

TimeMs IcsTime::LocalTimeOfDay() const {
  return type == IcsValueType::kDate ? 0 : instant - ChinaMidnightOf(DayNumber(local_date));
}

const IcsParameter* IcsProperty::Parameter(std::string_view wanted) const {
  for (const IcsParameter& p : parameters) {
    if (p.name == wanted) return &p;
  }
  return nullptr;
}

const IcsProperty* IcsEvent::Property(std::string_view wanted) const {
  for (const IcsProperty& p : properties) {
    if (p.name == wanted) return &p;
  }
  return nullptr;
}

std::string IcsEvent::Where() const {
  std::string out = "line " + LineText(line);
  if (!uid.empty()) out += " (UID " + internal::Excerpt(uid, 80) + ")";
  return out;
}

Result<std::string> UnescapeIcsText(std::string_view value) {
  std::string out;
  if (auto bad = Unescape(value, out)) return InvalidFile(bad->first, bad->second);
  return out;
}

Result<IcsCalendar> ParseIcs(std::string_view bytes, const IcsLimits& limits) {
  return internal::NoThrow([&]() -> Result<IcsCalendar> { return Parser(limits).Run(bytes); });
}

}  // namespace lz::io
