// Implementation of io/internal/values.h.
#include "io/internal/values.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "common/text.h"
#include "io/internal/util.h"

namespace lz::io::internal {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

constexpr std::string_view kNian = "\xE5\xB9\xB4", kYue = "\xE6\x9C\x88", kRi = "\xE6\x97\xA5";  // 年 月 日

std::string Quoted(std::string_view s, Language lang) {
  return lang == Language::kZh ? "“" + Excerpt(s, 30) + "”" : "\"" + Excerpt(s, 30) + "\"";
}

bool AllDigits(std::string_view s) {
  for (char c : s) if (c < '0' || c > '9') return false;
  return true;
}

// Number text as users type it: NFKC (full-width digits), without thousands separators.
std::string NumericText(std::string_view raw) {
  std::string s = Nfkc(text::Trim(raw));
  std::string out;
  out.reserve(s.size());
  for (char c : s) if (c != ',') out.push_back(c);
  return out;
}

enum class FixedError { kNone, kNotNumber, kTooManyDecimals, kOutOfRange };

// "-1234.5" with scale 2 → -123450. More significant decimals than `scale` are refused.
FixedError ParseFixed(std::string_view s, int scale, int64_t& out) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if ((whole.empty() && fraction.empty()) || !AllDigits(whole) || !AllDigits(fraction)) return FixedError::kNotNumber;
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > static_cast<size_t>(scale)) return FixedError::kTooManyDecimals;
  constexpr __int128 kLimit = static_cast<__int128>(std::numeric_limits<int64_t>::max()) + 1;
  __int128 v = 0;
  for (char c : whole) {
    v = v * 10 + (c - '0');
    if (v > kLimit) return FixedError::kOutOfRange;
  }
  for (int k = 0; k < scale; ++k) {
    v = v * 10 + (static_cast<size_t>(k) < fraction.size() ? fraction[static_cast<size_t>(k)] - '0' : 0);
    if (v > kLimit) return FixedError::kOutOfRange;
  }
  if (negative) v = -v;
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) return FixedError::kOutOfRange;
  out = static_cast<int64_t>(v);
  return FixedError::kNone;
}

std::optional<Date> MakeDate(int y, unsigned m, unsigned d) {
  Date date{year{y}, month{m}, day{d}};
  if (!date.ok() || y < 1900 || y > 9999) return std::nullopt;
  return date;
}

