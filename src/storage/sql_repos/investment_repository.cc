// Investment projects and promotion events in SQL (migration 0011): investment_projects with
// their append-only project_stage_changes, and promotion_events with their organising units and
// invited firms. Lists join the investor, chain, segment, event and unit for display; an event's
// figures sum the agreed amounts of its projects at 签约 or later; the per-year-and-chain figures
// are two GROUP BYs (events; signed projects) merged here, so no event is counted twice.
#include <algorithm>
#include <map>
#include <tuple>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using investment::EventFigures;
using investment::Project;
using investment::PromotionEvent;
using investment::StageChange;

// The stages counted as signed, for SQL: stage IN (...).
constexpr const char* kSignedStages = "('signed', 'started', 'funded', 'producing')";

constexpr const char* kProjectColumns =
    "p.id, p.name, p.investor_id, p.chain_id, p.segment_id, p.purpose, p.agreed_amount, p.paid_in_amount, p.stage, "
    "p.stage_on, p.signed_on, p.event_id, p.unit_id, p.contact, p.note, p.created_by, p.created_at, p.updated_at, "
    "e.name, e.credit_code, ch.name, sg.name, ev.name, u.name";
constexpr const char* kProjectFrom =
    " FROM investment_projects p JOIN enterprises e ON e.id = p.investor_id JOIN chains ch ON ch.id = p.chain_id "
    "JOIN segments sg ON sg.id = p.segment_id LEFT JOIN promotion_events ev ON ev.id = p.event_id "
    "JOIN units u ON u.id = p.unit_id";

Project ProjectFromRow(const Row& row) {
  Project p;
  p.id = row.Int(0);
  p.name = row.Text(1);
  p.investor_id = row.Int(2);
  p.chain_id = row.Int(3);
  p.segment_id = row.Int(4);
  // The CHECK constraints keep both names valid.
  p.purpose = investment::ParsePurpose(row.Text(5)).value_or(investment::Purpose::kChainFill);
  p.agreed_amount = row.Int(6);
  p.paid_in_amount = row.Int(7);
  p.stage = investment::ParseStage(row.Text(8)).value_or(investment::Stage::kLead);
  p.stage_on = row.Text(9);
  p.signed_on = row.Text(10);
  p.event_id = row.OptInt(11);
  p.unit_id = row.Int(12);
  p.contact = row.Text(13);
  p.note = row.Text(14);
  p.created_by = row.Int(15);
  p.created_at = row.Int(16);
  p.updated_at = row.Int(17);
  p.investor_name = row.Text(18);
  p.investor_credit_code = row.Text(19);
  p.chain_name = row.Text(20);
  p.segment_name = row.Text(21);
  p.event_name = row.OptText(22).value_or("");
  p.unit_name = row.Text(23);
  return p;
}

std::string ProjectWhere(const ProjectQuery& q, std::vector<Value>& params) {
  std::string where = " WHERE 1 = 1";
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("p.name") + " OR " + ContainsCondition("e.name") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  const std::pair<const std::optional<int64_t>*, const char*> ids[] = {
      {&q.chain_id, "p.chain_id"}, {&q.segment_id, "p.segment_id"}, {&q.investor_id, "p.investor_id"},
      {&q.event_id, "p.event_id"}};
  for (const auto& [value, column] : ids) {
    if (!*value) continue;
    where += std::string(" AND ") + column + " = ?";
    params.emplace_back(**value);
  }
  if (!q.stages.empty()) {
    std::vector<Value> names;
    for (auto s : q.stages) names.emplace_back(std::string(investment::StageName(s)));
    AppendIn("p.stage", names, where, params);
  }
  if (q.purpose) {
    where += " AND p.purpose = ?";
    params.emplace_back(std::string(investment::PurposeName(*q.purpose)));
  }
  if (!q.signed_from.empty()) {
    where += " AND p.signed_on <> '' AND p.signed_on >= ?";
    params.emplace_back(q.signed_from);
  }
  if (!q.signed_to.empty()) {
    where += " AND p.signed_on <> '' AND p.signed_on <= ?";
    params.emplace_back(q.signed_to);
  }
  AppendScope(q.scope, "p.unit_id", "u.path", "p.created_by", where, params);
  return where;
}

