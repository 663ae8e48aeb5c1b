// Building meetings in SQL (migration 0007): meeting_schedules, meetings, meeting_attendees and
// meeting_items. Lists join the community unit for the scope and its name; the carry-over queries
// join the cases for their state.
#include <map>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using casework::Attendee;
using casework::Meeting;
using casework::MeetingItem;
using casework::MeetingSchedule;

constexpr const char* kMeetingColumns =
    "m.id, m.community_unit_id, m.scheduled_on, m.place, m.state, m.held_at, m.minutes, m.minutes_at, "
    "m.created_by, m.created_at, m.updated_at";
constexpr size_t kMeetingColumnCount = 11;

Result<Meeting> MeetingFromRow(const Row& row) {
  Meeting m;
  m.id = row.Int(0);
  m.community_unit_id = row.Int(1);
  m.scheduled_on = row.Text(2);
  m.place = row.Text(3);
  auto state = casework::ParseMeetingState(row.Text(4));
  if (!state) return Internal("meeting " + std::to_string(m.id) + " has an unknown state " + row.Text(4));
  m.state = *state;
  m.held_at = row.OptInt(5);
  m.minutes = row.Text(6);
  m.minutes_at = row.OptInt(7);
  m.created_by = row.Int(8);
  m.created_at = row.Int(9);
  m.updated_at = row.Int(10);
  return m;
}

MeetingItem ItemFromRow(const Row& row) {
  MeetingItem i;
  i.meeting_id = row.Int(0);
  i.case_id = row.Int(1);
  i.position = static_cast<int32_t>(row.Int(2));
  i.raised = row.Int(3) != 0;
  i.added_at = row.Int(4);
  return i;
}

constexpr const char* kItemColumns = "i.meeting_id, i.case_id, i.position, i.raised, i.added_at";

// The attendees of `meeting_ids`, each meeting's in order, grouped by meeting.
Result<std::map<int64_t, std::vector<Attendee>>> AttendeesOf(Connection& c, const std::vector<int64_t>& meeting_ids) {
  std::map<int64_t, std::vector<Attendee>> out;
  if (meeting_ids.empty()) return out;
  std::string sql =
      "SELECT a.meeting_id, a.id, a.role, a.name, a.affiliation, a.user_id FROM meeting_attendees a WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("a.meeting_id", std::vector<Value>(meeting_ids.begin(), meeting_ids.end()), sql, params);
  sql += " ORDER BY a.meeting_id, a.position";
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  for (const Row& row : rows) {
    Attendee a;
    a.id = row.Int(1);
    auto role = casework::ParseAttendeeRole(row.Text(2));
    if (!role) return Internal("attendee " + std::to_string(a.id) + " has an unknown role " + row.Text(2));
    a.role = *role;
    a.name = row.Text(3);
    a.affiliation = row.Text(4);
    a.user_id = row.OptInt(5);
    out[row.Int(0)].push_back(std::move(a));
  }
  return out;
}

// The single meeting a query selecting kMeetingColumns returns, with its attendees.
Result<std::optional<Meeting>> OneMeeting(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  if (rows.empty()) return std::optional<Meeting>();
  ASSIGN_OR_RETURN(Meeting m, MeetingFromRow(rows.front()));
  ASSIGN_OR_RETURN(auto attendees, AttendeesOf(c, {m.id}));
  m.attendees = std::move(attendees[m.id]);
  return std::optional<Meeting>(std::move(m));
}

Status InsertAttendees(Connection& c, int64_t meeting_id, const std::vector<Attendee>& attendees) {
  int64_t position = 0;
  for (const Attendee& a : attendees) {
    RETURN_IF_ERROR(c.Exec("INSERT INTO meeting_attendees (meeting_id, position, role, name, affiliation, user_id) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           {meeting_id, ++position, std::string(casework::AttendeeRoleName(a.role)), a.name,
                            a.affiliation, sql::Nullable(a.user_id)})
                        .status());
  }
  return Status::Ok();
}

std::vector<Value> StateNames(const std::vector<casework::CaseState>& states) {
  std::vector<Value> names;
  for (casework::CaseState s : states) names.emplace_back(std::string(casework::CaseStateName(s)));
  return names;
}

}  // namespace

