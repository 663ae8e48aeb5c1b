// The Open311 side of cases in SQL (table open311_requests, migration 0005): one row per case a
// client filed through GeoReport v2. Lists join the case for the filters and the order.
#include <cmath>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kColumns =
    "o.case_id, o.api_key_id, o.lat, o.lon, o.address_id, o.email, o.device_id, o.account_id, o.media_url";

Open311Request FromRow(const Row& row) {
  Open311Request o;
  o.case_id = row.Int(0);
  o.api_key_id = row.Int(1);
  o.lat = row.OptReal(2);
  o.lon = row.OptReal(3);
  o.address_id = row.Text(4);
  o.email = row.Text(5);
  o.device_id = row.Text(6);
  o.account_id = row.Text(7);
  o.media_url = row.Text(8);
  return o;
}

bool FiniteOrAbsent(const std::optional<double>& v) { return !v || std::isfinite(*v); }

}  // namespace

Status SqlOpen311Repository::Insert(const Open311Request& o) {
  // The engines disagree on what a non-finite float becomes (SQLite stores NaN as NULL,
  // PostgreSQL keeps it), so neither gets one.
  if (!FiniteOrAbsent(o.lat)) return InvalidArgument("lat is not a finite number", "lat");
  if (!FiniteOrAbsent(o.lon)) return InvalidArgument("long is not a finite number", "long");
  // DO NOTHING rather than a unique violation, which on PostgreSQL would poison the transaction.
  ASSIGN_OR_RETURN(auto n, c_.Exec("INSERT INTO open311_requests (case_id, api_key_id, lat, lon, address_id, email, "
                                   "device_id, account_id, media_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (case_id) DO NOTHING",
                                   {o.case_id, o.api_key_id, sql::Nullable(o.lat), sql::Nullable(o.lon), o.address_id,
                                    o.email, o.device_id, o.account_id, o.media_url}));
  if (n == 0) return AlreadyExists("case " + std::to_string(o.case_id) + " has its Open311 request already");
  return Status::Ok();
}

Result<std::optional<Open311Request>> SqlOpen311Repository::Get(int64_t case_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kColumns +
                                           " FROM open311_requests o WHERE o.case_id = ?",
                                       {case_id}));
  if (rows.empty()) return std::optional<Open311Request>();
  return std::optional<Open311Request>(FromRow(rows.front()));
}

Result<std::vector<Open311Request>> SqlOpen311Repository::List(const Open311Query& q) {
  std::vector<Open311Request> out;
  // PostgreSQL refuses a negative LIMIT and SQLite reads it as none: "at most 0" is no rows.
  if (q.limit <= 0) return out;
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM open311_requests o JOIN cases c ON c.id = o.case_id WHERE o.api_key_id = ?";
  std::vector<Value> params{q.api_key_id};
  if (!q.numbers.empty()) AppendIn("c.number", std::vector<Value>(q.numbers.begin(), q.numbers.end()), sql, params);
  if (!q.category_code.empty()) {
    sql += " AND c.category_code = ?";
    params.emplace_back(q.category_code);
  }
  if (!q.states.empty()) {
    std::vector<Value> names;
    for (casework::CaseState s : q.states) names.emplace_back(std::string(casework::CaseStateName(s)));
    AppendIn("c.state", names, sql, params);
  }
  if (q.created_from) {
    sql += " AND c.created_at >= ?";
    params.emplace_back(*q.created_from);
  }
  if (q.created_to) {
    sql += " AND c.created_at < ?";
    params.emplace_back(*q.created_to);
  }
  sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT ?";
  params.emplace_back(int64_t{q.limit});
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

}  // namespace lz::storage::sqlrepo
