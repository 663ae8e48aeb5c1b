// Cases in SQL: the facts and projection columns of `cases`, the co-units of the current
// assignment, the units each case ever involved (data scopes), the append-only events and the
// case-number sequences. Long reads (ForEach, ForEachEvent, ForEachRunning) go in keyset batches
// so that ten million cases never sit in memory at once.
#include <algorithm>
#include <charconv>
#include <utility>
#include <limits>
#include <map>

#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using casework::Case;
using casework::CaseEvent;
using casework::CaseState;
using casework::CoState;
using casework::CoUnit;
using casework::Escalation;
using casework::EventType;
using casework::Outcome;
using casework::SubjectKind;

constexpr size_t kBatch = 512;  // rows per keyset batch (a power of two: see AppendIn)

constexpr const char* kCaseColumns =
    "c.id, c.number, c.channel, c.category_code, c.title, c.text, c.region_code, c.address, c.reporter_name, "
    "c.reporter_phone, c.reporter_user_id, c.subject_kind, c.enterprise_id, c.subject_name, c.chain_id, "
    "c.state, c.version, c.created_at, c.updated_at, c.accepted_at, c.lead_unit_id, c.handler_user_id, "
    "c.dispatched_at, c.sign_due_at, c.signed_at, c.due_at, c.suspended_since, c.suspended_ms, "
    "c.extension_requested_days, c.extension_days, c.replied_at, c.outcome, c.closed_at, c.rating, c.on_the_spot, "
    "c.signed_on_time, c.return_count, c.reopen_count, c.arbitrated, c.escalation, c.merged_into";

// The derived columns, in the order ProjectionValues binds them.
constexpr const char* kProjectionColumns[] = {
    "state",          "version",        "created_at",   "updated_at",  "accepted_at",
    "lead_unit_id",   "handler_user_id", "dispatched_at", "sign_due_at", "signed_at",
    "due_at",         "suspended_since", "suspended_ms",  "extension_requested_days",
    "extension_days", "replied_at",     "outcome",      "closed_at",   "rating",
    "on_the_spot",    "signed_on_time", "return_count", "reopen_count", "arbitrated",
    "escalation",     "merged_into"};

Value Opt(const std::optional<int64_t>& v) { return sql::Nullable(v); }
Value Opt(const std::optional<int32_t>& v) { return v ? Value(int64_t{*v}) : Value(nullptr); }
Value Bool(bool b) { return Value(int64_t{b ? 1 : 0}); }
Value Name(std::string_view name) { return Value(std::string(name)); }

std::vector<Value> ProjectionValues(const Case& c) {
  return {Name(casework::CaseStateName(c.state)),
          Value(int64_t{c.version}),
          Value(c.created_at),
          Value(c.updated_at),
          Opt(c.accepted_at),
          Opt(c.lead_unit_id),
          Opt(c.handler_user_id),
          Opt(c.dispatched_at),
          Opt(c.sign_due_at),
          Opt(c.signed_at),
          Opt(c.due_at),
          Opt(c.suspended_since),
          Value(c.suspended_ms),
          Opt(c.extension_requested_days),
          Value(int64_t{c.extension_days}),
          Opt(c.replied_at),
          c.outcome ? Name(casework::OutcomeName(*c.outcome)) : Value(nullptr),
          Opt(c.closed_at),
          Opt(c.rating),
          Bool(c.on_the_spot),
          Bool(c.signed_on_time),
          Value(int64_t{c.return_count}),
          Value(int64_t{c.reopen_count}),
          Bool(c.arbitrated),
          Name(casework::EscalationName(c.escalation)),
          Opt(c.merged_into)};
}

// An enum stored by its wire name; a name this program does not know is corrupt data.
template <typename E>
Result<E> ParseName(std::optional<E> (*parse)(std::string_view), const std::string& name, const char* what) {
  std::optional<E> value = parse(name);
  if (!value) return Internal(std::string("unknown ") + what + " '" + name + "' in the database");
  return *value;
}

template <typename E>
Result<std::optional<E>> ParseOptName(std::optional<E> (*parse)(std::string_view), const Row& row, size_t i,
                                      const char* what) {
  if (row.IsNull(i)) return std::optional<E>();
  ASSIGN_OR_RETURN(E value, ParseName(parse, row.Text(i), what));
  return std::optional<E>(value);
}

