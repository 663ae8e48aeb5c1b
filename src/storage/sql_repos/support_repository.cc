// Support bodies and open challenges in SQL (migration 0014): support_bodies with their members,
// challenges with their applications and milestones.
#include <map>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using chain::Challenge;
using chain::ChallengeMilestone;
using chain::SupportBody;

constexpr const char* kBodyColumns =
    "b.id, b.kind, b.name, b.chain_id, b.region_code, b.description, b.created_at, b.updated_at, "
    "COALESCE(ch.name, ''), (SELECT COUNT(*) FROM support_body_members m WHERE m.body_id = b.id AND m.title = "
    "'academician')";
constexpr const char* kBodyFrom = " FROM support_bodies b LEFT JOIN chains ch ON ch.id = b.chain_id";

SupportBodyRow BodyFromRow(const Row& row) {
  SupportBodyRow r;
  SupportBody& b = r.body;
  b.id = row.Int(0);
  b.kind = chain::ParseBodyKind(row.Text(1)).value_or(chain::BodyKind::kAdvisoryCommittee);
  b.name = row.Text(2);
  b.chain_id = row.OptInt(3);
  b.region_code = row.Text(4);
  b.description = row.Text(5);
  b.created_at = row.Int(6);
  b.updated_at = row.Int(7);
  r.chain_name = row.Text(8);
  r.academicians = row.Int(9);
  return r;
}

constexpr const char* kChallengeColumns =
    "c.id, c.enterprise_id, c.chain_id, c.segment_id, c.title, c.need, c.reward_yuan, c.apply_by, c.state, "
    "c.awarded_application_id, c.awarded_on, c.closing_note, c.created_at, c.updated_at, e.name, e.credit_code, "
    "COALESCE(ch.name, ''), COALESCE(s.name, ''), "
    "(SELECT COUNT(*) FROM challenge_applications a WHERE a.challenge_id = c.id)";
constexpr const char* kChallengeFrom =
    " FROM challenges c JOIN enterprises e ON e.id = c.enterprise_id LEFT JOIN chains ch ON ch.id = c.chain_id "
    "LEFT JOIN segments s ON s.id = c.segment_id";

ChallengeRow ChallengeFromRow(const Row& row) {
  ChallengeRow r;
  Challenge& c = r.challenge;
  c.id = row.Int(0);
  c.enterprise_id = row.Int(1);
  c.chain_id = row.OptInt(2);
  c.segment_id = row.OptInt(3);
  c.title = row.Text(4);
  c.need = row.Text(5);
  c.reward_yuan = row.Int(6);
  c.apply_by = row.Text(7);
  c.state = chain::ParseChallengeState(row.Text(8)).value_or(chain::ChallengeState::kOpen);
  c.awarded_application_id = row.OptInt(9);
  c.awarded_on = row.OptText(10);
  c.closing_note = row.Text(11);
  c.created_at = row.Int(12);
  c.updated_at = row.Int(13);
  r.enterprise_name = row.Text(14);
  r.credit_code = row.Text(15);
  r.chain_name = row.Text(16);
  r.segment_name = row.Text(17);
  r.applications = row.Int(18);
  return r;
}

std::vector<Value> Ids(const std::vector<int64_t>& ids) { return std::vector<Value>(ids.begin(), ids.end()); }

Status LoadMembers(Connection& c, std::vector<SupportBodyRow>& rows) {
  if (rows.empty()) return Status::Ok();
  std::map<int64_t, SupportBody*> by_id;
  std::vector<int64_t> ids;
  for (auto& r : rows) {
    by_id[r.body.id] = &r.body;
    ids.push_back(r.body.id);
  }
  std::string sql = "SELECT m.body_id, m.name, m.title, m.affiliation, m.role FROM support_body_members m WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("m.body_id", Ids(ids), sql, params);
  ASSIGN_OR_RETURN(auto found, c.Query(sql + " ORDER BY m.body_id, m.position", params));
  for (const Row& row : found) {
    chain::BodyMember m;
    m.name = row.Text(1);
    m.title = chain::ParseMemberTitle(row.Text(2)).value_or(chain::MemberTitle::kExpert);
    m.affiliation = row.Text(3);
    m.role = row.Text(4);
    by_id.at(row.Int(0))->members.push_back(std::move(m));
  }
  return Status::Ok();
}