// yyyy-mm-dd, yyyy/m/d, yyyy.m.d, yyyy年m月d日 and yyyymmdd; a time after a space or 'T' is ignored.
std::optional<Date> ParseDateText(std::string_view raw) {
  std::string s = Nfkc(text::Trim(raw));
  std::string_view v(s);
  if (size_t cut = v.find_first_of(" T"); cut != std::string_view::npos) v = v.substr(0, cut);
  if (v.size() == 8 && AllDigits(v)) {
    return MakeDate(std::stoi(std::string(v.substr(0, 4))), static_cast<unsigned>(std::stoi(std::string(v.substr(4, 2)))),
                    static_cast<unsigned>(std::stoi(std::string(v.substr(6, 2)))));
  }
  auto take_number = [&](size_t min_digits, size_t max_digits, int& out) {
    size_t n = 0;
    while (n < v.size() && n < max_digits && v[n] >= '0' && v[n] <= '9') ++n;
    if (n < min_digits) return false;
    out = std::stoi(std::string(v.substr(0, n)));
    v.remove_prefix(n);
    return true;
  };
  auto take = [&](std::string_view token) {
    if (v.substr(0, token.size()) != token) return false;
    v.remove_prefix(token.size());
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!take_number(4, 4, y)) return std::nullopt;
  std::string_view second;
  if (take(kNian)) second = kYue;
  else if (take("-")) second = "-";
  else if (take("/")) second = "/";
  else if (take(".")) second = ".";
  else return std::nullopt;
  if (!take_number(1, 2, m) || !take(second) || !take_number(1, 2, d)) return std::nullopt;
  if (second == kYue) take(kRi);
  if (!v.empty()) return std::nullopt;
  return MakeDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string RangeText(const ColumnSpec& c, Language lang) {
  auto show = [&](int64_t v) { return c.type == ColumnType::kDecimal ? FormatDecimal(v, c.scale) : std::to_string(v); };
  std::string out;
  if (c.min) out += "≥ " + show(*c.min);
  if (c.max) out += std::string(out.empty() ? "" : (lang == Language::kZh ? " 且 " : " and ")) + "≤ " + show(*c.max);
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::optional<Value> Refuse(CellProblem& problem, std::string zh, std::string en) {
  problem.zh = std::move(zh);
  problem.en = std::move(en);
  return std::nullopt;
}

std::optional<Value> ConvertText(const ColumnSpec& c, const Cell& cell, Format format, CellProblem& problem) {
  if (cell.type == CellType::kNumber) {
    double d = 0;
    std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), d);
    if (std::fabs(d) >= 1e15) {
      return Refuse(problem,
                    Quoted(cell.text, Language::kZh) + "在 Excel 中是超过 15 位的数字，末尾几位已丢失；请把该列设为“文本”格式后重新输入",
                    Quoted(cell.text, Language::kEn) +
                        " is a number of more than 15 digits in Excel, whose last digits are lost; format the column "
                        "as Text and type it again");
    }
  }
  std::string s = text::Trim(cell.text);
  // Undo Export's guard against formula injection in CSV.
  if (format == Format::kCsv && s.size() >= 2 && s[0] == '\'' && std::string_view("=+-@").find(s[1]) != std::string_view::npos) {
    s.erase(0, 1);
  }
  for (char ch : s) {
    auto u = static_cast<uint8_t>(ch);
    if ((u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || u == 0x7F) {
      return Refuse(problem, "含有不可见的控制字符，请删除后再导入", "contains invisible control characters; remove them");
    }
  }
  size_t length = text::Utf8Length(s);
  if (c.max_chars > 0 && length > c.max_chars) {
    return Refuse(problem,
                  "长度为 " + std::to_string(length) + " 个字符，超过上限 " + std::to_string(c.max_chars) + " 个字符",
                  "has " + std::to_string(length) + " characters; at most " + std::to_string(c.max_chars) + " are allowed");
  }
  return Value(std::move(s));
}

std::optional<Value> ConvertNumber(const ColumnSpec& c, const Cell& cell, CellProblem& problem) {
  const bool decimal = c.type == ColumnType::kDecimal;
  const int scale = decimal ? c.scale : 0;
  int64_t v = 0;
  FixedError e = ParseFixed(NumericText(cell.text), scale, v);
  const std::string dp = std::to_string(scale);
  if (e == FixedError::kNotNumber || (e == FixedError::kTooManyDecimals && !decimal)) {
    if (!decimal) {
      return Refuse(problem, Quoted(cell.text, Language::kZh) + "不是整数；应填写整数，如 120",
                    Quoted(cell.text, Language::kEn) + " is not a whole number; expected a whole number such as 120");
    }
    return Refuse(problem, Quoted(cell.text, Language::kZh) + "不是数字；应填写数字，最多 " + dp + " 位小数，如 " + FormatDecimal(1250, 2),
                  Quoted(cell.text, Language::kEn) + " is not a number; expected a number with at most " + dp +
                      " decimal places such as " + FormatDecimal(1250, 2));
  }
  if (e == FixedError::kTooManyDecimals) {
    return Refuse(problem, Quoted(cell.text, Language::kZh) + "的小数超过 " + dp + " 位；最多 " + dp + " 位小数",
                  Quoted(cell.text, Language::kEn) + " has more than " + dp + " decimal places; at most " + dp + " are allowed");
  }
  if (e == FixedError::kOutOfRange || (c.min && v < *c.min) || (c.max && v > *c.max)) {
    std::string zh_range = RangeText(c, Language::kZh), en_range = RangeText(c, Language::kEn);
    return Refuse(problem,
                  Quoted(cell.text, Language::kZh) + "超出允许范围" + (zh_range.empty() ? "" : "（" + zh_range + "）"),
                  Quoted(cell.text, Language::kEn) + " is outside the allowed range" + (en_range.empty() ? "" : " (" + en_range + ")"));
  }
  return Value(v);
}

std::optional<Value> ConvertDate(const Cell& cell, DateSystem dates, CellProblem& problem) {
  std::optional<Date> date;
  if (cell.type == CellType::kNumber) {
    double serial = 0;
    auto [p, ec] = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), serial);
    if (ec == std::errc()) date = SerialToDate(serial, dates);
  } else {
    date = ParseDateText(cell.text);
  }
  if (!date) {
    return Refuse(problem, Quoted(cell.text, Language::kZh) + "不是有效日期；应按 yyyy-mm-dd 填写，如 2024-05-01",
                  Quoted(cell.text, Language::kEn) + " is not a valid date; expected yyyy-mm-dd such as 2024-05-01");
  }
  return Value(*date);
}

