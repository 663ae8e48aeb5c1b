// Micro-wishes in SQL (migration 0008): wish_campaigns and wishes. Lists join the case (number,
// state, the child's alias as its subject name), the station unit (scope and name) and the
// campaign; the claim is one conditional UPDATE; the figures are one GROUP BY over the stations.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using casework::Wish;
using casework::WishCampaign;

constexpr const char* kCampaignColumns =
    "k.id, k.name, k.organiser_unit_id, k.region_code, k.opens_on, k.deadline_on, k.description, k.created_by, "
    "k.created_at, k.updated_at, ou.name";
constexpr const char* kCampaignFrom = " FROM wish_campaigns k JOIN units ou ON ou.id = k.organiser_unit_id";

WishCampaignRow CampaignFromRow(const Row& row) {
  WishCampaignRow r;
  WishCampaign& k = r.campaign;
  k.id = row.Int(0);
  k.name = row.Text(1);
  k.organiser_unit_id = row.Int(2);
  k.region_code = row.Text(3);
  k.opens_on = row.Text(4);
  k.deadline_on = row.Text(5);
  k.description = row.Text(6);
  k.created_by = row.Int(7);
  k.created_at = row.Int(8);
  k.updated_at = row.Int(9);
  r.organiser_name = row.Text(10);
  return r;
}

constexpr const char* kWishColumns =
    "w.case_id, w.campaign_id, w.station_unit_id, w.item, w.kind, w.child_age, w.story, w.recorded_by, "
    "w.recorded_at, w.published_at, w.donor_kind, w.donor_name, w.donor_phone, w.claimed_by, w.claimed_at, "
    "w.delivered_at, c.number, c.state, c.subject_name, su.name, su.region_code, k.name, k.opens_on, k.deadline_on";
constexpr const char* kWishFrom =
    " FROM wishes w JOIN cases c ON c.id = w.case_id JOIN units su ON su.id = w.station_unit_id "
    "JOIN wish_campaigns k ON k.id = w.campaign_id";

Result<WishRow> WishFromRow(const Row& row) {
  WishRow r;
  Wish& w = r.wish;
  w.case_id = row.Int(0);
  w.campaign_id = row.Int(1);
  w.station_unit_id = row.Int(2);
  w.item = row.Text(3);
  auto kind = casework::ParseWishKind(row.Text(4));
  if (!kind) return Internal("wish " + std::to_string(w.case_id) + " has an unknown kind " + row.Text(4));
  w.kind = *kind;
  w.child_age = static_cast<int32_t>(row.Int(5));
  w.story = row.Text(6);
  w.recorded_by = row.Int(7);
  w.recorded_at = row.Int(8);
  w.published_at = row.OptInt(9);
  if (auto donor_kind = row.OptText(10)) {
    auto parsed = casework::ParseDonorKind(*donor_kind);
    if (!parsed) return Internal("wish " + std::to_string(w.case_id) + " has an unknown donor kind " + *donor_kind);
    w.donor = casework::Donor{*parsed, row.OptText(11).value_or(""), row.OptText(12).value_or("")};
  }
  w.claimed_by = row.OptInt(13);
  w.claimed_at = row.OptInt(14);
  w.delivered_at = row.OptInt(15);
  r.case_number = row.Text(16);
  auto state = casework::ParseCaseState(row.Text(17));
  if (!state) return Internal("case " + std::to_string(w.case_id) + " has an unknown state " + row.Text(17));
  r.case_state = *state;
  r.child_alias = row.Text(18);
  r.station_name = row.Text(19);
  r.station_region_code = row.Text(20);
  r.campaign_name = row.Text(21);
  r.opens_on = row.Text(22);
  r.deadline_on = row.Text(23);
  return r;
}

}  // namespace