Result<std::optional<MeetingSchedule>> SqlMeetingRepository::GetSchedule(int64_t community_unit_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT community_unit_id, day_of_month, place, buildings, residents, updated_at "
                                       "FROM meeting_schedules WHERE community_unit_id = ?",
                                       {community_unit_id}));
  if (rows.empty()) return std::optional<MeetingSchedule>();
  const Row& row = rows.front();
  MeetingSchedule s;
  s.community_unit_id = row.Int(0);
  s.day_of_month = static_cast<int>(row.Int(1));
  s.place = row.Text(2);
  s.buildings = static_cast<int32_t>(row.Int(3));
  s.residents = static_cast<int32_t>(row.Int(4));
  s.updated_at = row.Int(5);
  return std::optional<MeetingSchedule>(std::move(s));
}

Status SqlMeetingRepository::PutSchedule(const MeetingSchedule& s) {
  return c_.Exec("INSERT INTO meeting_schedules (community_unit_id, day_of_month, place, buildings, residents, "
                 "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (community_unit_id) DO UPDATE SET "
                 "day_of_month = excluded.day_of_month, place = excluded.place, buildings = excluded.buildings, "
                 "residents = excluded.residents, updated_at = excluded.updated_at",
                 {s.community_unit_id, int64_t{s.day_of_month}, s.place, int64_t{s.buildings}, int64_t{s.residents},
                  s.updated_at})
      .status();
}

Result<int64_t> SqlMeetingRepository::Insert(const Meeting& m) {
  // DO NOTHING rather than a unique violation, which on PostgreSQL would poison the transaction.
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO meetings (community_unit_id, scheduled_on, place, state, held_at, "
                                        "minutes, minutes_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, "
                                        "?, ?, ?, ?, ?, ?) ON CONFLICT (community_unit_id, scheduled_on) DO NOTHING "
                                        "RETURNING id",
                                        {m.community_unit_id, m.scheduled_on, m.place,
                                         std::string(casework::MeetingStateName(m.state)), sql::Nullable(m.held_at),
                                         m.minutes, sql::Nullable(m.minutes_at), m.created_by, m.created_at,
                                         m.updated_at}));
  if (!id) return AlreadyExists("the community has a meeting on " + m.scheduled_on + " already", "scheduled_on");
  RETURN_IF_ERROR(InsertAttendees(c_, *id, m.attendees));
  return *id;
}

Result<std::optional<Meeting>> SqlMeetingRepository::Get(int64_t id) {
  return OneMeeting(c_, std::string("SELECT ") + kMeetingColumns + " FROM meetings m WHERE m.id = ?", {id});
}

Result<PageOf<MeetingRow>> SqlMeetingRepository::List(const MeetingQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.community_unit_id) {
    where += " AND m.community_unit_id = ?";
    params.emplace_back(*q.community_unit_id);
  }
  if (q.state) {
    where += " AND m.state = ?";
    params.emplace_back(std::string(casework::MeetingStateName(*q.state)));
  }
  AppendScope(q.scope, "m.community_unit_id", "u.path", "m.created_by", where, params);
  const std::string from = "FROM meetings m JOIN units u ON u.id = m.community_unit_id";
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*) " + from + where, params));
  PageOf<MeetingRow> out;
  out.total = total.value_or(0);
  std::string sql = std::string("SELECT ") + kMeetingColumns +
                    ", u.name, (SELECT COUNT(*) FROM meeting_items i WHERE i.meeting_id = m.id) " + from + where +
                    " ORDER BY m.scheduled_on DESC, m.id DESC";
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<int64_t> ids;
  for (const Row& row : rows) {
    MeetingRow r;
    ASSIGN_OR_RETURN(r.meeting, MeetingFromRow(row));
    r.community_name = row.Text(kMeetingColumnCount);
    r.items = row.Int(kMeetingColumnCount + 1);
    ids.push_back(r.meeting.id);
    out.items.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(auto attendees, AttendeesOf(c_, ids));
  for (auto& r : out.items) r.meeting.attendees = std::move(attendees[r.meeting.id]);
  return out;
}

Status SqlMeetingRepository::Update(const Meeting& m) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE meetings SET place = ?, state = ?, held_at = ?, minutes = ?, minutes_at = ?, "
                                   "updated_at = ? WHERE id = ?",
                                   {m.place, std::string(casework::MeetingStateName(m.state)), sql::Nullable(m.held_at),
                                    m.minutes, sql::Nullable(m.minutes_at), m.updated_at, m.id}));
  if (n == 0) return NotFound("meeting " + std::to_string(m.id) + " not found");
  return Status::Ok();
}

