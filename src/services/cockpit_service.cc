// CockpitService: scope, the engines' figures and the grouped SQL, summed per chain and city.
#include "services/cockpit_service.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "common/china_time.h"
#include "common/enum_names.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/work_calendar.h"
#include "engines/graph/analysis.h"
#include "engines/kpi/kpi_engine.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace kpi = engines::kpi;
namespace inv = investment;

constexpr auto N = [](const char* s) { return std::string_view(s); };
constexpr auto kScopeNames = MakeEnumNames<CockpitScope>(std::pair{CockpitScope::kCity, N("city")},
                                                         std::pair{CockpitScope::kChainLeader, N("chain_leader")});
constexpr int kFirstYear = 2000, kLastYear = 2099;

std::string Str(int64_t v) { return std::to_string(v); }

int YearOf(TimeMs t) { return static_cast<int>(calendar::ChinaDate(t).year()); }

std::string DateText(int64_t day) { return calendar::FormatDate(DateOfDayNumber(day)); }

// Adds with saturation at INT64_MAX (amounts are ≤ 10^15 each, so only absurd data reaches it).
int64_t Add(int64_t a, int64_t b) { return a > INT64_MAX - b ? INT64_MAX : a + b; }

void Accumulate(CockpitFigures& into, const CockpitFigures& f) {
  ChainHealthFigures& h = into.health;
  h.segment_count += f.health.segment_count;
  h.covered_count += f.health.covered_count;
  h.breakpoint_count += f.health.breakpoint_count;
  h.leak_count += f.health.leak_count;
  h.local_enterprise_count += f.health.local_enterprise_count;
  h.local_revenue = Add(h.local_revenue, f.health.local_revenue);
  h.target_revenue = Add(h.target_revenue, f.health.target_revenue);
  PipelineFigures& p = into.projects;
  for (size_t i = 0; i < p.by_stage.size(); ++i) {
    p.by_stage[i].count += f.projects.by_stage[i].count;
    p.by_stage[i].agreed_amount = Add(p.by_stage[i].agreed_amount, f.projects.by_stage[i].agreed_amount);
    p.by_stage[i].paid_in_amount = Add(p.by_stage[i].paid_in_amount, f.projects.by_stage[i].paid_in_amount);
  }
  p.signed_count += f.projects.signed_count;
  p.signed_amount = Add(p.signed_amount, f.projects.signed_amount);
  p.signing_target = Add(p.signing_target, f.projects.signing_target);
  for (size_t m = 0; m < p.signed_by_month.size(); ++m) {
    p.signed_by_month[m].count += f.projects.signed_by_month[m].count;
    p.signed_by_month[m].amount = Add(p.signed_by_month[m].amount, f.projects.signed_by_month[m].amount);
  }
  into.events.count += f.events.count;
  into.events.invited += f.events.invited;
  into.events.projects_signed += f.events.projects_signed;
  into.events.amount_signed = Add(into.events.amount_signed, f.events.amount_signed);
  into.cases += f.cases;
  into.tasks.open += f.tasks.open;
  into.tasks.overdue += f.tasks.overdue;
}

CockpitFigures EmptyFigures() {
  CockpitFigures f;
  for (inv::Stage s : inv::AllStages()) f.projects.by_stage[static_cast<size_t>(s)].stage = s;
  for (int m = 1; m <= 12; ++m) f.projects.signed_by_month[static_cast<size_t>(m - 1)].month = m;
  return f;
}

}  // namespace

std::string_view CockpitScopeName(CockpitScope scope) { return kScopeNames.Name(scope); }

double ChainHealthFigures::Completeness() const {
  return segment_count == 0 ? 0.0 : static_cast<double>(covered_count) / static_cast<double>(segment_count);
}

Result<CockpitScope> CockpitService::ScopeOf(storage::Repositories& repos, const Actor& actor,
                                             std::vector<int64_t>& led) {
  if (actor.Has(perm::kCockpitRead)) return CockpitScope::kCity;
  if (actor.user_id != 0) {
    storage::PositionQuery q;
    q.user_id = actor.user_id;  // every position held (a context type alone would need its ref too)
    q.scope = auth::ScopeFilter::All();
    q.page = storage::PageRequest{1, storage::PageRequest::kMaxPageSize};
    ASSIGN_OR_RETURN(auto held, repos.positions().List(q));
    for (const auto& p : held.items) {
      if (p.context_type != org::ContextType::kChain) continue;
      if (p.kind != org::PositionKind::kChainLeader && p.kind != org::PositionKind::kDeputyChainLeader) continue;
      // A chain position names its chain by id; anything else leads nothing.
      int64_t chain_id = 0;
      const char* end = p.context_ref.data() + p.context_ref.size();
      auto [at, error] = std::from_chars(p.context_ref.data(), end, chain_id);
      if (error == std::errc() && at == end) led.push_back(chain_id);
    }
  }
  if (led.empty()) return Status(StatusCode::kPermissionDenied, "the cockpit is for the city's leaders and chain leaders");
  return CockpitScope::kChainLeader;
}