std::optional<Value> ConvertBoolean(const Cell& cell, CellProblem& problem) {
  std::string k = MatchKey(cell.text);
  if (k == "是" || k == "true" || k == "yes" || k == "y" || k == "1") return Value(true);
  if (k == "否" || k == "false" || k == "no" || k == "n" || k == "0") return Value(false);
  return Refuse(problem, Quoted(cell.text, Language::kZh) + "无法识别；应填写“是”或“否”",
                Quoted(cell.text, Language::kEn) + " is not understood; expected 是/否, true/false or 1/0");
}

std::optional<Value> ConvertEnum(const PreparedColumn& c, const Cell& cell, CellProblem& problem) {
  std::string k = MatchKey(cell.text);
  for (const auto& [key, index] : c.option_keys) {
    if (key == k) return Value(c.spec->options[index].value);
  }
  return Refuse(problem, Quoted(cell.text, Language::kZh) + "不是允许的值；可选：" + AllowedValues(*c.spec, Language::kZh),
                Quoted(cell.text, Language::kEn) + " is not an allowed value; choose one of: " + AllowedValues(*c.spec, Language::kEn));
}

}  // namespace

PreparedColumn Prepare(const ColumnSpec& column) {
  PreparedColumn p;
  p.spec = &column;
  for (size_t i = 0; i < column.options.size(); ++i) {
    for (const std::string* label : {&column.options[i].value, &column.options[i].zh, &column.options[i].en}) {
      if (!label->empty()) p.option_keys.emplace_back(MatchKey(*label), i);
    }
  }
  return p;
}

std::optional<Value> ConvertCell(const PreparedColumn& column, const Cell& cell, DateSystem dates, Format format,
                                 CellProblem& problem) {
  const ColumnSpec& c = *column.spec;
  switch (c.type) {
    case ColumnType::kText: return ConvertText(c, cell, format, problem);
    case ColumnType::kInteger:
    case ColumnType::kDecimal: return ConvertNumber(c, cell, problem);
    case ColumnType::kDate: return ConvertDate(cell, dates, problem);
    case ColumnType::kEnum: return ConvertEnum(column, cell, problem);
    case ColumnType::kBoolean: return ConvertBoolean(cell, problem);
  }
  return Refuse(problem, "列类型未知", "unknown column type");
}