Status LoadMilestones(Connection& c, std::vector<ChallengeRow>& rows) {
  if (rows.empty()) return Status::Ok();
  std::map<int64_t, Challenge*> by_id;
  std::vector<int64_t> ids;
  for (auto& r : rows) {
    by_id[r.challenge.id] = &r.challenge;
    ids.push_back(r.challenge.id);
  }
  std::string sql = "SELECT m.challenge_id, m.position, m.title, m.due_on, m.done_on FROM challenge_milestones m WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("m.challenge_id", Ids(ids), sql, params);
  ASSIGN_OR_RETURN(auto found, c.Query(sql + " ORDER BY m.challenge_id, m.position", params));
  for (const Row& row : found) {
    ChallengeMilestone m;
    m.position = static_cast<int32_t>(row.Int(1));
    m.title = row.Text(2);
    m.due_on = row.Text(3);
    m.done_on = row.OptText(4);
    by_id.at(row.Int(0))->milestones.push_back(std::move(m));
  }
  return Status::Ok();
}

}  // namespace

Status SqlSupportRepository::WriteMembers(const SupportBody& b) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM support_body_members WHERE body_id = ?", {b.id}).status());
  for (size_t i = 0; i < b.members.size(); ++i) {
    const auto& m = b.members[i];
    RETURN_IF_ERROR(c_.Exec("INSERT INTO support_body_members (body_id, position, name, title, affiliation, role) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            {b.id, static_cast<int64_t>(i), m.name, std::string(chain::MemberTitleName(m.title)),
                             m.affiliation, m.role})
                        .status());
  }
  return Status::Ok();
}

Result<int64_t> SqlSupportRepository::InsertBody(const SupportBody& b) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO support_bodies (kind, name, chain_id, region_code, description, "
                                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                        "ON CONFLICT (name) DO NOTHING RETURNING id",
                                        {std::string(chain::BodyKindName(b.kind)), b.name, sql::Nullable(b.chain_id),
                                         b.region_code, b.description, b.created_at, b.updated_at}));
  if (!id) return AlreadyExists("a body named " + b.name + " exists already", "name");
  SupportBody stored = b;
  stored.id = *id;
  RETURN_IF_ERROR(WriteMembers(stored));
  return *id;
}

Result<std::optional<SupportBodyRow>> SqlSupportRepository::GetBody(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kBodyColumns + kBodyFrom + " WHERE b.id = ?", {id}));
  if (rows.empty()) return std::optional<SupportBodyRow>();
  std::vector<SupportBodyRow> out{BodyFromRow(rows.front())};
  RETURN_IF_ERROR(LoadMembers(c_, out));
  return std::optional<SupportBodyRow>(std::move(out.front()));
}

Status SqlSupportRepository::UpdateBody(const SupportBody& b) {
  ASSIGN_OR_RETURN(auto taken, c_.QueryInt("SELECT COUNT(*) FROM support_bodies WHERE name = ? AND id <> ?", {b.name, b.id}));
  if (taken.value_or(0) > 0) return AlreadyExists("a body named " + b.name + " exists already", "name");
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE support_bodies SET kind = ?, name = ?, chain_id = ?, region_code = ?, "
                                   "description = ?, updated_at = ? WHERE id = ?",
                                   {std::string(chain::BodyKindName(b.kind)), b.name, sql::Nullable(b.chain_id),
                                    b.region_code, b.description, b.updated_at, b.id}));
  if (n == 0) return NotFound("body " + std::to_string(b.id) + " not found");
  return WriteMembers(b);
}