std::optional<int32_t> OptInt32(const Row& row, size_t i) {
  return row.IsNull(i) ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(row.Int(i)));
}

Result<Case> CaseFromRow(const Row& row) {
  Case c;
  c.id = row.Int(0);
  c.number = row.Text(1);
  casework::CaseFacts& f = c.facts;
  f.channel = row.Text(2);
  f.category_code = row.Text(3);
  f.title = row.Text(4);
  f.text = row.Text(5);
  f.region_code = row.Text(6);
  f.address = row.Text(7);
  f.reporter_name = row.Text(8);
  f.reporter_phone = row.Text(9);
  f.reporter_user_id = row.OptInt(10);
  ASSIGN_OR_RETURN(f.subject_kind, ParseName(&casework::ParseSubjectKind, row.Text(11), "subject kind"));
  f.enterprise_id = row.OptInt(12);
  f.subject_name = row.Text(13);
  f.chain_id = row.OptInt(14);
  ASSIGN_OR_RETURN(c.state, ParseName(&casework::ParseCaseState, row.Text(15), "case state"));
  c.version = static_cast<int32_t>(row.Int(16));
  c.created_at = row.Int(17);
  c.updated_at = row.Int(18);
  c.accepted_at = row.OptInt(19);
  c.lead_unit_id = row.OptInt(20);
  c.handler_user_id = row.OptInt(21);
  c.dispatched_at = row.OptInt(22);
  c.sign_due_at = row.OptInt(23);
  c.signed_at = row.OptInt(24);
  c.due_at = row.OptInt(25);
  c.suspended_since = row.OptInt(26);
  c.suspended_ms = row.Int(27);
  c.extension_requested_days = OptInt32(row, 28);
  c.extension_days = static_cast<int32_t>(row.Int(29));
  c.replied_at = row.OptInt(30);
  ASSIGN_OR_RETURN(c.outcome, ParseOptName(&casework::ParseOutcome, row, 31, "outcome"));
  c.closed_at = row.OptInt(32);
  c.rating = OptInt32(row, 33);
  c.on_the_spot = row.Int(34) != 0;
  c.signed_on_time = row.Int(35) != 0;
  c.return_count = static_cast<int32_t>(row.Int(36));
  c.reopen_count = static_cast<int32_t>(row.Int(37));
  c.arbitrated = row.Int(38) != 0;
  ASSIGN_OR_RETURN(c.escalation, ParseName(&casework::ParseEscalation, row.Text(39), "escalation"));
  c.merged_into = row.OptInt(40);
  return c;
}

constexpr const char* kEventColumns =
    "id, case_id, seq, type, actor_user_id, actor_unit_id, at, from_state, to_state, note, unit_id, co_unit_ids, "
    "handler_user_id, sign_due_at, due_at, days, outcome, rating, related_case_id, escalation";

std::string FormatIds(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

Result<std::vector<int64_t>> ParseIds(const std::string& text) {
  std::vector<int64_t> ids;
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
    return Internal("malformed co_unit_ids '" + text + "' in the database");
  }
  const char* p = text.data() + 1;
  const char* end = text.data() + text.size() - 1;
  while (p < end) {
    while (p < end && *p == ' ') ++p;
    int64_t id = 0;
    auto [next, ec] = std::from_chars(p, end, id);
    if (ec != std::errc()) return Internal("malformed co_unit_ids '" + text + "' in the database");
    ids.push_back(id);
    p = next;
    while (p < end && *p == ' ') ++p;
    if (p < end && *p++ != ',') return Internal("malformed co_unit_ids '" + text + "' in the database");
  }
  return ids;
}