Result<int64_t> SqlWishRepository::InsertCampaign(const WishCampaign& k, TimeMs closes_at) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO wish_campaigns (name, organiser_unit_id, region_code, opens_on, "
                                        "deadline_on, closes_at, description, created_by, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        {k.name, k.organiser_unit_id, k.region_code, k.opens_on, k.deadline_on,
                                         closes_at, k.description, k.created_by, k.created_at, k.updated_at}));
  if (!id) return Internal("the campaign's id was not returned");
  return *id;
}

Result<std::optional<WishCampaignRow>> SqlWishRepository::GetCampaign(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kCampaignColumns + kCampaignFrom + " WHERE k.id = ?", {id}));
  if (rows.empty()) return std::optional<WishCampaignRow>();
  return std::optional<WishCampaignRow>(CampaignFromRow(rows.front()));
}

Status SqlWishRepository::UpdateCampaign(const WishCampaign& k, TimeMs closes_at) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE wish_campaigns SET name = ?, organiser_unit_id = ?, region_code = ?, "
                                   "opens_on = ?, deadline_on = ?, closes_at = ?, description = ?, updated_at = ? "
                                   "WHERE id = ?",
                                   {k.name, k.organiser_unit_id, k.region_code, k.opens_on, k.deadline_on, closes_at,
                                    k.description, k.updated_at, k.id}));
  if (n == 0) return NotFound("campaign " + std::to_string(k.id) + " not found");
  return Status::Ok();
}

Status SqlWishRepository::DeleteCampaign(int64_t id) {
  ASSIGN_OR_RETURN(auto wishes, c_.QueryInt("SELECT COUNT(*) FROM wishes WHERE campaign_id = ?", {id}));
  if (wishes.value_or(0) > 0) {
    return FailedPrecondition("the campaign has " + std::to_string(*wishes) + " wishes and cannot be deleted", "id");
  }
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM wish_campaigns WHERE id = ?", {id}));
  if (n == 0) return NotFound("campaign " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<PageOf<WishCampaignRow>> SqlWishRepository::Campaigns(const WishCampaignQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.q.empty()) {
    where += " AND " + ContainsCondition("k.name");
    params.emplace_back(Contains(q.q));
  }
  return QueryPage<WishCampaignRow>(c_, kCampaignFrom, std::string("SELECT ") + kCampaignColumns + kCampaignFrom,
                                    where, std::move(params), "k.deadline_on DESC, k.id DESC", q.page,
                                    CampaignFromRow);
}

Status SqlWishRepository::Insert(const Wish& w) {
  const std::optional<std::string> donor_kind =
      w.donor ? std::optional<std::string>(std::string(casework::DonorKindName(w.donor->kind))) : std::nullopt;
  ASSIGN_OR_RETURN(auto n,
                   c_.Exec("INSERT INTO wishes (case_id, campaign_id, station_unit_id, item, kind, child_age, story, "
                           "recorded_by, recorded_at, published_at, donor_kind, donor_name, donor_phone, claimed_by, "
                           "claimed_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (case_id) DO NOTHING",
                           {w.case_id, w.campaign_id, w.station_unit_id, w.item,
                            std::string(casework::WishKindName(w.kind)), int64_t{w.child_age}, w.story, w.recorded_by,
                            w.recorded_at, sql::Nullable(w.published_at), sql::Nullable(donor_kind),
                            w.donor ? Value(w.donor->name) : Value(nullptr),
                            w.donor ? Value(w.donor->phone) : Value(nullptr), sql::Nullable(w.claimed_by),
                            sql::Nullable(w.claimed_at), sql::Nullable(w.delivered_at)}));
  if (n == 0) return AlreadyExists("case " + std::to_string(w.case_id) + " has its wish already");
  return Status::Ok();
}

Result<std::optional<WishRow>> SqlWishRepository::Get(int64_t case_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kWishColumns + kWishFrom + " WHERE w.case_id = ?",
                                       {case_id}));
  if (rows.empty()) return std::optional<WishRow>();
  ASSIGN_OR_RETURN(WishRow r, WishFromRow(rows.front()));
  return std::optional<WishRow>(std::move(r));
}

