// Field service for enterprises: roles, channels, visit fields, funds and periods.
#include "domain/casework/field_service.h"

#include "domain/field_text.h"

#include <chrono>
#include <limits>
#include <set>

#include "common/china_time.h"
#include "common/enum_names.h"
#include "common/text.h"
#include "domain/casework/meeting.h"

namespace lz::casework {
namespace {

using domain::CheckText;

using N = std::string_view;
constexpr auto kRoleNames = MakeEnumNames<FieldRole>(
    std::pair{FieldRole::kCommissioner, N("commissioner")}, std::pair{FieldRole::kLiaisonOfficer, N("liaison_officer")},
    std::pair{FieldRole::kSupervisor, N("supervisor")}, std::pair{FieldRole::kMonitoringPoint, N("monitoring_point")});
constexpr auto kProgramNames = MakeEnumNames<FieldProgram>(std::pair{FieldProgram::kAll, N("all")},
                                                           std::pair{FieldProgram::kCommissioner, N("commissioner")},
                                                           std::pair{FieldProgram::kLiaison, N("liaison")});

constexpr size_t kMaxSummary = 2000;
constexpr size_t kMaxHelp = 2000;
constexpr size_t kMaxPolicy = 100;

}  // namespace

std::string_view FieldRoleName(FieldRole role) { return kRoleNames.Name(role); }
std::optional<FieldRole> ParseFieldRole(std::string_view name) { return kRoleNames.Parse(name); }

org::PositionKind PositionKindOf(FieldRole role) {
  switch (role) {
    case FieldRole::kCommissioner: return org::PositionKind::kCommissioner;
    case FieldRole::kLiaisonOfficer: return org::PositionKind::kLiaisonOfficer;
    case FieldRole::kSupervisor: return org::PositionKind::kSupervisor;
    case FieldRole::kMonitoringPoint: return org::PositionKind::kMonitoringPoint;
  }
  return org::PositionKind::kCommissioner;
}

std::optional<FieldRole> FieldRoleOf(org::PositionKind kind) {
  switch (kind) {
    case org::PositionKind::kCommissioner: return FieldRole::kCommissioner;
    case org::PositionKind::kLiaisonOfficer: return FieldRole::kLiaisonOfficer;
    case org::PositionKind::kSupervisor: return FieldRole::kSupervisor;
    case org::PositionKind::kMonitoringPoint: return FieldRole::kMonitoringPoint;
    default: return std::nullopt;
  }
}

std::string_view ChannelOf(FieldRole role) {
  return role == FieldRole::kCommissioner ? kCommissionerChannel : kLiaisonChannel;
}

std::string_view FieldProgramName(FieldProgram program) { return kProgramNames.Name(program); }
std::optional<FieldProgram> ParseFieldProgram(std::string_view name) { return kProgramNames.Parse(name); }

std::vector<FieldRole> RolesOf(FieldProgram program) {
  switch (program) {
    case FieldProgram::kCommissioner: return {FieldRole::kCommissioner};
    case FieldProgram::kLiaison: return {FieldRole::kLiaisonOfficer, FieldRole::kSupervisor, FieldRole::kMonitoringPoint};
    case FieldProgram::kAll: break;
  }
  return {FieldRole::kCommissioner, FieldRole::kLiaisonOfficer, FieldRole::kSupervisor, FieldRole::kMonitoringPoint};
}

std::vector<std::string> ChannelsOf(FieldProgram program) {
  switch (program) {
    case FieldProgram::kCommissioner: return {std::string(kCommissionerChannel)};
    case FieldProgram::kLiaison: return {std::string(kLiaisonChannel)};
    case FieldProgram::kAll: break;
  }
  return {std::string(kCommissionerChannel), std::string(kLiaisonChannel)};
}

Result<FieldRole> ServingRole(const ServingFacts& facts, std::optional<FieldRole> requested) {
  auto allowed = [&](FieldRole role) {
    switch (role) {
      case FieldRole::kCommissioner: return facts.commissioner;
      case FieldRole::kMonitoringPoint: return facts.monitoring_point;
      case FieldRole::kLiaisonOfficer: return facts.liaison_officer && facts.in_region;
      case FieldRole::kSupervisor: return facts.supervisor && facts.in_region;
    }
    return false;
  };
  if (requested) {
    if (allowed(*requested)) return *requested;
    return PermissionDenied("you do not serve this enterprise as " + std::string(FieldRoleName(*requested)));
  }
  for (FieldRole role : {FieldRole::kCommissioner, FieldRole::kMonitoringPoint, FieldRole::kLiaisonOfficer,
                         FieldRole::kSupervisor}) {
    if (allowed(role)) return role;
  }
  return PermissionDenied(
      "you do not serve this enterprise: it has another commissioner, or it lies outside your region");
}

Status CheckFunds(int64_t yuan, std::string_view field) {
  if (yuan < 0 || yuan > kMaxVisitFundsYuan) {
    return InvalidArgument("policy funds paid must be whole yuan between 0 and " + std::to_string(kMaxVisitFundsYuan),
                           std::string(field));
  }
  return Status::Ok();
}

Result<int64_t> AddFunds(int64_t total, int64_t add, std::string_view field) {
  int64_t sum = 0;
  if (add < 0 || __builtin_add_overflow(total, add, &sum)) {
    return InvalidArgument("the policy funds do not fit in a 64-bit sum of yuan", std::string(field));
  }
  return sum;
}

Status CheckEnterpriseCategory(std::string_view code, std::string_view field) {
  const std::string trimmed = text::Trim(code);
  if (trimmed.size() < 2 || (trimmed.substr(0, 2) != kEnterpriseServiceCategory &&
                             trimmed.substr(0, 2) != kBusinessEnvironmentCategory)) {
    return InvalidArgument("an enterprise's problem is of a category under 05 企业服务 or 06 营商环境",
                           std::string(field));
  }
  return Status::Ok();
}

Status NormaliseVisit(Visit& visit, std::string_view today) {
  visit.visited_on = text::Trim(visit.visited_on);
  RETURN_IF_ERROR(CheckMeetingDate(visit.visited_on, "visited_on"));
  if (visit.visited_on > today) return InvalidArgument("a visit is recorded on or after its date", "visited_on");
  RETURN_IF_ERROR(CheckText(visit.summary, kMaxSummary, "summary", "the visit's summary", true));
  RETURN_IF_ERROR(CheckText(visit.help_given, kMaxHelp, "help_given", "the help given", false));
  RETURN_IF_ERROR(CheckFunds(visit.funds_paid_yuan, "funds_paid_yuan"));
  if (visit.workers_recruited < 0 || visit.workers_recruited > kMaxVisitWorkers) {
    return InvalidArgument("workers recruited must be a whole number between 0 and " + std::to_string(kMaxVisitWorkers),
                           "workers_recruited");
  }
  std::vector<std::string> policies;
  std::set<std::string> seen;
  for (size_t i = 0; i < visit.policies.size(); ++i) {
    std::string p = visit.policies[i];
    const std::string field = "policies[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckText(p, kMaxPolicy, field, "a policy's name", false));
    if (p.find_first_of("\r\n") != std::string::npos) return InvalidArgument("a policy's name is one line", field);
    if (p.empty() || !seen.insert(p).second) continue;
    policies.push_back(std::move(p));
  }
  if (policies.size() > kMaxPoliciesPerVisit) {
    return InvalidArgument("at most " + std::to_string(kMaxPoliciesPerVisit) + " policies per visit", "policies");
  }
  visit.policies = std::move(policies);
  return Status::Ok();
}

TimeMs LocalMidnightOf(std::string_view date) {
  const auto digits = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (date[i] - '0');
    return v;
  };
  const std::chrono::year_month_day d{std::chrono::year(digits(0, 4)),
                                      std::chrono::month(static_cast<unsigned>(digits(5, 2))),
                                      std::chrono::day(static_cast<unsigned>(digits(8, 2)))};
  return ChinaMidnightOf(DayNumber(d));
}

Status CheckPeriod(const DatePeriod& period) {
  if (!period.from.empty()) RETURN_IF_ERROR(CheckMeetingDate(period.from, "from"));
  if (!period.to.empty()) RETURN_IF_ERROR(CheckMeetingDate(period.to, "to"));
  if (!period.from.empty() && !period.to.empty() && period.to < period.from) {
    return InvalidArgument("the period ends before it begins", "to");
  }
  return Status::Ok();
}

}  // namespace lz::casework