std::vector<Value> ProjectValues(const Project& p) {
  return {p.name,
          p.investor_id,
          p.chain_id,
          p.segment_id,
          std::string(investment::PurposeName(p.purpose)),
          p.agreed_amount,
          p.paid_in_amount,
          std::string(investment::StageName(p.stage)),
          p.stage_on,
          p.signed_on,
          sql::Nullable(p.event_id),
          p.unit_id,
          p.contact,
          p.note,
          p.updated_at};
}

constexpr const char* kEventColumns =
    "ev.id, ev.name, ev.held_on, ev.city, ev.chain_id, ev.invited_count, ev.note, ev.created_by, ev.created_at, "
    "ev.updated_at, ch.name, "
    "(SELECT COUNT(*) FROM investment_projects p WHERE p.event_id = ev.id AND p.stage IN ('signed', 'started', "
    "'funded', 'producing')), "
    "(SELECT COALESCE(CAST(SUM(p.agreed_amount) AS BIGINT), 0) FROM investment_projects p WHERE p.event_id = ev.id "
    "AND p.stage IN ('signed', 'started', 'funded', 'producing'))";
constexpr const char* kEventFrom = " FROM promotion_events ev LEFT JOIN chains ch ON ch.id = ev.chain_id";

PromotionEvent EventFromRow(const Row& row) {
  PromotionEvent e;
  e.id = row.Int(0);
  e.name = row.Text(1);
  e.held_on = row.Text(2);
  e.city = row.Text(3);
  e.chain_id = row.OptInt(4);
  e.invited_count = row.Int(5);
  e.note = row.Text(6);
  e.created_by = row.Int(7);
  e.created_at = row.Int(8);
  e.updated_at = row.Int(9);
  e.chain_name = row.OptText(10).value_or("");
  e.projects_signed = row.Int(11);
  e.amount_signed = row.Int(12);
  return e;
}

// " AND <column> within the year" for a year other than 0.
void AppendYear(int year, const std::string& column, std::string& where, std::vector<Value>& params) {
  if (year == 0) return;
  const std::string y = std::to_string(year);
  where += " AND " + column + " >= ? AND " + column + " <= ?";
  params.emplace_back(y + "-01-01");
  params.emplace_back(y + "-12-31");
}

}  // namespace

Result<int64_t> SqlInvestmentRepository::InsertProject(const Project& p) {
  std::vector<Value> values = ProjectValues(p);
  values.emplace_back(p.created_by);
  values.emplace_back(p.created_at);
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO investment_projects (name, investor_id, chain_id, segment_id, "
                                        "purpose, agreed_amount, paid_in_amount, stage, stage_on, signed_on, event_id, "
                                        "unit_id, contact, note, updated_at, created_by, created_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        values));
  if (!id) return Internal("the project's id was not returned");
  return *id;
}

Status SqlInvestmentRepository::UpdateProject(const Project& p) {
  std::vector<Value> values = ProjectValues(p);
  values.emplace_back(p.id);
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE investment_projects SET name = ?, investor_id = ?, chain_id = ?, "
                                   "segment_id = ?, purpose = ?, agreed_amount = ?, paid_in_amount = ?, stage = ?, "
                                   "stage_on = ?, signed_on = ?, event_id = ?, unit_id = ?, contact = ?, note = ?, "
                                   "updated_at = ? WHERE id = ?",
                                   values));
  if (n == 0) return NotFound("project " + std::to_string(p.id) + " not found");
  return Status::Ok();
}

Result<std::optional<Project>> SqlInvestmentRepository::GetProject(int64_t id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(std::string("SELECT ") + kProjectColumns + kProjectFrom + " WHERE p.id = ?", {id}));
  if (rows.empty()) return std::optional<Project>();
  return std::optional<Project>(ProjectFromRow(rows.front()));
}

Result<PageOf<Project>> SqlInvestmentRepository::Projects(const ProjectQuery& q) {
  std::vector<Value> params;
  std::string where = ProjectWhere(q, params);
  return QueryPage<Project>(c_, kProjectFrom, std::string("SELECT ") + kProjectColumns + kProjectFrom, where,
                            std::move(params), "p.stage_on DESC, p.id DESC", q.page, ProjectFromRow);
}

Status SqlInvestmentRepository::ForEachProject(const ProjectQuery& q,
                                               const std::function<Status(const Project&)>& sink) {
  std::vector<Value> params;
  std::string where = ProjectWhere(q, params);
  return ForEachInKeyOrder(c_, kProjectColumns, std::string(kProjectFrom) + where, std::move(params), {"p.id"},
                           [&](const Row& row) { return sink(ProjectFromRow(row)); });
}