Result<CaseEvent> EventFromRow(const Row& row) {
  CaseEvent e;
  e.id = row.Int(0);
  e.case_id = row.Int(1);
  e.seq = static_cast<int32_t>(row.Int(2));
  ASSIGN_OR_RETURN(e.type, ParseName(&casework::ParseEventType, row.Text(3), "event type"));
  e.actor_user_id = row.Int(4);
  e.actor_unit_id = row.OptInt(5);
  e.at = row.Int(6);
  ASSIGN_OR_RETURN(e.from_state, ParseName(&casework::ParseCaseState, row.Text(7), "case state"));
  ASSIGN_OR_RETURN(e.to_state, ParseName(&casework::ParseCaseState, row.Text(8), "case state"));
  e.note = row.Text(9);
  e.unit_id = row.OptInt(10);
  ASSIGN_OR_RETURN(e.co_unit_ids, ParseIds(row.Text(11)));
  e.handler_user_id = row.OptInt(12);
  e.sign_due_at = row.OptInt(13);
  e.due_at = row.OptInt(14);
  e.days = OptInt32(row, 15);
  ASSIGN_OR_RETURN(e.outcome, ParseOptName(&casework::ParseOutcome, row, 16, "outcome"));
  e.rating = OptInt32(row, 17);
  e.related_case_id = row.OptInt(18);
  ASSIGN_OR_RETURN(e.escalation, ParseOptName(&casework::ParseEscalation, row, 19, "escalation"));
  return e;
}

// The data scope of a case: the units it involved (case_units), or for kSelf the cases the user
// reported or filed (the create event's actor). Written as `c.id IN (subquery)` so that a narrow
// scope can drive the query from case_units' unit index instead of testing every case.
void AppendCaseScope(const auth::ScopeFilter& scope, std::string& where, std::vector<Value>& params) {
  switch (scope.kind) {
    case auth::ScopeKind::kAll: return;
    case auth::ScopeKind::kSelf:
      if (scope.user_id <= 0) {
        where += " AND 1 = 0";
        return;
      }
      where += " AND c.id IN (SELECT r.id FROM cases r WHERE r.reporter_user_id = ? "
               "UNION SELECT f.case_id FROM case_events f WHERE f.seq = 1 AND f.actor_user_id = ?)";
      params.emplace_back(scope.user_id);
      params.emplace_back(scope.user_id);
      return;
    case auth::ScopeKind::kUnits:
    case auth::ScopeKind::kOwnUnit:
    case auth::ScopeKind::kOwnUnitAndBelow: {
      std::string sub =
          " AND c.id IN (SELECT cu.case_id FROM case_units cu JOIN units su ON su.id = cu.unit_id WHERE 1 = 1";
      AppendScope(scope, "cu.unit_id", "su.path", "NULL", sub, params);
      where += sub + ")";
      return;
    }
  }
}