Result<Cockpit> CockpitService::View(const Actor& actor, const CockpitQuery& query) {
  constexpr std::string_view kAction = "cockpit.view";
  const TimeMs now = clock_.NowMs();
  Cockpit out;
  out.as_of = now;
  out.year = query.year == 0 ? YearOf(now) : query.year;
  if (out.year < kFirstYear || out.year > kLastYear) {
    return InvalidArgument("the year is between 2000 and 2099", "year");
  }
  if (query.first_month < 1 || query.last_month > 12 || query.first_month > query.last_month) {
    return InvalidArgument("the months run from 1 to 12, the first not after the last", "month");
  }
  out.first_month = query.first_month;
  out.last_month = query.last_month;
  const int64_t first_day = calendar::MonthDays(out.year, out.first_month).first;
  const int64_t last_day = calendar::MonthDays(out.year, out.last_month).last;
  std::vector<int64_t> led;
  Status denied;
  std::map<int64_t, CockpitFigures> by_chain;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    auto scope = ScopeOf(repos, actor, led);
    if (!scope.ok()) {
      denied = scope.status();
      return scope.status();
    }
    out.scope = *scope;
    ASSIGN_OR_RETURN(auto chains, repos.chains().All());
    std::sort(chains.begin(), chains.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::sort(led.begin(), led.end());
    for (const auto& c : chains) {
      const bool mine = out.scope == CockpitScope::kCity || std::binary_search(led.begin(), led.end(), c.id);
      if (!mine || (query.chain_id && *query.chain_id != c.id)) continue;
      CockpitChain row;
      row.chain_id = c.id;
      row.name = c.name;
      row.region_name = c.region_name;
      row.lead_unit_name = c.lead_unit_name;
      row.example = c.example;
      row.figures = EmptyFigures();
      row.figures.health.target_revenue = c.target_revenue;
      row.figures.health.target_year = c.target_year;
      out.chains.push_back(std::move(row));
    }
    if (query.chain_id && out.chains.empty()) {
      return Status(StatusCode::kNotFound, "chain " + Str(*query.chain_id) + " is not in your cockpit", "chain_id");
    }
    for (const auto& row : out.chains) by_chain[row.chain_id] = row.figures;
    auto at = [&](int64_t chain_id) -> CockpitFigures* {
      auto it = by_chain.find(chain_id);
      return it == by_chain.end() ? nullptr : &it->second;
    };
    ASSIGN_OR_RETURN(auto stages, repos.investments().StageFigures());
    for (const auto& s : stages) {
      if (CockpitFigures* f = at(s.chain_id)) {
        StageFigures& col = f->projects.by_stage[static_cast<size_t>(s.stage)];
        col.count = s.count;
        col.agreed_amount = s.agreed_amount;
        col.paid_in_amount = s.paid_in_amount;
      }
    }
    ASSIGN_OR_RETURN(auto months, repos.investments().SignedByMonth(out.year));
    for (const auto& m : months) {
      CockpitFigures* f = at(m.chain_id);
      if (!f || m.month < 1 || m.month > 12) continue;
      f->projects.signed_by_month[static_cast<size_t>(m.month - 1)].count = m.count;
      f->projects.signed_by_month[static_cast<size_t>(m.month - 1)].amount = m.agreed_amount;
      if (m.month < out.first_month || m.month > out.last_month) continue;
      f->projects.signed_count += m.count;
      f->projects.signed_amount = Add(f->projects.signed_amount, m.agreed_amount);
    }
    ASSIGN_OR_RETURN(auto targets, repos.investments().SigningTargets(out.year));
    for (const auto& t : targets) {
      if (CockpitFigures* f = at(t.chain_id)) f->projects.signing_target = t.amount;
    }
    storage::EventFigureQuery held;
    held.year = out.year;
    held.held_from = DateText(first_day);
    held.held_to = DateText(last_day);
    ASSIGN_OR_RETURN(auto events, repos.investments().EventFigures(held));
    for (const auto& e : events) {
      CockpitFigures* f = e.chain_id ? at(*e.chain_id) : nullptr;
      if (!f) continue;
      f->events.count += e.events;
      f->events.invited += e.invited;
      f->events.projects_signed += e.projects_signed;
      f->events.amount_signed = Add(f->events.amount_signed, e.amount_signed);
    }
    ASSIGN_OR_RETURN(auto tasks, repos.work_tasks().OpenByChain(now));
    for (const auto& t : tasks) {
      CockpitFigures* f = t.chain_id ? at(*t.chain_id) : nullptr;
      if (!f) continue;
      f->tasks.open = t.open;
      f->tasks.overdue = t.overdue;
    }
    return Status::Ok();
  });
  if (!denied.ok()) return audit_.Deny(actor, kAction, "cockpit", "", denied);
  RETURN_IF_ERROR(st);

  // The engines: chain health and the year's cases, grouped by chain.
  RETURN_IF_ERROR(graph_.Read([&](const engines::graph::ChainGraph& graph) -> Status {
    const engines::graph::GapOptions gap{config_.leak_threshold};
    for (auto& [chain_id, f] : by_chain) {
      auto summary = engines::graph::Summary(graph, chain_id, gap);
      if (!summary.ok()) {
        if (summary.status().code() == StatusCode::kNotFound) continue;  // created after the engine's last change
        return summary.status();
      }
      f.health.segment_count = summary->segment_count;
      f.health.covered_count = summary->completeness.overall.covered_count;
      f.health.breakpoint_count = summary->breakpoint_count;
      f.health.leak_count = summary->leak_count;
      f.health.local_enterprise_count = summary->local_enterprise_count;
      f.health.local_revenue = summary->local_revenue;
    }
    return Status::Ok();
  }));
  RETURN_IF_ERROR(kpi_.Read([&](const kpi::KpiEngine& engine) -> Status {
    kpi::Query q;
    q.from_day = first_day;
    q.to_day = last_day;
    q.by = kpi::GroupBy::kChain;
    q.now = now;
    if (by_chain.size() == 1) q.filter.chain_id = by_chain.begin()->first;
    ASSIGN_OR_RETURN(kpi::Report report, engine.Run(q));
    for (const auto& row : report.rows) {
      auto it = by_chain.find(row.key.id);
      if (it != by_chain.end()) it->second.cases = row.figures;
    }
    return Status::Ok();
  }));

  out.total = EmptyFigures();
  for (auto& row : out.chains) {
    row.figures = by_chain[row.chain_id];
    Accumulate(out.total, row.figures);
  }
  return out;
}