Result<bool> SqlWishRepository::MarkPublished(int64_t case_id, TimeMs at) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE wishes SET published_at = ? WHERE case_id = ? AND published_at IS NULL",
                                   {at, case_id}));
  return n > 0;
}

Result<bool> SqlWishRepository::Claim(int64_t case_id, const casework::Donor& d, std::optional<int64_t> claimed_by,
                                      TimeMs at) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE wishes SET donor_kind = ?, donor_name = ?, donor_phone = ?, claimed_by = ?, "
                                   "claimed_at = ? WHERE case_id = ? AND claimed_at IS NULL AND published_at IS NOT NULL",
                                   {std::string(casework::DonorKindName(d.kind)), d.name, d.phone,
                                    sql::Nullable(claimed_by), at, case_id}));
  return n > 0;
}

Result<bool> SqlWishRepository::MarkDelivered(int64_t case_id, TimeMs at) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE wishes SET delivered_at = ? WHERE case_id = ? AND claimed_at IS NOT NULL "
                                   "AND delivered_at IS NULL",
                                   {at, case_id}));
  return n > 0;
}

Result<PageOf<WishRow>> SqlWishRepository::List(const WishQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.campaign_id) {
    where += " AND w.campaign_id = ?";
    params.emplace_back(*q.campaign_id);
  }
  if (q.station_unit_id) {
    where += " AND w.station_unit_id = ?";
    params.emplace_back(*q.station_unit_id);
  }
  if (q.state) {
    switch (*q.state) {
      case casework::WishState::kRecorded: where += " AND w.published_at IS NULL"; break;
      case casework::WishState::kPublished:
        where += " AND w.published_at IS NOT NULL AND w.claimed_at IS NULL";
        break;
      case casework::WishState::kClaimed: where += " AND w.claimed_at IS NOT NULL AND w.delivered_at IS NULL"; break;
      case casework::WishState::kDelivered: where += " AND w.delivered_at IS NOT NULL"; break;
    }
  }
  if (q.published_only) where += " AND w.published_at IS NOT NULL AND c.state NOT IN ('rejected', 'merged')";
  AppendScope(q.scope, "w.station_unit_id", "su.path", "w.recorded_by", where, params);
  PageOf<WishRow> out;
  ASSIGN_OR_RETURN(auto total, c_.QueryInt(std::string("SELECT COUNT(*)") + kWishFrom + where, params));
  out.total = total.value_or(0);
  std::string sql = std::string("SELECT ") + kWishColumns + kWishFrom + where + " ORDER BY w.case_id DESC";
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  out.items.reserve(rows.size());
  for (const Row& row : rows) {
    ASSIGN_OR_RETURN(WishRow r, WishFromRow(row));
    out.items.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<StationWishCounts>> SqlWishRepository::Figures(const WishFigureQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.campaign_id) {
    where += " AND w.campaign_id = ?";
    params.emplace_back(*q.campaign_id);
  }
  if (!q.region_code.empty()) AppendPrefix("su.region_code", q.region_code, where, params);
  AppendScope(q.scope, "w.station_unit_id", "su.path", "w.recorded_by", where, params);
  const std::string sql =
      "SELECT w.station_unit_id, su.name, su.region_code, COUNT(*), "
      "SUM(CASE WHEN w.published_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN w.claimed_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN w.delivered_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN w.delivered_at IS NOT NULL AND w.delivered_at < k.closes_at THEN 1 ELSE 0 END) "
      "FROM wishes w JOIN units su ON su.id = w.station_unit_id JOIN wish_campaigns k ON k.id = w.campaign_id" +
      where + " GROUP BY w.station_unit_id, su.name, su.region_code ORDER BY su.name, w.station_unit_id";
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<StationWishCounts> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    StationWishCounts s;
    s.station_unit_id = row.Int(0);
    s.station_name = row.Text(1);
    s.region_code = row.Text(2);
    s.counts = WishCounts{row.Int(3), row.Int(4), row.Int(5), row.Int(6), row.Int(7)};
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace lz::storage::sqlrepo
