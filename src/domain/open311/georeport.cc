// Open311 GeoReport v2: status mapping, form and query checks, W3C date-times.
#include "domain/open311/georeport.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include "common/china_time.h"
#include "common/text.h"

namespace lz::open311 {
namespace {

using casework::CaseState;

constexpr CaseState kOpenStates[] = {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched,
                                     CaseState::kHandling, CaseState::kReturned,        CaseState::kArbitration,
                                     CaseState::kReplied};
constexpr CaseState kClosedStates[] = {CaseState::kClosed, CaseState::kArchived, CaseState::kRejected,
                                       CaseState::kMerged};

// The first value of `name`, or "".
std::string First(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// Trims `value`; InvalidArgument naming `field` when it is not UTF-8 or longer than `max` characters.
Status CheckText(std::string& value, const char* field, size_t max) {
  value = text::Trim(value);
  if (!text::IsValidUtf8(value)) return InvalidArgument(std::string(field) + " is not valid UTF-8", field);
  if (text::Utf8Length(value) > max) {
    return InvalidArgument(std::string(field) + " is too long (max " + std::to_string(max) + " characters)", field);
  }
  return Status::Ok();
}

// A decimal number in [-limit, limit]; InvalidArgument naming `field` otherwise.
Result<std::optional<double>> ReadCoordinate(std::string value, const char* field, double limit) {
  value = text::Trim(value);
  if (value.empty()) return std::optional<double>();
  double out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(out) || std::fabs(out) > limit) {
    return InvalidArgument(std::string(field) + " must be a number from " + std::to_string(static_cast<int>(-limit)) +
                               " to " + std::to_string(static_cast<int>(limit)),
                           field);
  }
  return std::optional<double>(out);
}

// Parses exactly `n` digits at `s[i]`, advancing i.
bool Digits(std::string_view s, size_t& i, size_t n, int& out) {
  if (i + n > s.size()) return false;
  out = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  i += n;
  return true;
}

std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    size_t comma = s.find(',');
    std::string part = text::Trim(s.substr(0, comma));
    if (!part.empty()) out.push_back(std::move(part));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

std::string_view StatusOf(CaseState state) {
  for (CaseState s : kClosedStates) {
    if (s == state) return "closed";
  }
  return "open";
}

std::optional<std::vector<CaseState>> StatesOf(std::string_view status) {
  if (status == "open") return std::vector<CaseState>(std::begin(kOpenStates), std::end(kOpenStates));
  if (status == "closed") return std::vector<CaseState>(std::begin(kClosedStates), std::end(kClosedStates));
  return std::nullopt;
}

Result<ServiceRequestForm> ReadServiceRequest(const std::multimap<std::string, std::string>& fields) {
  ServiceRequestForm f;
  f.api_key = text::Trim(First(fields, "api_key"));
  if (f.api_key.empty()) return InvalidArgument("api_key is required", "api_key");
  f.jurisdiction_id = First(fields, "jurisdiction_id");
  RETURN_IF_ERROR(CheckText(f.jurisdiction_id, "jurisdiction_id", 100));
  f.service_code = First(fields, "service_code");
  RETURN_IF_ERROR(CheckText(f.service_code, "service_code", 20));
  if (f.service_code.empty()) return InvalidArgument("service_code is required", "service_code");
  ASSIGN_OR_RETURN(f.lat, ReadCoordinate(First(fields, "lat"), "lat", 90));
  ASSIGN_OR_RETURN(f.lon, ReadCoordinate(First(fields, "long"), "long", 180));
  f.address_string = First(fields, "address_string");
  RETURN_IF_ERROR(CheckText(f.address_string, "address_string", 200));
  f.address_id = First(fields, "address_id");
  RETURN_IF_ERROR(CheckText(f.address_id, "address_id", 100));
  if (f.lat.has_value() != f.lon.has_value()) {
    const char* missing = f.lat ? "long" : "lat";
    return InvalidArgument(std::string(missing) + " is required with " + (f.lat ? "lat" : "long"), missing);
  }
  if (!f.lat && f.address_string.empty() && f.address_id.empty()) {
    return InvalidArgument("a location is required: lat and long, address_string or address_id", "lat");
  }
  f.email = First(fields, "email");
  RETURN_IF_ERROR(CheckText(f.email, "email", 254));
  if (!f.email.empty()) {
    size_t at = f.email.find('@');
    if (at == 0 || at == std::string::npos || at + 1 == f.email.size() || f.email.find('@', at + 1) != std::string::npos ||
        f.email.find_first_of(" \t<>") != std::string::npos) {
      return InvalidArgument("email is not an e-mail address", "email");
    }
  }
  f.device_id = First(fields, "device_id");
  RETURN_IF_ERROR(CheckText(f.device_id, "device_id", 100));
  f.account_id = First(fields, "account_id");
  RETURN_IF_ERROR(CheckText(f.account_id, "account_id", 100));
  f.first_name = First(fields, "first_name");
  RETURN_IF_ERROR(CheckText(f.first_name, "first_name", 25));
  f.last_name = First(fields, "last_name");
  RETURN_IF_ERROR(CheckText(f.last_name, "last_name", 25));
  std::string phone = text::Trim(First(fields, "phone"));
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (c >= '0' && c <= '9') {
      f.phone.push_back(c);
    } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0))) {
      return InvalidArgument("phone may hold only digits, spaces, '-', '(', ')' and a leading '+'", "phone");
    }
  }
  if (!phone.empty() && (f.phone.size() < 5 || f.phone.size() > 20)) {
    return InvalidArgument("phone must have 5 to 20 digits", "phone");
  }
  f.description = First(fields, "description");
  RETURN_IF_ERROR(CheckText(f.description, "description", kMaxDescription));
  f.media_url = First(fields, "media_url");
  RETURN_IF_ERROR(CheckText(f.media_url, "media_url", 1000));
  if (!f.media_url.empty() && !f.media_url.starts_with("https://") && !f.media_url.starts_with("http://")) {
    return InvalidArgument("media_url must be an http or https URL", "media_url");
  }
  return f;
}