Result<CockpitReport> CockpitService::MonthlyReport(const Actor& actor, int year, int month,
                                                   std::optional<int64_t> chain_id) {
  if (month < 1 || month > 12) return InvalidArgument("the month is between 1 and 12", "month");
  CockpitReport out;
  ASSIGN_OR_RETURN(out.month_view, View(actor, {year, chain_id, month, month}));
  ASSIGN_OR_RETURN(out.year_view, View(actor, {year, chain_id, 1, month}));
  out.year = out.year_view.year;
  out.month = month;
  out.generated_on = DateText(ChinaDayOf(clock_.NowMs()));
  for (size_t i = 0; i < out.year_view.chains.size(); ++i) {
    const std::string& region = out.year_view.chains[i].region_name;
    if (i == 0) out.region_name = region;
    else if (out.region_name != region) out.region_name.clear();
  }
  return out;
}

Status CockpitService::SetSigningTarget(const Actor& actor, const SigningTargetInput& in) {
  constexpr std::string_view kAction = "chain.signing_target";
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, kAction, "chain", Str(in.chain_id)));
  if (in.year < kFirstYear || in.year > kLastYear) return InvalidArgument("the year is between 2000 and 2099", "year");
  RETURN_IF_ERROR(inv::CheckAmount(in.amount, "amount"));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto chain, repos.chains().Get(in.chain_id));
    if (!chain) return Status(StatusCode::kNotFound, "chain " + Str(in.chain_id) + " not found", "chain_id");
    storage::SigningTarget t{in.chain_id, in.year, in.amount, actor.user_id, clock_.NowMs()};
    RETURN_IF_ERROR(repos.investments().SetSigningTarget(t));
    return audit_.Record(repos, actor, kAction, "chain", Str(in.chain_id),
                         chain->name + " " + std::to_string(in.year) + "年签约目标 " +
                             (in.amount == 0 ? std::string("清除") : std::to_string(in.amount) + "元"));
  });
}

}  // namespace lz::services