Result<int64_t> SqlInvestmentRepository::AppendStageChange(const StageChange& s) {
  const std::optional<std::string> from =
      s.from ? std::optional<std::string>(std::string(investment::StageName(*s.from))) : std::nullopt;
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO project_stage_changes (project_id, from_stage, to_stage, "
                                        "moved_on, reason, moved_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                        "RETURNING id",
                                        {s.project_id, sql::Nullable(from), std::string(investment::StageName(s.to)),
                                         s.on, s.reason, s.by, s.at}));
  if (!id) return Internal("the stage change's id was not returned");
  return *id;
}

Result<std::vector<StageChange>> SqlInvestmentRepository::StageHistory(int64_t project_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT h.id, h.project_id, h.from_stage, h.to_stage, h.moved_on, h.reason, "
                                       "h.moved_by, h.recorded_at, us.name FROM project_stage_changes h "
                                       "LEFT JOIN users us ON us.id = h.moved_by WHERE h.project_id = ? ORDER BY h.id",
                                       {project_id}));
  std::vector<StageChange> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    StageChange s;
    s.id = row.Int(0);
    s.project_id = row.Int(1);
    if (auto from = row.OptText(2)) s.from = investment::ParseStage(*from);
    s.to = investment::ParseStage(row.Text(3)).value_or(investment::Stage::kLead);
    s.on = row.Text(4);
    s.reason = row.Text(5);
    s.by = row.Int(6);
    s.at = row.Int(7);
    s.by_name = row.OptText(8).value_or("");
    out.push_back(std::move(s));
  }
  return out;
}

Status SqlInvestmentRepository::SaveEventRelations(const PromotionEvent& e) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM promotion_event_units WHERE event_id = ?", {e.id}).status());
  RETURN_IF_ERROR(c_.Exec("DELETE FROM promotion_event_firms WHERE event_id = ?", {e.id}).status());
  for (size_t i = 0; i < e.unit_ids.size(); ++i) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO promotion_event_units (event_id, unit_id, position) VALUES (?, ?, ?)",
                            {e.id, e.unit_ids[i], static_cast<int64_t>(i)})
                        .status());
  }
  for (size_t i = 0; i < e.invited_firms.size(); ++i) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO promotion_event_firms (event_id, position, name) VALUES (?, ?, ?)",
                            {e.id, static_cast<int64_t>(i), e.invited_firms[i]})
                        .status());
  }
  return Status::Ok();
}

Status SqlInvestmentRepository::LoadEventUnits(PromotionEvent& e) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT eu.unit_id, u.name FROM promotion_event_units eu JOIN units u ON "
                                       "u.id = eu.unit_id WHERE eu.event_id = ? ORDER BY eu.position",
                                       {e.id}));
  e.unit_ids.clear();
  e.unit_names.clear();
  for (const auto& row : rows) {
    e.unit_ids.push_back(row.Int(0));
    e.unit_names.push_back(row.Text(1));
  }
  return Status::Ok();
}

Result<int64_t> SqlInvestmentRepository::InsertEvent(const PromotionEvent& e) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO promotion_events (name, held_on, city, chain_id, invited_count, "
                                        "note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                        "RETURNING id",
                                        {e.name, e.held_on, e.city, sql::Nullable(e.chain_id), e.invited_count, e.note,
                                         e.created_by, e.created_at, e.updated_at}));
  if (!id) return Internal("the event's id was not returned");
  PromotionEvent saved = e;
  saved.id = *id;
  RETURN_IF_ERROR(SaveEventRelations(saved));
  return *id;
}

Status SqlInvestmentRepository::UpdateEvent(const PromotionEvent& e) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE promotion_events SET name = ?, held_on = ?, city = ?, chain_id = ?, "
                                   "invited_count = ?, note = ?, updated_at = ? WHERE id = ?",
                                   {e.name, e.held_on, e.city, sql::Nullable(e.chain_id), e.invited_count, e.note,
                                    e.updated_at, e.id}));
  if (n == 0) return NotFound("event " + std::to_string(e.id) + " not found");
  return SaveEventRelations(e);
}

