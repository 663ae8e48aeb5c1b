// AssessmentService: schemes, the month's figures per unit, the ranking and its export.
#include "services/assessment_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/china_time.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/work_calendar.h"
#include "domain/casework/meeting.h"
#include "domain/plan/work_task.h"
#include "io/table.h"
#include "services/unit_scope.h"

namespace lz::services {
namespace {

namespace kpi = engines::kpi;
namespace perm = auth::perm;
using assess::Indicator;

std::string Str(int64_t v) { return std::to_string(v); }

struct Month {
  std::string first, last;  // "YYYY-MM-DD"
  int64_t first_day = 0, last_day = 0;
};

Result<Month> ParseMonth(const std::string& text) {
  auto bad = [&] { return InvalidArgument("the month must be YYYY-MM (2000–2099): " + text, "month"); };
  if (text.size() != 7 || text[4] != '-') return bad();
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return bad();
  }
  const int y = std::stoi(text.substr(0, 4));
  const int m = std::stoi(text.substr(5, 2));
  if (y < 2000 || y > 2099 || m < 1 || m > 12) return bad();
  const calendar::DayRange days = calendar::MonthDays(y, m);
  Month out;
  out.first_day = days.first;
  out.last_day = days.last;
  out.first = calendar::FormatDate(DateOfDayNumber(days.first));
  out.last = calendar::FormatDate(DateOfDayNumber(days.last));
  return out;
}

std::string WeightsDetail(const assess::Weights& w) {
  std::string out;
  for (Indicator i : assess::kIndicators) {
    out += (out.empty() ? "" : " ") + std::string(assess::IndicatorName(i)) + "=" + Str(assess::WeightOf(w, i));
  }
  return out;
}

constexpr const char* kIndicatorEn[assess::kIndicatorCount] = {"On-time completion", "Satisfaction", "Reopen",
                                                               "Tasks on time", "Projects landed"};

// The per-unit figures of the work-plan tasks due in the month.
struct TaskTally {
  int64_t on_time = 0;
  int64_t judged = 0;
};

}  // namespace

Result<std::optional<std::vector<int64_t>>> AssessmentService::ScopeUnits(const Actor& actor) {
  return UnitsInScope(store_, audit_, actor, "assessment.read", "assessment", "the assessment ranks units; your data scope covers none");
}

Result<std::vector<assess::Scheme>> AssessmentService::Schemes(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kAssessRead, "assessment.scheme.list", "assessment_scheme"));
  std::vector<assess::Scheme> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.assessments().All());
    return Status::Ok();
  }));
  return out;
}

Result<assess::Scheme> AssessmentService::Normalised(SchemeInput input) const {
  assess::Scheme s;
  s.name = std::move(input.name);
  s.weights = input.weights;
  s.is_default = input.is_default;
  RETURN_IF_ERROR(assess::NormaliseScheme(s));
  return s;
}

Result<assess::Scheme> AssessmentService::CreateScheme(const Actor& actor, SchemeInput input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kAssessWrite, "assessment.scheme.create", "assessment_scheme"));
  ASSIGN_OR_RETURN(assess::Scheme s, Normalised(std::move(input)));
  s.created_by = actor.user_id;
  s.created_at = s.updated_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(s.id, repos.assessments().Insert(s));
    if (s.is_default) RETURN_IF_ERROR(repos.assessments().ClearDefaultExcept(s.id));
    return audit_.Record(repos, actor, "assessment.scheme.create", "assessment_scheme", Str(s.id),
                         s.name + " " + WeightsDetail(s.weights) + (s.is_default ? " default" : ""));
  }));
  return s;
}

Result<assess::Scheme> AssessmentService::UpdateScheme(const Actor& actor, int64_t id, SchemeInput input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kAssessWrite, "assessment.scheme.update", "assessment_scheme", Str(id)));
  ASSIGN_OR_RETURN(assess::Scheme s, Normalised(std::move(input)));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto stored, repos.assessments().Get(id));
    if (!stored) return NotFound("scheme " + Str(id) + " not found");
    s.id = id;
    s.created_by = stored->created_by;
    s.created_at = stored->created_at;
    s.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(repos.assessments().Update(s));
    if (s.is_default) RETURN_IF_ERROR(repos.assessments().ClearDefaultExcept(s.id));
    return audit_.Record(repos, actor, "assessment.scheme.update", "assessment_scheme", Str(s.id),
                         s.name + " " + WeightsDetail(s.weights) + (s.is_default ? " default" : ""));
  }));
  return s;
}