std::optional<std::string> FormatValue(const ColumnSpec& column, const Value& value, Language language) {
  if (std::holds_alternative<std::monostate>(value)) return std::string();
  switch (column.type) {
    case ColumnType::kText:
      if (const auto* s = std::get_if<std::string>(&value)) return *s;
      return std::nullopt;
    case ColumnType::kInteger:
      if (const auto* v = std::get_if<int64_t>(&value)) return std::to_string(*v);
      return std::nullopt;
    case ColumnType::kDecimal:
      if (const auto* v = std::get_if<int64_t>(&value)) return FormatDecimal(*v, column.scale);
      return std::nullopt;
    case ColumnType::kDate:
      if (const auto* d = std::get_if<Date>(&value); d && d->ok()) return FormatDate(*d);
      return std::nullopt;
    case ColumnType::kBoolean:
      if (const auto* b = std::get_if<bool>(&value)) return BooleanLabel(*b, language);
      return std::nullopt;
    case ColumnType::kEnum:
      if (const auto* s = std::get_if<std::string>(&value)) {
        for (const auto& o : column.options) {
          if (o.value == *s) return language == Language::kZh ? (o.zh.empty() ? o.value : o.zh) : (o.en.empty() ? o.value : o.en);
        }
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::string FormatDecimal(int64_t units, int scale) {
  uint64_t magnitude = units < 0 ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
  std::string digits = std::to_string(magnitude);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return units < 0 ? "-" + digits : digits;
}

std::string FormatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

int64_t DateToSerial(const Date& d) {
  constexpr Date kEpoch{year{1899}, month{12}, day{30}};
  int64_t serial = (sys_days(d) - sys_days(kEpoch)).count();
  if (d < Date{year{1900}, month{3}, day{1}}) --serial;  // Excel counts a 1900-02-29 that never was
  return serial;
}

std::optional<Date> SerialToDate(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return std::nullopt;
  auto days = static_cast<int64_t>(std::floor(serial));
  Date d;
  if (system == DateSystem::k1904) {
    d = Date(sys_days(Date{year{1904}, month{1}, day{1}}) + std::chrono::days{days});
  } else if (days == 60) {
    return std::nullopt;  // Excel's 1900-02-29
  } else {
    Date epoch = days < 60 ? Date{year{1899}, month{12}, day{31}} : Date{year{1899}, month{12}, day{30}};
    d = Date(sys_days(epoch) + std::chrono::days{days});
  }
  if (!d.ok() || d.year() > year{9999}) return std::nullopt;
  return d;
}

std::string BooleanLabel(bool v, Language language) {
  if (language == Language::kZh) return v ? "是" : "否";
  return v ? "true" : "false";
}

std::string TypeDescription(const ColumnSpec& c, Language lang) {
  const bool zh = lang == Language::kZh;
  switch (c.type) {
    case ColumnType::kText: return zh ? "文本" : "text";
    case ColumnType::kInteger: return zh ? "整数" : "whole number";
    case ColumnType::kDecimal:
      return zh ? "数字，最多 " + std::to_string(c.scale) + " 位小数"
                : "number, at most " + std::to_string(c.scale) + " decimal places";
    case ColumnType::kDate: return zh ? "日期 yyyy-mm-dd" : "date yyyy-mm-dd";
    case ColumnType::kEnum: return zh ? "选项" : "one of the allowed values";
    case ColumnType::kBoolean: return zh ? "是/否" : "yes/no";
  }
  return {};
}

std::string AllowedValues(const ColumnSpec& c, Language lang) {
  const bool zh = lang == Language::kZh;
  switch (c.type) {
    case ColumnType::kEnum: {
      std::vector<std::string> labels;
      for (const auto& o : c.options) {
        const std::string& label = zh ? o.zh : o.en;
        labels.push_back(label.empty() ? o.value : label);
      }
      return Join(labels, zh ? "、" : ", ");
    }
    case ColumnType::kBoolean: return zh ? "是、否" : "true, false (是, 否)";
    case ColumnType::kInteger:
    case ColumnType::kDecimal: return RangeText(c, lang);
    case ColumnType::kDate: return zh ? "如 2024-05-01" : "e.g. 2024-05-01";
    case ColumnType::kText: return {};
  }
  return {};
}

}  // namespace lz::io::internal