Status SqlInvestmentRepository::DeleteEvent(int64_t id) {
  ASSIGN_OR_RETURN(auto linked, c_.QueryInt("SELECT COUNT(*) FROM investment_projects WHERE event_id = ?", {id}));
  if (linked.value_or(0) > 0) {
    return FailedPrecondition("the event has " + std::to_string(*linked) + " projects and cannot be deleted", "id");
  }
  RETURN_IF_ERROR(c_.Exec("DELETE FROM promotion_event_units WHERE event_id = ?", {id}).status());
  RETURN_IF_ERROR(c_.Exec("DELETE FROM promotion_event_firms WHERE event_id = ?", {id}).status());
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM promotion_events WHERE id = ?", {id}));
  if (n == 0) return NotFound("event " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<std::optional<PromotionEvent>> SqlInvestmentRepository::GetEvent(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kEventColumns + kEventFrom + " WHERE ev.id = ?", {id}));
  if (rows.empty()) return std::optional<PromotionEvent>();
  PromotionEvent e = EventFromRow(rows.front());
  RETURN_IF_ERROR(LoadEventUnits(e));
  ASSIGN_OR_RETURN(auto firms, c_.Query("SELECT name FROM promotion_event_firms WHERE event_id = ? ORDER BY position",
                                        {id}));
  for (const auto& row : firms) e.invited_firms.push_back(row.Text(0));
  return std::optional<PromotionEvent>(std::move(e));
}

Result<PageOf<PromotionEvent>> SqlInvestmentRepository::Events(const EventQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("ev.name") + " OR " + ContainsCondition("ev.city") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (q.chain_id) {
    where += " AND ev.chain_id = ?";
    params.emplace_back(*q.chain_id);
  }
  AppendYear(q.year, "ev.held_on", where, params);
  ASSIGN_OR_RETURN(auto page, QueryPage<PromotionEvent>(c_, kEventFrom,
                                                        std::string("SELECT ") + kEventColumns + kEventFrom, where,
                                                        std::move(params), "ev.held_on DESC, ev.id DESC", q.page,
                                                        EventFromRow));
  for (auto& e : page.items) RETURN_IF_ERROR(LoadEventUnits(e));
  return page;
}

Result<std::vector<EventFigures>> SqlInvestmentRepository::EventFigures(const EventFigureQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.chain_id) {
    where += " AND ev.chain_id = ?";
    params.emplace_back(*q.chain_id);
  }
  AppendYear(q.year, "ev.held_on", where, params);
  if (!q.held_from.empty()) {
    where += " AND ev.held_on >= ?";
    params.emplace_back(q.held_from);
  }
  if (!q.held_to.empty()) {
    where += " AND ev.held_on <= ?";
    params.emplace_back(q.held_to);
  }
  // Keyed by (year, chain id or 0 for none).
  std::map<std::pair<int, int64_t>, investment::EventFigures> figures;
  ASSIGN_OR_RETURN(auto events,
                   c_.Query("SELECT SUBSTR(ev.held_on, 1, 4), ev.chain_id, MAX(ch.name), COUNT(*), "
                            "COALESCE(CAST(SUM(ev.invited_count) AS BIGINT), 0)" +
                                std::string(kEventFrom) + where + " GROUP BY SUBSTR(ev.held_on, 1, 4), ev.chain_id",
                            params));
  for (const auto& row : events) {
    investment::EventFigures f;
    f.year = std::stoi(row.Text(0));
    f.chain_id = row.OptInt(1);
    f.chain_name = row.OptText(2).value_or("");
    f.events = row.Int(3);
    f.invited = row.Int(4);
    figures[{f.year, f.chain_id.value_or(0)}] = f;
  }
  // From the events to their projects (CROSS JOIN fixes that order on SQLite, whose planner would
  // otherwise walk every signed project by the stage index; PostgreSQL plans it as an inner join).
  ASSIGN_OR_RETURN(auto signed_rows,
                   c_.Query("SELECT SUBSTR(ev.held_on, 1, 4), ev.chain_id, COUNT(*), "
                            "COALESCE(CAST(SUM(p.agreed_amount) AS BIGINT), 0) FROM promotion_events ev "
                            "CROSS JOIN investment_projects p" +
                                where + " AND p.event_id = ev.id AND p.stage IN " + kSignedStages +
                                " GROUP BY SUBSTR(ev.held_on, 1, 4), ev.chain_id",
                            params));
  for (const auto& row : signed_rows) {
    auto it = figures.find({std::stoi(row.Text(0)), row.OptInt(1).value_or(0)});
    if (it == figures.end()) continue;  // cannot happen: the project's event is counted above
    it->second.projects_signed = row.Int(2);
    it->second.amount_signed = row.Int(3);
  }
  std::vector<investment::EventFigures> out;
  for (auto& [key, f] : figures) out.push_back(std::move(f));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.year != b.year) return a.year > b.year;
    if (a.chain_id.has_value() != b.chain_id.has_value()) return a.chain_id.has_value();
    return std::tie(a.chain_name, a.chain_id) < std::tie(b.chain_name, b.chain_id);
  });
  return out;
}

