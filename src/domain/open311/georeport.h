// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the protocol's vocabulary and the
// checks on what a client sends, apart from HTTP and storage (issue 6, point 7). Cases filed this
// way enter the casework loop like any other; what differs is how they are asked for and shown:
// the two-word status (open/closed) read from the twelve states, with the detail in status_notes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/casework/case.h"

namespace lz::open311 {

// "open" while anything remains to be done (a reply waiting for its callback included), "closed"
// once the case is closed, archived, rejected or merged.
std::string_view StatusOf(casework::CaseState state);
// The states an Open311 status stands for; nullopt for any other word.
std::optional<std::vector<casework::CaseState>> StatesOf(std::string_view status);

// The fields of "POST Service Request", as sent (form fields of the same names; `long` is lon).
struct ServiceRequestForm {
  std::string api_key;
  std::string jurisdiction_id;
  std::string service_code;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string address_string;
  std::string address_id;
  std::string email;
  std::string device_id;
  std::string account_id;
  std::string first_name;
  std::string last_name;
  std::string phone;  // digits only once read
  std::string description;
  std::string media_url;
};

inline constexpr size_t kMaxDescription = 4000;  // characters, per the specification

// Reads a POST's fields (the first value of each name; attribute[...] ignored, since no service
// here has metadata). InvalidArgument names the Open311 field: api_key and service_code are
// required; a location is (lat and long together, or address_string, or address_id); lat in
// [-90, 90], long in [-180, 180]; description ≤ 4,000 characters; email with one '@'; phone of
// 5–20 digits once spaces, '-', '(', ')' and a leading '+' are dropped; media_url http(s) only;
// every value valid UTF-8 and within its length.
Result<ServiceRequestForm> ReadServiceRequest(const std::multimap<std::string, std::string>& fields);

// The filters of "GET Service Requests". Without service_request_id the default window is the
// 90 days before `now`; start_date alone reaches 90 days forward, end_date alone 90 days back.
struct RequestsFilter {
  std::vector<std::string> numbers;         // service_request_id (comma-separated); overrides the rest
  std::string service_code;
  std::vector<casework::CaseState> states;  // from status (comma-separated open/closed)
  TimeMs from = 0;                          // requested_datetime ≥ from
  TimeMs to = 0;                            // requested_datetime < to
};
inline constexpr TimeMs kMaxSpanMs = 90 * kDayMs;
inline constexpr int kMaxRequests = 1000;

// Reads the query of GET Service Requests. InvalidArgument names the parameter: a date not in
// W3C format, end before start, a span over 90 days, an unknown status, more than 1,000 ids.
Result<RequestsFilter> ReadRequestsFilter(const std::multimap<std::string, std::string>& query, TimeMs now);

// A W3C / ISO 8601 date-time with a zone ("2026-11-29T08:00:00+08:00", "…Z", fractions allowed),
// or a bare date ("2026-11-29", midnight UTC+8, China's day). nullopt when malformed.
std::optional<TimeMs> ParseDateTime(std::string_view text);
// The instant in UTC+8 with its offset, as the specification asks ("2026-11-29T20:05:00+08:00").
std::string FormatDateTime(TimeMs t);

}  // namespace lz::open311