void BuildWhere(const CaseQuery& q, std::string& where, std::vector<Value>& params) {
  where = " WHERE 1 = 1";
  if (!q.q.empty()) {
    // The phone matches on its last four digits only (public tracking); numbers and titles anywhere.
    where += " AND (" + ContainsCondition("c.number") + " OR " + ContainsCondition("c.title") +
             " OR SUBSTR(c.reporter_phone, LENGTH(c.reporter_phone) - 3) LIKE ? ESCAPE '\\')";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (!q.states.empty()) {
    std::vector<Value> names;
    for (CaseState s : q.states) names.push_back(Name(casework::CaseStateName(s)));
    AppendIn("c.state", names, where, params);
  }
  if (q.unit_id) {
    if (q.include_co_units) {
      where += " AND (c.lead_unit_id = ? OR c.id IN (SELECT cc.case_id FROM case_co_units cc WHERE cc.unit_id = ?))";
      params.emplace_back(*q.unit_id);
    } else {
      where += " AND c.lead_unit_id = ?";
    }
    params.emplace_back(*q.unit_id);
  }
  if (q.handler_user_id) {
    where += " AND c.handler_user_id = ?";
    params.emplace_back(*q.handler_user_id);
  }
  if (!q.channel.empty()) {
    where += " AND c.channel = ?";
    params.emplace_back(q.channel);
  }
  if (!q.category_code.empty()) AppendPrefix("c.category_code", q.category_code, where, params);
  if (!q.region_code.empty()) AppendPrefix("c.region_code", q.region_code, where, params);
  if (q.enterprise_id) {
    where += " AND c.enterprise_id = ?";
    params.emplace_back(*q.enterprise_id);
  }
  if (q.chain_id) {
    where += " AND c.chain_id = ?";
    params.emplace_back(*q.chain_id);
  }
  if (q.reporter_user_id) {
    where += " AND c.reporter_user_id = ?";
    params.emplace_back(*q.reporter_user_id);
  }
  if (q.due_before) {
    where += std::string(" AND ") + kRunning + " AND c.due_at < ?";
    params.emplace_back(*q.due_before);
  }
  if (q.accepted_from) {
    where += " AND c.accepted_at >= ?";
    params.emplace_back(*q.accepted_from);
  }
  if (q.accepted_to) {
    where += " AND c.accepted_at < ?";
    params.emplace_back(*q.accepted_to);
  }
  if (!q.ids.empty()) AppendIn("c.id", std::vector<Value>(q.ids.begin(), q.ids.end()), where, params);
  AppendCaseScope(q.scope, where, params);
}

std::string OrderBy(CaseQuery::Order order) {
  switch (order) {
    case CaseQuery::Order::kDueSoonest: return "c.due_at ASC NULLS LAST, c.id ASC";
    case CaseQuery::Order::kNewest: break;
  }
  return "c.created_at DESC, c.id DESC";
}

std::vector<Value> EventValues(const CaseEvent& e) {
  return {Value(e.case_id),
          Value(int64_t{e.seq}),
          Name(casework::EventTypeName(e.type)),
          Value(e.actor_user_id),
          Opt(e.actor_unit_id),
          Value(e.at),
          Name(casework::CaseStateName(e.from_state)),
          Name(casework::CaseStateName(e.to_state)),
          Value(e.note),
          Opt(e.unit_id),
          Value(FormatIds(e.co_unit_ids)),
          Opt(e.handler_user_id),
          Opt(e.sign_due_at),
          Opt(e.due_at),
          Opt(e.days),
          e.outcome ? Name(casework::OutcomeName(*e.outcome)) : Value(nullptr),
          Opt(e.rating),
          Opt(e.related_case_id),
          e.escalation ? Name(casework::EscalationName(*e.escalation)) : Value(nullptr)};
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

Result<std::vector<Case>> SqlCaseRepository::Complete(const std::vector<Row>& rows) {
  std::vector<Case> cases;
  cases.reserve(rows.size());
  std::map<int64_t, size_t> index;
  std::vector<Value> ids;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(Case c, CaseFromRow(row));
    index.emplace(c.id, cases.size());
    ids.emplace_back(c.id);
    cases.push_back(std::move(c));
  }
  if (cases.empty()) return cases;
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("case_id", ids, where, params);
  ASSIGN_OR_RETURN(auto co_rows,
                   c_.Query("SELECT case_id, unit_id, state FROM case_co_units" + where + " ORDER BY case_id, position",
                            params));
  for (const auto& row : co_rows) {
    auto it = index.find(row.Int(0));
    if (it == index.end()) continue;
    CoUnit co;
    co.unit_id = row.Int(1);
    ASSIGN_OR_RETURN(co.state, ParseName(&casework::ParseCoState, row.Text(2), "co-unit state"));
    cases[it->second].co_units.push_back(co);
  }
  // absorbed: what the fold makes of the case's absorb events, in their order.
  ASSIGN_OR_RETURN(auto absorbed_rows,
                   c_.Query("SELECT case_id, related_case_id FROM case_events" + where +
                                " AND type = 'absorb' AND related_case_id IS NOT NULL ORDER BY case_id, seq",
                            params));
  for (const auto& row : absorbed_rows) {
    auto it = index.find(row.Int(0));
    if (it != index.end()) cases[it->second].absorbed.push_back(row.Int(1));
  }
  return cases;
}

Result<std::optional<Case>> SqlCaseRepository::GetWhere(const std::string& where, const Value& key) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kCaseColumns + " FROM cases c" + where, {key}));
  ASSIGN_OR_RETURN(auto cases, Complete(rows));
  if (cases.empty()) return std::optional<Case>();
  return std::optional<Case>(std::move(cases.front()));
}

Result<std::optional<Case>> SqlCaseRepository::Get(int64_t id) { return GetWhere(" WHERE c.id = ?", Value(id)); }

Result<std::optional<Case>> SqlCaseRepository::GetByNumber(const std::string& number) {
  return GetWhere(" WHERE c.number = ?", Value(number));
}

Result<PageOf<Case>> SqlCaseRepository::List(const CaseQuery& q) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  PageOf<Case> out;
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*) FROM cases c" + where, params));
  out.total = total.value_or(0);
  std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases c" + where + " ORDER BY " + OrderBy(q.order);
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  ASSIGN_OR_RETURN(out.items, Complete(rows));
  return out;
}