Result<RequestsFilter> ReadRequestsFilter(const std::multimap<std::string, std::string>& query, TimeMs now) {
  RequestsFilter f;
  f.numbers = SplitCommas(First(query, "service_request_id"));
  if (f.numbers.size() > static_cast<size_t>(kMaxRequests)) {
    return InvalidArgument("service_request_id lists more than 1000 requests", "service_request_id");
  }
  f.service_code = text::Trim(First(query, "service_code"));
  for (const auto& word : SplitCommas(First(query, "status"))) {
    auto states = StatesOf(word);
    if (!states) return InvalidArgument("status must be open or closed, not " + word, "status");
    f.states.insert(f.states.end(), states->begin(), states->end());
  }
  std::optional<TimeMs> start;
  std::optional<TimeMs> end;
  for (const char* name : {"start_date", "end_date"}) {
    std::string value = text::Trim(First(query, name));
    if (value.empty()) continue;
    auto t = ParseDateTime(value);
    if (!t) return InvalidArgument(std::string(name) + " is not a W3C date-time (e.g. 2026-11-29T08:00:00+08:00)", name);
    (std::string_view(name) == "start_date" ? start : end) = *t;
  }
  if (start && end && *end < *start) return InvalidArgument("end_date is before start_date", "end_date");
  if (start && end && *end - *start > kMaxSpanMs) {
    return InvalidArgument("start_date and end_date may not span more than 90 days", "end_date");
  }
  // The window is half-open; an end_date names the last instant included.
  f.to = end ? *end + 1 : (start ? *start + kMaxSpanMs : now + 1);
  f.from = start ? *start : f.to - kMaxSpanMs;
  return f;
}

std::optional<TimeMs> ParseDateTime(std::string_view s) {
  size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!Digits(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !Digits(s, i, 2, mo) || i >= s.size() ||
      s[i++] != '-' || !Digits(s, i, 2, d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                   std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  if (i == s.size()) return ChinaMidnightOf(DayNumber(date));
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  if (!Digits(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, mi)) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, i, 2, sec)) return std::nullopt;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {  // fractions of a second: ignored
      ++i;
      size_t first = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == first) return std::nullopt;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  if (i >= s.size()) return std::nullopt;  // the zone is required
  TimeMs offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    int sign = s[i++] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!Digits(s, i, 2, oh)) return std::nullopt;
    if (i < s.size() && s[i] == ':') ++i;
    if (!Digits(s, i, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * kHourMs + om * kMinuteMs);
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return DayNumber(date) * kDayMs + h * kHourMs + mi * kMinuteMs + sec * 1000LL - offset;
}

std::string FormatDateTime(TimeMs t) {
  const TimeMs local = t + kChinaUtcOffsetMs;
  const int64_t day = FloorDiv(local, kDayMs);
  const int64_t in_day = local - day * kDayMs;
  const std::chrono::year_month_day date = DateOfDayNumber(day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(in_day / kHourMs), static_cast<int>(in_day / kMinuteMs % 60),
                static_cast<int>(in_day / 1000 % 60));
  return buf;
}

}  // namespace lz::open311