Status AssessmentService::DeleteScheme(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kAssessWrite, "assessment.scheme.delete", "assessment_scheme", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto stored, repos.assessments().Get(id));
    if (!stored) return NotFound("scheme " + Str(id) + " not found");
    RETURN_IF_ERROR(repos.assessments().Delete(id));
    return audit_.Record(repos, actor, "assessment.scheme.delete", "assessment_scheme", Str(id), stored->name);
  });
}

Result<AssessmentRanking> AssessmentService::Ranking(const Actor& actor, const std::string& month,
                                                     std::optional<int64_t> scheme_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kAssessRead, "assessment.read", "assessment"));
  ASSIGN_OR_RETURN(Month m, ParseMonth(month));
  ASSIGN_OR_RETURN(auto scope_units, ScopeUnits(actor));
  auto in_scope = [&](int64_t unit_id) {
    return unit_id != 0 &&
           (!scope_units || std::binary_search(scope_units->begin(), scope_units->end(), unit_id));
  };
  const TimeMs now = clock_.NowMs();

  AssessmentRanking out;
  out.month = month;
  out.from = m.first;
  out.to = m.last;
  out.as_of = now;
  out.restricted = scope_units.has_value();

  // The case figures by lead unit, the work-plan tasks' taken out.
  kpi::Query q;
  q.from_day = m.first_day;
  q.to_day = m.last_day;
  q.by = kpi::GroupBy::kUnit;
  q.now = now;
  q.filter.unit_ids = scope_units;
  kpi::Query tasks_q = q;
  tasks_q.filter.category_prefix = std::string(plan::kWorkPlanCategory);
  std::map<int64_t, kpi::Figures> cases;
  RETURN_IF_ERROR(kpi_.Read([&](const kpi::KpiEngine& engine) -> Status {
    ASSIGN_OR_RETURN(auto all, engine.Run(q));
    ASSIGN_OR_RETURN(auto of_tasks, engine.Run(tasks_q));
    for (const auto& row : all.rows) cases[row.key.id] += row.figures;
    for (const auto& row : of_tasks.rows) {
      auto& f = cases[row.key.id];
      for (size_t i = 0; i < f.counts.size(); ++i) f.counts[i] -= row.figures.counts[i];
    }
    return Status::Ok();
  }));

  std::map<int64_t, TaskTally> tasks;
  std::vector<storage::UnitLandings> landings;
  std::map<int64_t, std::string> names;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    // The scheme.
    if (scheme_id) {
      ASSIGN_OR_RETURN(auto s, repos.assessments().Get(*scheme_id));
      if (!s) return NotFound("scheme " + Str(*scheme_id) + " not found");
      out.scheme = *s;
    } else {
      ASSIGN_OR_RETURN(auto all, repos.assessments().All());
      auto it = std::find_if(all.begin(), all.end(), [](const assess::Scheme& s) { return s.is_default; });
      if (it != all.end()) {
        out.scheme = *it;
      } else {
        out.scheme.name = std::string(kBuiltinSchemeName);
        out.scheme.weights = assess::kBuiltinWeights;
      }
    }
    // The work-plan tasks due in the month, by owner.
    ASSIGN_OR_RETURN(auto ids, repos.work_tasks().TaskIdsDue(m.first, m.last));
    if (!ids.empty()) {
      ASSIGN_OR_RETURN(auto rows, repos.work_tasks().GetMany(ids));
      storage::CaseQuery cq;
      cq.ids = ids;
      cq.scope = auth::ScopeFilter::All();
      const std::string today = casework::MeetingDateOf(now);
      RETURN_IF_ERROR(repos.cases().ForEach(cq, [&](const casework::Case& c) -> Status {
        auto it = rows.find(c.id);
        if (it == rows.end() || !c.lead_unit_id || !in_scope(*c.lead_unit_id)) return Status::Ok();
        std::optional<std::string> finished_on;
        if (c.replied_at) finished_on = casework::MeetingDateOf(*c.replied_at);
        else if (c.closed_at) finished_on = casework::MeetingDateOf(*c.closed_at);
        switch (plan::StandingOf(it->second, c.state, finished_on, today)) {
          case plan::Standing::kDone:
            ++tasks[*c.lead_unit_id].on_time;
            ++tasks[*c.lead_unit_id].judged;
            break;
          case plan::Standing::kDoneLate:
          case plan::Standing::kOverdue:
            ++tasks[*c.lead_unit_id].judged;
            break;
          case plan::Standing::kOnTrack:
          case plan::Standing::kLagging:
          case plan::Standing::kCancelled:
            break;
        }
        return Status::Ok();
      }));
    }
    ASSIGN_OR_RETURN(landings, repos.investments().LandingsByUnit(m.first, m.last));
    storage::UnitQuery all_units;
    all_units.scope = auth::ScopeFilter::All();
    return repos.units().ForEach(all_units, [&](const org::Unit& u) {
      names[u.id] = u.name;
      return Status::Ok();
    });
  }));

  // Every unit with a figure, in scope.
  std::map<int64_t, assess::UnitFigures> units;
  auto unit = [&](int64_t id) -> assess::UnitFigures& {
    auto [it, added] = units.try_emplace(id);
    if (added) {
      it->second.unit_id = id;
      auto name = names.find(id);
      it->second.unit_name = name != names.end() ? name->second : "#" + Str(id);
    }
    return it->second;
  };
  for (const auto& [id, f] : cases) {
    if (!in_scope(id)) continue;
    if (f[kpi::Counter::kClosed] == 0 && f[kpi::Counter::kRated] == 0 && f[kpi::Counter::kReceived] == 0) continue;
    auto& u = unit(id);
    u.completion_on_time = {f[kpi::Counter::kClosedOnTime], f[kpi::Counter::kClosed]};
    u.satisfaction = {f[kpi::Counter::kSatisfied], f[kpi::Counter::kRated]};
    u.reopen = {f[kpi::Counter::kReopened], f[kpi::Counter::kReceived]};
  }
  for (const auto& [id, t] : tasks) unit(id).tasks_on_time = {t.on_time, t.judged};
  for (const auto& l : landings) {
    if (in_scope(l.unit_id) && l.projects > 0) unit(l.unit_id).projects_landed = l.landed;
  }
  std::vector<assess::UnitFigures> figures;
  figures.reserve(units.size());
  for (auto& [id, u] : units) figures.push_back(std::move(u));
  out.units = assess::Rank(out.scheme.weights, figures);
  return out;
}