Status SqlCaseRepository::ForEach(const CaseQuery& q, const std::function<Status(const Case&)>& sink) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases c" + where +
                    " AND c.id > ? ORDER BY c.id LIMIT " + std::to_string(kBatch);
  params.emplace_back(int64_t{0});
  for (;;) {
    ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
    ASSIGN_OR_RETURN(auto cases, Complete(rows));
    for (const Case& c : cases) RETURN_IF_ERROR(sink(c));
    if (rows.size() < kBatch) return Status::Ok();
    params.back() = Value(cases.back().id);
  }
}

Result<std::vector<int64_t>> SqlCaseRepository::Ids(const CaseQuery& q) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT c.id FROM cases c" + where + " ORDER BY c.id", params));
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.Int(0));
  return ids;
}

Result<std::vector<CaseText>> SqlCaseRepository::TextsWhere(const std::string& clause, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT c.id, c.title, c.text FROM cases c" + clause, params));
  std::vector<CaseText> out;
  out.reserve(rows.size());
  std::map<int64_t, size_t> index;
  std::vector<Value> ids;
  for (const auto& row : rows) {
    index.emplace(row.Int(0), out.size());
    ids.emplace_back(row.Int(0));
    out.push_back(CaseText{row.Int(0), row.Text(1), row.Text(2), {}});
  }
  if (out.empty()) return out;
  std::string where = " WHERE 1 = 1";
  std::vector<Value> unit_params;
  AppendIn("case_id", ids, where, unit_params);
  ASSIGN_OR_RETURN(auto unit_rows,
                   c_.Query("SELECT case_id, unit_id FROM case_units" + where + " ORDER BY case_id, unit_id", unit_params));
  for (const auto& row : unit_rows) {
    auto it = index.find(row.Int(0));
    if (it != index.end()) out[it->second].unit_ids.push_back(row.Int(1));
  }
  return out;
}

Status SqlCaseRepository::ForEachText(const std::function<Status(const CaseText&)>& sink) {
  const std::string clause = " WHERE c.id > ? ORDER BY c.id LIMIT " + std::to_string(kBatch);
  int64_t after = 0;
  for (;;) {
    ASSIGN_OR_RETURN(auto batch, TextsWhere(clause, {Value(after)}));
    for (const CaseText& t : batch) RETURN_IF_ERROR(sink(t));
    if (batch.size() < kBatch) return Status::Ok();
    after = batch.back().id;
  }
}

Result<std::vector<CaseText>> SqlCaseRepository::Texts(const std::vector<int64_t>& ids) {
  std::vector<CaseText> out;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    const size_t end = std::min(ids.size(), start + kBatch);
    std::string clause = " WHERE 1 = 1";
    std::vector<Value> params;
    AppendIn("c.id", std::vector<Value>(ids.begin() + start, ids.begin() + end), clause, params);
    ASSIGN_OR_RETURN(auto batch, TextsWhere(clause + " ORDER BY c.id", params));
    for (CaseText& t : batch) out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const CaseText& a, const CaseText& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(), [](const CaseText& a, const CaseText& b) { return a.id == b.id; }),
            out.end());
  return out;
}

Result<bool> SqlCaseRepository::Visible(int64_t case_id, const auth::ScopeFilter& scope) {
  std::string where = " WHERE c.id = ?";
  std::vector<Value> params{case_id};
  AppendCaseScope(scope, where, params);
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM cases c" + where, params));
  return n.value_or(0) > 0;
}

Result<int64_t> SqlCaseRepository::NextNumber(const std::string& prefix) {
  // One statement: the row lock (PostgreSQL) or the single writer (SQLite) makes it atomic.
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO case_number_seq (prefix, last_seq) VALUES (?, 1) "
                                       "ON CONFLICT (prefix) DO UPDATE SET last_seq = case_number_seq.last_seq + 1 "
                                       "RETURNING last_seq",
                                       {prefix}));
  if (rows.empty()) return Internal("the case-number sequence returned nothing");
  return rows.front().Int(0);
}