Result<std::vector<UnitLandings>> SqlInvestmentRepository::LandingsByUnit(const std::string& from_on,
                                                                          const std::string& to_on) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT p.unit_id, COUNT(*), CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM project_stage_changes s "
                            "WHERE s.project_id = p.id AND s.to_stage = ? AND s.moved_on >= ? AND s.moved_on <= ?) "
                            "THEN 1 ELSE 0 END), 0) AS BIGINT) FROM investment_projects p GROUP BY p.unit_id ORDER BY p.unit_id",
                            {std::string(investment::StageName(investment::Stage::kProducing)), from_on, to_on}));
  std::vector<UnitLandings> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(UnitLandings{row.Int(0), row.Int(1), row.Int(2)});
  return out;
}

Result<std::vector<ProjectStageFigure>> SqlInvestmentRepository::StageFigures() {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT p.chain_id, p.stage, COUNT(*), COALESCE(CAST(SUM(p.agreed_amount) AS BIGINT), 0), "
                                       "COALESCE(CAST(SUM(p.paid_in_amount) AS BIGINT), 0) FROM investment_projects p "
                                       "GROUP BY p.chain_id, p.stage",
                                       {}));
  std::vector<ProjectStageFigure> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    // The CHECK constraint keeps the stage valid.
    out.push_back({row.Int(0), investment::ParseStage(row.Text(1)).value_or(investment::Stage::kLead), row.Int(2),
                   row.Int(3), row.Int(4)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.chain_id, a.stage) < std::tie(b.chain_id, b.stage);
  });
  return out;
}

Result<std::vector<SignedMonthFigure>> SqlInvestmentRepository::SignedByMonth(int year) {
  // signed_on is set exactly while a project is at 签约 or later (investment::ApplyStageMove), so the
  // date range alone selects the signed projects, read off the covering index investment_projects_signed.
  std::string where = " WHERE p.signed_on <> ''";
  std::vector<Value> params;
  AppendYear(year, "p.signed_on", where, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT p.chain_id, CAST(SUBSTR(p.signed_on, 6, 2) AS INTEGER), COUNT(*), "
                                       "COALESCE(CAST(SUM(p.agreed_amount) AS BIGINT), 0) FROM investment_projects p" +
                                           where +
                                           " GROUP BY p.chain_id, CAST(SUBSTR(p.signed_on, 6, 2) AS INTEGER) "
                                           "ORDER BY p.chain_id, 2",
                                       params));
  std::vector<SignedMonthFigure> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Int(2), row.Int(3)});
  return out;
}

Status SqlInvestmentRepository::SetSigningTarget(const SigningTarget& t) {
  if (t.amount == 0) {
    return c_.Exec("DELETE FROM chain_signing_targets WHERE chain_id = ? AND year = ?", {t.chain_id, int64_t{t.year}})
        .status();
  }
  return c_
      .Exec("INSERT INTO chain_signing_targets (chain_id, year, amount, set_by, set_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (chain_id, year) DO UPDATE SET amount = excluded.amount, set_by = excluded.set_by, "
            "set_at = excluded.set_at",
            {t.chain_id, int64_t{t.year}, t.amount, t.set_by, t.set_at})
      .status();
}

Result<std::vector<SigningTarget>> SqlInvestmentRepository::SigningTargets(int year) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT chain_id, year, amount, set_by, set_at FROM chain_signing_targets "
                                       "WHERE year = ? ORDER BY chain_id",
                                       {int64_t{year}}));
  std::vector<SigningTarget> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    out.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Int(2), row.Int(3), row.Int(4)});
  }
  return out;
}

}  // namespace lz::storage::sqlrepo