Status SqlMeetingRepository::ReplaceAttendees(int64_t meeting_id, const std::vector<Attendee>& attendees) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM meeting_attendees WHERE meeting_id = ?", {meeting_id}).status());
  return InsertAttendees(c_, meeting_id, attendees);
}

Result<std::optional<Meeting>> SqlMeetingRepository::Latest(int64_t community_unit_id) {
  return OneMeeting(c_,
                    std::string("SELECT ") + kMeetingColumns +
                        " FROM meetings m WHERE m.community_unit_id = ? ORDER BY m.scheduled_on DESC LIMIT 1",
                    {community_unit_id});
}

Result<std::optional<Meeting>> SqlMeetingRepository::Previous(int64_t community_unit_id, const std::string& date) {
  return OneMeeting(c_,
                    std::string("SELECT ") + kMeetingColumns +
                        " FROM meetings m WHERE m.community_unit_id = ? AND m.scheduled_on < ? "
                        "ORDER BY m.scheduled_on DESC LIMIT 1",
                    {community_unit_id, date});
}

Result<MeetingItem> SqlMeetingRepository::AddItem(int64_t meeting_id, int64_t case_id, bool raised, TimeMs at) {
  ASSIGN_OR_RETURN(auto last, c_.QueryInt("SELECT MAX(position) FROM meeting_items WHERE meeting_id = ?", {meeting_id}));
  MeetingItem item;
  item.meeting_id = meeting_id;
  item.case_id = case_id;
  item.position = static_cast<int32_t>(last.value_or(0) + 1);
  item.raised = raised;
  item.added_at = at;
  ASSIGN_OR_RETURN(auto n, c_.Exec("INSERT INTO meeting_items (meeting_id, case_id, position, raised, added_at) "
                                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, case_id) DO NOTHING",
                                   {meeting_id, case_id, int64_t{item.position}, int64_t{raised ? 1 : 0}, at}));
  if (n == 0) {
    return AlreadyExists("case " + std::to_string(case_id) + " is on the agenda of meeting " +
                         std::to_string(meeting_id) + " already");
  }
  return item;
}

Result<std::vector<MeetingItem>> SqlMeetingRepository::Items(int64_t meeting_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kItemColumns +
                                           " FROM meeting_items i WHERE i.meeting_id = ? ORDER BY i.position",
                                       {meeting_id}));
  std::vector<MeetingItem> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(ItemFromRow(row));
  return out;
}

Result<std::vector<MeetingItem>> SqlMeetingRepository::ItemsOfCase(int64_t case_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kItemColumns +
                                           " FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id "
                                           "WHERE i.case_id = ? ORDER BY m.scheduled_on, m.id",
                                       {case_id}));
  std::vector<MeetingItem> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(ItemFromRow(row));
  return out;
}

Result<std::vector<int64_t>> SqlMeetingRepository::OpenItemsBefore(int64_t community_unit_id, const std::string& date,
                                                                   int64_t meeting_id,
                                                                   const std::vector<casework::CaseState>& states) {
  std::vector<int64_t> out;
  if (states.empty()) return out;
  std::string sql =
      "SELECT i.case_id, MIN(m.scheduled_on) AS first_on, MIN(i.position) AS first_position "
      "FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id JOIN cases c ON c.id = i.case_id "
      "WHERE m.community_unit_id = ? AND m.scheduled_on < ? "
      "AND NOT EXISTS (SELECT 1 FROM meeting_items x WHERE x.meeting_id = ? AND x.case_id = i.case_id)";
  std::vector<Value> params{community_unit_id, date, meeting_id};
  AppendIn("c.state", StateNames(states), sql, params);
  sql += " GROUP BY i.case_id ORDER BY first_on, first_position, i.case_id";
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Result<std::vector<int64_t>> SqlMeetingRepository::OnLaterAgenda(int64_t meeting_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT i.case_id FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id "
                            "WHERE i.meeting_id = ? AND EXISTS (SELECT 1 FROM meeting_items x JOIN meetings mx ON "
                            "mx.id = x.meeting_id WHERE x.case_id = i.case_id AND mx.community_unit_id = "
                            "m.community_unit_id AND mx.scheduled_on > m.scheduled_on) ORDER BY i.position",
                            {meeting_id}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

}  // namespace lz::storage::sqlrepo
