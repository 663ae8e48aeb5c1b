// Field service for enterprises (issue 6 points 1 and 4): commissioners (特派员) stationed in key
// enterprises, and the business-environment staff — liaison officers (营商环境联络员) of chambers of
// commerce, supervisors (监督员) and the contacts of the enterprises that serve as monitoring points
// (监测点). They visit enterprises (走访) and record what they explained and did; the problems an
// enterprise raises become cases on the commissioner or liaison channel, on the enterprise's
// record and its chain (the casework engine does the rest).
//
// Rules kept here (pure; dates are passed in):
//  - who serves an enterprise, and in which role (ServingRole): its commissioner, the contact of
//    its monitoring point, or a liaison officer or supervisor whose region covers it;
//  - the channel a role files on (commissioner → commissioner; the others → liaison);
//  - a visit's fields (NormaliseVisit): a date not after today, a summary, the policies explained,
//    the help given, the policy funds paid out (whole yuan, 0 … kMaxVisitFundsYuan) and the
//    workers recruited with the program's help (0 … kMaxVisitWorkers);
//  - a problem's category is an enterprise category (企业服务 05xx or 营商环境 06xx);
//  - sums of funds that would overflow int64 are refused (AddFunds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/org/position.h"

namespace lz::casework {

inline constexpr std::string_view kCommissionerChannel = "commissioner";  // 特派员驻企帮扶
inline constexpr std::string_view kLiaisonChannel = "liaison";            // 营商环境监测
// The catalogue's enterprise categories (data/casework/categories.csv): 企业服务 and 营商环境.
inline constexpr std::string_view kEnterpriseServiceCategory = "05";
inline constexpr std::string_view kBusinessEnvironmentCategory = "06";
// Policy funds one visit may record: 100 billion yuan. Far above any real payment, and low
// enough that the sum of 90 million visits still fits in int64.
inline constexpr int64_t kMaxVisitFundsYuan = 100'000'000'000;
// Workers one visit records as recruited with the program's help (招工).
inline constexpr int64_t kMaxVisitWorkers = 1'000'000;
inline constexpr size_t kMaxPoliciesPerVisit = 30;
inline constexpr size_t kMaxProblemsPerVisit = 20;

// The office in which someone serves an enterprise.
enum class FieldRole { kCommissioner, kLiaisonOfficer, kSupervisor, kMonitoringPoint };
// "commissioner", "liaison_officer", "supervisor", "monitoring_point" (the position kinds' names)
std::string_view FieldRoleName(FieldRole role);
std::optional<FieldRole> ParseFieldRole(std::string_view name);
org::PositionKind PositionKindOf(FieldRole role);
std::optional<FieldRole> FieldRoleOf(org::PositionKind kind);
// The channel a role's problems are filed on: commissioner for commissioners, liaison otherwise.
std::string_view ChannelOf(FieldRole role);

// Which staff a figure or list is about: commissioners (channel commissioner) or the
// business-environment staff (channel liaison), or both.
enum class FieldProgram { kAll, kCommissioner, kLiaison };
std::string_view FieldProgramName(FieldProgram program);  // "all", "commissioner", "liaison"
std::optional<FieldProgram> ParseFieldProgram(std::string_view name);
std::vector<FieldRole> RolesOf(FieldProgram program);
std::vector<std::string> ChannelsOf(FieldProgram program);

// A visit to an enterprise (走访).
struct Visit {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string visited_on;  // local date "YYYY-MM-DD"
  int64_t visitor_user_id = 0;
  FieldRole role = FieldRole::kCommissioner;
  std::string summary;                // what was discussed, 1–2000 characters
  std::vector<std::string> policies;  // the policies explained, each 1–100 characters
  std::string help_given;             // ≤ 2000 characters
  int64_t funds_paid_yuan = 0;        // policy funds paid out, 0 … kMaxVisitFundsYuan
  int64_t workers_recruited = 0;      // workers recruited with the program's help, 0 … kMaxVisitWorkers
  std::vector<int64_t> problem_case_ids;  // the cases raised at the visit, in order
  TimeMs created_at = 0;
  bool operator==(const Visit&) const = default;
};

// What the actor holds towards one enterprise, for ServingRole.
struct ServingFacts {
  bool commissioner = false;      // holds commissioner of this enterprise
  bool monitoring_point = false;  // holds monitoring_point of this enterprise
  bool liaison_officer = false;   // holds any liaison_officer position
  bool supervisor = false;        // holds any supervisor position
  bool in_region = false;         // the enterprise lies in the region of the actor's unit (or scope all)
};

// The role in which the actor serves the enterprise: the requested one when the facts allow it,
// else the first allowed of commissioner, monitoring point, liaison officer, supervisor.
// Liaison officers and supervisors serve the enterprises of their region only. PermissionDenied
// when no role (or not the requested one) is allowed.
Result<FieldRole> ServingRole(const ServingFacts& facts, std::optional<FieldRole> requested);

// Trims and checks a visit's own fields: visited_on a date (2000–2099) not after `today`,
// summary, policies (empty entries dropped, no duplicates, no line breaks), help_given, funds,
// workers recruited.
// InvalidArgument names the field ("visited_on", "policies[2]", "funds_paid_yuan" …).
Status NormaliseVisit(Visit& visit, std::string_view today);
// Funds one visit records: 0 … kMaxVisitFundsYuan. InvalidArgument naming `field`.
Status CheckFunds(int64_t yuan, std::string_view field);
// total + add; InvalidArgument naming `field` when the sum would overflow int64 (or add < 0).
Result<int64_t> AddFunds(int64_t total, int64_t add, std::string_view field);
// A problem's category is in 企业服务 (05…) or 营商环境 (06…). InvalidArgument naming `field`.
Status CheckEnterpriseCategory(std::string_view code, std::string_view field);
// The instant local midnight (UTC+8) begins the date "YYYY-MM-DD" (checked by the caller).
TimeMs LocalMidnightOf(std::string_view date);

// A period of local dates, both included; either end may be open. InvalidArgument naming "to"
// when to is before from, or naming the end that is not a date.
struct DatePeriod {
  std::string from;  // "" = open
  std::string to;    // "" = open
};
Status CheckPeriod(const DatePeriod& period);

}  // namespace lz::casework