Result<int64_t> SqlCaseRepository::Insert(const Case& c, std::optional<int64_t> intake_unit_id) {
  const casework::CaseFacts& f = c.facts;
  std::vector<Value> params{c.number,
                            f.channel,
                            f.category_code,
                            f.title,
                            f.text,
                            f.region_code,
                            f.address,
                            f.reporter_name,
                            f.reporter_phone,
                            Opt(f.reporter_user_id),
                            Name(casework::SubjectKindName(f.subject_kind)),
                            Opt(f.enterprise_id),
                            f.subject_name,
                            Opt(f.chain_id)};
  std::string columns =
      "number, channel, category_code, title, text, region_code, address, reporter_name, reporter_phone, "
      "reporter_user_id, subject_kind, enterprise_id, subject_name, chain_id";
  for (const char* col : kProjectionColumns) columns += std::string(", ") + col;
  for (Value& v : ProjectionValues(c)) params.push_back(std::move(v));
  // DO NOTHING rather than a unique violation, which on PostgreSQL would poison the transaction:
  // the service may take the next number and try again.
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO cases (" + columns + ") VALUES (" + Placeholders(params.size()) +
                                           ") ON CONFLICT (number) DO NOTHING RETURNING id",
                                       params));
  if (rows.empty()) return AlreadyExists("the case number " + c.number + " is taken", "number");
  Case stored = c;
  stored.id = rows.front().Int(0);
  RETURN_IF_ERROR(SaveUnits(stored, intake_unit_id, false));
  return stored.id;
}

Status SqlCaseRepository::SaveUnits(const Case& c, std::optional<int64_t> extra_unit, bool replace_co_units) {
  if (replace_co_units) RETURN_IF_ERROR(c_.Exec("DELETE FROM case_co_units WHERE case_id = ?", {c.id}).status());
  for (size_t i = 0; i < c.co_units.size(); ++i) {
    const CoUnit& co = c.co_units[i];
    RETURN_IF_ERROR(c_.Exec("INSERT INTO case_co_units (case_id, unit_id, position, state) VALUES (?, ?, ?, ?)",
                            {c.id, co.unit_id, static_cast<int64_t>(i), Name(casework::CoStateName(co.state))})
                        .status());
  }
  std::vector<int64_t> involved;
  if (extra_unit) involved.push_back(*extra_unit);
  if (c.lead_unit_id) involved.push_back(*c.lead_unit_id);
  for (const CoUnit& co : c.co_units) involved.push_back(co.unit_id);
  for (int64_t unit : involved) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO case_units (case_id, unit_id) VALUES (?, ?) "
                            "ON CONFLICT (case_id, unit_id) DO NOTHING",
                            {c.id, unit})
                        .status());
  }
  return Status::Ok();
}

Status SqlCaseRepository::SaveProjection(const Case& c, int32_t previous_version) {
  std::string sql = "UPDATE cases SET ";
  bool first = true;
  for (const char* col : kProjectionColumns) {
    sql += std::string(first ? "" : ", ") + col + " = ?";
    first = false;
  }
  sql += " WHERE id = ? AND version = ?";
  std::vector<Value> params = ProjectionValues(c);
  params.emplace_back(c.id);
  params.emplace_back(int64_t{previous_version});
  ASSIGN_OR_RETURN(auto n, c_.Exec(sql, params));
  if (n == 0) {
    ASSIGN_OR_RETURN(auto stored, c_.QueryInt("SELECT version FROM cases WHERE id = ?", {c.id}));
    if (!stored) return NotFound("case " + std::to_string(c.id) + " not found");
    return FailedPrecondition("case " + std::to_string(c.id) + " has changed meanwhile (version " +
                                  std::to_string(*stored) + ", expected " + std::to_string(previous_version) +
                                  "); reload it",
                              "expected_version");
  }
  return SaveUnits(c, std::nullopt, true);
}

Status SqlCaseRepository::AppendEvents(const std::vector<CaseEvent>& events) {
  for (const CaseEvent& e : events) {
    // DO NOTHING and a FailedPrecondition rather than a unique violation, which on PostgreSQL would
    // poison the caller's transaction; the caller rolls back either way.
    ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_unit_id, at, "
                                         "from_state, to_state, note, unit_id, co_unit_ids, handler_user_id, "
                                         "sign_due_at, due_at, days, outcome, rating, related_case_id, escalation) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                         "ON CONFLICT (case_id, seq) DO NOTHING RETURNING id",
                                         EventValues(e)));
    if (rows.empty()) {
      return FailedPrecondition("case " + std::to_string(e.case_id) + " already has event " + std::to_string(e.seq) +
                                    " (someone else moved it meanwhile); reload it",
                                "expected_version");
    }
  }
  return Status::Ok();
}