Result<SheetFile> AssessmentService::Export(const Actor& actor, const std::string& month,
                                            std::optional<int64_t> scheme_id) {
  ASSIGN_OR_RETURN(AssessmentRanking ranking, Ranking(actor, month, scheme_id));
  io::TableSpec spec;
  spec.name_zh = "考核排名";
  spec.name_en = "Assessment ranking";
  spec.columns.push_back(SheetColumn("rank", "排名", "Rank", io::ColumnType::kInteger));
  spec.columns.push_back(SheetColumn("unit", "单位", "Unit", io::ColumnType::kText));
  spec.columns.push_back(SheetColumn("total", "总分", "Score", io::ColumnType::kDecimal));
  for (Indicator i : assess::kIndicators) {
    const std::string key(assess::IndicatorName(i));
    const std::string zh(assess::IndicatorLabel(i));
    const std::string en = kIndicatorEn[static_cast<size_t>(i)];
    spec.columns.push_back(SheetColumn(key + "_value", zh, en, io::ColumnType::kText));
    spec.columns.push_back(SheetColumn(key + "_score", zh + "得分", en + " score", io::ColumnType::kDecimal));
  }
  std::vector<io::Record> rows;
  for (const auto& u : ranking.units) {
    io::Record r;
    r["rank"] = int64_t{u.rank};
    r["unit"] = u.unit_name;
    r["total"] = int64_t{u.total};
    for (Indicator i : assess::kIndicators) {
      const size_t k = static_cast<size_t>(i);
      const std::string key(assess::IndicatorName(i));
      if (!u.scores[k]) {
        r[key + "_value"] = std::string("—");
        continue;
      }
      r[key + "_value"] = Str(u.values[k].numerator) + "/" + Str(u.values[k].denominator);
      r[key + "_score"] = int64_t{*u.scores[k]};
    }
    rows.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(auto bytes, io::Export(spec, rows, io::Format::kXlsx));
  return SheetFileOf("考核排名_" + ranking.month + "_" + ranking.scheme.name, io::Format::kXlsx, std::move(bytes));
}

}  // namespace lz::services