Status SqlSupportRepository::DeleteBody(int64_t id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM support_body_members WHERE body_id = ?", {id}).status());
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM support_bodies WHERE id = ?", {id}));
  if (n == 0) return NotFound("body " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<PageOf<SupportBodyRow>> SqlSupportRepository::Bodies(const SupportBodyQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.kind) {
    where += " AND b.kind = ?";
    params.emplace_back(std::string(chain::BodyKindName(*q.kind)));
  }
  if (q.chain_id) {
    where += " AND b.chain_id = ?";
    params.emplace_back(*q.chain_id);
  }
  if (!q.region_code.empty()) AppendPrefix("b.region_code", q.region_code, where, params);
  if (!q.q.empty()) {
    where += " AND " + ContainsCondition("b.name");
    params.emplace_back(Contains(q.q));
  }
  ASSIGN_OR_RETURN(auto page, QueryPage<SupportBodyRow>(c_, kBodyFrom, std::string("SELECT ") + kBodyColumns + kBodyFrom,
                                                        where, std::move(params), "b.name, b.id", q.page, BodyFromRow));
  RETURN_IF_ERROR(LoadMembers(c_, page.items));
  return page;
}

Result<int64_t> SqlSupportRepository::InsertChallenge(const Challenge& c) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO challenges (enterprise_id, chain_id, segment_id, title, need, "
                                        "reward_yuan, apply_by, state, closing_note, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        {c.enterprise_id, sql::Nullable(c.chain_id), sql::Nullable(c.segment_id),
                                         c.title, c.need, c.reward_yuan, c.apply_by,
                                         std::string(chain::ChallengeStateName(c.state)), c.closing_note, c.created_at,
                                         c.updated_at}));
  if (!id) return Internal("the challenge was not stored");
  return *id;
}

Result<std::optional<ChallengeRow>> SqlSupportRepository::GetChallenge(int64_t id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(std::string("SELECT ") + kChallengeColumns + kChallengeFrom + " WHERE c.id = ?", {id}));
  if (rows.empty()) return std::optional<ChallengeRow>();
  std::vector<ChallengeRow> out{ChallengeFromRow(rows.front())};
  RETURN_IF_ERROR(LoadMilestones(c_, out));
  return std::optional<ChallengeRow>(std::move(out.front()));
}

Result<bool> SqlSupportRepository::MoveChallenge(const Challenge& c, chain::ChallengeState expected) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE challenges SET state = ?, awarded_application_id = ?, awarded_on = ?, "
                                   "closing_note = ?, updated_at = ? WHERE id = ? AND state = ?",
                                   {std::string(chain::ChallengeStateName(c.state)),
                                    sql::Nullable(c.awarded_application_id), sql::Nullable(c.awarded_on),
                                    c.closing_note, c.updated_at, c.id,
                                    std::string(chain::ChallengeStateName(expected))}));
  return n > 0;
}

Status SqlSupportRepository::AddMilestones(int64_t challenge_id, const std::vector<ChallengeMilestone>& milestones) {
  for (const auto& m : milestones) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO challenge_milestones (challenge_id, position, title, due_on, done_on) "
                            "VALUES (?, ?, ?, ?, ?)",
                            {challenge_id, int64_t{m.position}, m.title, m.due_on, sql::Nullable(m.done_on)})
                        .status());
  }
  return Status::Ok();
}

Result<bool> SqlSupportRepository::MarkMilestoneDone(int64_t challenge_id, int32_t position, const std::string& done_on) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE challenge_milestones SET done_on = ? "
                                   "WHERE challenge_id = ? AND position = ? AND done_on IS NULL",
                                   {done_on, challenge_id, int64_t{position}}));
  return n > 0;
}

Result<PageOf<ChallengeRow>> SqlSupportRepository::Challenges(const ChallengeQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.state) {
    where += " AND c.state = ?";
    params.emplace_back(std::string(chain::ChallengeStateName(*q.state)));
  }
  if (q.chain_id) {
    where += " AND c.chain_id = ?";
    params.emplace_back(*q.chain_id);
  }
  if (q.enterprise_id) {
    where += " AND c.enterprise_id = ?";
    params.emplace_back(*q.enterprise_id);
  }
  if (!q.q.empty()) {
    where += " AND " + ContainsCondition("c.title");
    params.emplace_back(Contains(q.q));
  }
  ASSIGN_OR_RETURN(auto page,
                   QueryPage<ChallengeRow>(c_, kChallengeFrom, std::string("SELECT ") + kChallengeColumns + kChallengeFrom,
                                           where, std::move(params), "c.id DESC", q.page, ChallengeFromRow));
  RETURN_IF_ERROR(LoadMilestones(c_, page.items));
  return page;
}