Result<std::vector<CaseEvent>> SqlCaseRepository::Events(int64_t case_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kEventColumns +
                                           " FROM case_events WHERE case_id = ? ORDER BY seq",
                                       {case_id}));
  std::vector<CaseEvent> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(CaseEvent e, EventFromRow(row));
    out.push_back(std::move(e));
  }
  return out;
}

Status SqlCaseRepository::ForEachEvent(const std::function<Status(const CaseEvent&)>& sink) {
  const std::string sql = std::string("SELECT ") + kEventColumns +
                          " FROM case_events WHERE (case_id, seq) > (?, ?) ORDER BY case_id, seq LIMIT " +
                          std::to_string(kBatch);
  std::vector<Value> after{int64_t{0}, int64_t{0}};
  for (;;) {
    ASSIGN_OR_RETURN(auto rows, c_.Query(sql, after));
    for (const auto& row : rows) {
      ASSIGN_OR_RETURN(CaseEvent e, EventFromRow(row));
      RETURN_IF_ERROR(sink(e));
      after = {Value(e.case_id), Value(int64_t{e.seq})};
    }
    if (rows.size() < kBatch) return Status::Ok();
  }
}

Status SqlCaseRepository::ForEachRunning(TimeMs due_before, const std::function<Status(const Case&)>& sink) {
  // One stream per open state, each read in (due_at, id) order straight off cases_state_due
  // (state = ?), merged here. A single query over all four states would have to sort every running
  // case again for each batch whenever the planner prefers that index to cases_running (SQLite
  // without ANALYZE statistics does), which is quadratic at a few hundred thousand open cases.
  struct Stream {
    std::string state;
    std::vector<Case> batch;
    size_t next = 0;
    bool exhausted = false;
    std::vector<Value> after{std::numeric_limits<int64_t>::min(), int64_t{0}};
  };
  const std::string sql = std::string("SELECT ") + kCaseColumns +
                          " FROM cases c WHERE c.state = ? AND c.suspended_since IS NULL AND c.due_at IS NOT NULL "
                          "AND c.due_at < ? AND (c.due_at, c.id) > (?, ?) ORDER BY c.due_at, c.id LIMIT " + std::to_string(kBatch);
  std::vector<Stream> streams;
  for (CaseState state : {CaseState::kDispatched, CaseState::kHandling, CaseState::kReturned, CaseState::kArbitration}) {
    streams.emplace_back();
    streams.back().state = std::string(casework::CaseStateName(state));
  }
  auto refill = [&](Stream& s) -> Status {
    if (s.next < s.batch.size() || s.exhausted) return Status::Ok();
    ASSIGN_OR_RETURN(auto rows, c_.Query(sql, {s.state, due_before, s.after[0], s.after[1]}));
    ASSIGN_OR_RETURN(s.batch, Complete(rows));
    s.next = 0;
    s.exhausted = rows.size() < kBatch;
    if (!s.batch.empty()) s.after = {Value(s.batch.back().due_at.value_or(0)), Value(s.batch.back().id)};
    return Status::Ok();
  };
  for (;;) {
    Stream* first = nullptr;
    for (Stream& s : streams) {
      RETURN_IF_ERROR(refill(s));
      if (s.next == s.batch.size()) continue;
      const Case& c = s.batch[s.next];
      if (!first) {
        first = &s;
        continue;
      }
      const Case& best = first->batch[first->next];
      if (std::make_pair(c.due_at.value_or(0), c.id) < std::make_pair(best.due_at.value_or(0), best.id)) first = &s;
    }
    if (!first) return Status::Ok();
    RETURN_IF_ERROR(sink(first->batch[first->next]));
    ++first->next;
  }
}

Result<int64_t> SqlCaseRepository::Count() {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM cases"));
  return n.value_or(0);
}

}  // namespace lz::storage::sqlrepo