Result<int64_t> SqlSupportRepository::InsertApplication(const chain::ChallengeApplication& a) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO challenge_applications (challenge_id, team, leader, affiliation, "
                                        "proposal, contact_phone, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        {a.challenge_id, a.team, a.leader, a.affiliation, a.proposal, a.contact_phone,
                                         a.submitted_at}));
  if (!id) return Internal("the application was not stored");
  return *id;
}

Result<std::vector<chain::ChallengeApplication>> SqlSupportRepository::Applications(int64_t challenge_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, challenge_id, team, leader, affiliation, proposal, contact_phone, "
                                       "submitted_at FROM challenge_applications WHERE challenge_id = ? ORDER BY id",
                                       {challenge_id}));
  std::vector<chain::ChallengeApplication> out;
  for (const Row& row : rows) {
    chain::ChallengeApplication a;
    a.id = row.Int(0);
    a.challenge_id = row.Int(1);
    a.team = row.Text(2);
    a.leader = row.Text(3);
    a.affiliation = row.Text(4);
    a.proposal = row.Text(5);
    a.contact_phone = row.Text(6);
    a.submitted_at = row.Int(7);
    out.push_back(std::move(a));
  }
  return out;
}

Result<SupportFigures> SqlSupportRepository::Figures(const std::string& region_code) {
  SupportFigures f;
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!region_code.empty()) AppendPrefix("b.region_code", region_code, where, params);
  ASSIGN_OR_RETURN(auto kinds, c_.Query("SELECT b.kind, COUNT(*) FROM support_bodies b" + where + " GROUP BY b.kind", params));
  for (const Row& row : kinds) {
    auto kind = chain::ParseBodyKind(row.Text(0));
    if (!kind) continue;
    switch (*kind) {
      case chain::BodyKind::kAdvisoryCommittee: f.advisory_committees = row.Int(1); break;
      case chain::BodyKind::kIndustryAlliance: f.industry_alliances = row.Int(1); break;
      case chain::BodyKind::kResearchInstitute: f.research_institutes = row.Int(1); break;
      case chain::BodyKind::kTestingCentre: f.testing_centres = row.Int(1); break;
    }
  }
  ASSIGN_OR_RETURN(auto academicians,
                   c_.QueryInt("SELECT COUNT(*) FROM support_body_members m JOIN support_bodies b ON b.id = m.body_id" +
                                   where + " AND m.title = 'academician'",
                               params));
  f.academicians = academicians.value_or(0);
  std::string cwhere = " WHERE 1 = 1";
  std::vector<Value> cparams;
  if (!region_code.empty()) AppendPrefix("e.region_code", region_code, cwhere, cparams);
  ASSIGN_OR_RETURN(auto states, c_.Query("SELECT c.state, COUNT(*), CAST(COALESCE(SUM(c.reward_yuan), 0) AS BIGINT) "
                                         "FROM challenges c JOIN enterprises e ON e.id = c.enterprise_id" +
                                             cwhere + " GROUP BY c.state",
                                         cparams));
  for (const Row& row : states) {
    auto state = chain::ParseChallengeState(row.Text(0));
    if (!state) continue;
    if (*state == chain::ChallengeState::kOpen) f.challenges_open = row.Int(1);
    if (*state == chain::ChallengeState::kAwarded) f.challenges_awarded = row.Int(1);
    if (*state == chain::ChallengeState::kCompleted) f.challenges_completed = row.Int(1);
    if (*state != chain::ChallengeState::kCancelled) f.rewards_yuan += row.Int(2);
  }
  return f;
}

}  // namespace lz::storage::sqlrepo
