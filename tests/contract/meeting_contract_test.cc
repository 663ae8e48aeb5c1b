// Building-meeting storage on every backend (issue 6, point 5): schedules (absent, stored,
// replaced), meetings with their attendees (round trip, one per community and date with nothing
// written on a clash, update, attendees replaced), lists (community and state filters, scope,
// latest date first, item counts), latest and previous meetings, agendas (positions, duplicates
// refused, a case's rows by date), the carry-over queries, and migration 0007's channel update.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backends.h"
#include "storage/migrate.h"

namespace lz::testing {
namespace {

using casework::Attendee;
using casework::AttendeeRole;
using casework::Case;
using casework::CaseState;
using casework::Meeting;
using casework::MeetingItem;
using casework::MeetingSchedule;
using casework::MeetingState;
using storage::MeetingQuery;
using storage::Repositories;

class MeetingContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3601", "南昌市", org::RegionLevel::kCity, "36", 0},
                                                                {"360112", "新建区", org::RegionLevel::kCounty, "3601", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      ASSIGN_OR_RETURN(street_, AddUnit(r, "欣悦湖街道办事处", org::UnitKind::kStreetOffice, std::nullopt));
      ASSIGN_OR_RETURN(chengkai_, AddUnit(r, "城开苑社区居委会", org::UnitKind::kCommunityCommittee, street_));
      ASSIGN_OR_RETURN(other_, AddUnit(r, "另一社区居委会", org::UnitKind::kCommunityCommittee, std::nullopt));
      casework::Channel channel;
      channel.code = "building_meeting";
      channel.name = "楼栋会";
      RETURN_IF_ERROR(r.catalogue().PutChannel(channel));
      casework::Category category;
      category.code = "11";
      category.name = "社区治理";
      return r.catalogue().InsertCategory(category).status();
    });
  }

  static Result<int64_t> AddUnit(Repositories& r, const std::string& name, org::UnitKind kind,
                                 std::optional<int64_t> parent) {
    org::Unit u;
    u.name = name;
    u.kind = kind;
    u.region_code = "360112";
    u.parent_id = parent;
    u.created_at = u.updated_at = kStart;
    return r.units().Insert(u);
  }

  static Attendee Person(AttendeeRole role, const std::string& name, const std::string& affiliation = "") {
    Attendee a;
    a.role = role;
    a.name = name;
    a.affiliation = affiliation;
    return a;
  }

  static Meeting NewMeeting(int64_t community, const std::string& date, std::vector<Attendee> attendees = {}) {
    Meeting m;
    m.community_unit_id = community;
    m.scheduled_on = date;
    m.place = "社区议事厅";
    m.attendees = std::move(attendees);
    m.created_by = 7;
    m.created_at = m.updated_at = kStart;
    return m;
  }

  int64_t InsertMeeting(const Meeting& m) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.meetings().Insert(m));
      return Status::Ok();
    });
    return id;
  }

  std::optional<Meeting> GetMeeting(int64_t id) {
    std::optional<Meeting> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.meetings().Get(id));
      return Status::Ok();
    });
    return out;
  }

  int64_t InsertCase(const std::string& number, CaseState state) {
    return StorageFixture::InsertCase(number, "building_meeting", "11", "360112", state, kStart, chengkai_);
  }

  void AddItem(int64_t meeting, int64_t case_id, bool raised = true) {
    MustWrite([&](Repositories& r) { return r.meetings().AddItem(meeting, case_id, raised, kStart + 1).status(); });
  }

  std::vector<int64_t> Listed(const MeetingQuery& q) {
    std::vector<int64_t> ids;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.meetings().List(q));
      for (const auto& row : page.items) ids.push_back(row.meeting.id);
      return Status::Ok();
    });
    return ids;
  }

  std::vector<int64_t> OpenBefore(int64_t community, const std::string& date, int64_t meeting) {
    std::vector<int64_t> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.meetings().OpenItemsBefore(community, date, meeting, casework::CarriedStates()));
      return Status::Ok();
    });
    return out;
  }

  int64_t street_ = 0;
  int64_t chengkai_ = 0;
  int64_t other_ = 0;
};

TEST_P(MeetingContract, SchedulesAreAbsentStoredAndReplaced) {
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto none, r.meetings().GetSchedule(chengkai_));
    EXPECT_FALSE(none.has_value());
    return Status::Ok();
  });
  MeetingSchedule s;
  s.community_unit_id = chengkai_;
  s.day_of_month = 10;
  s.place = "城开苑社区党群服务中心";
  s.buildings = 56;
  s.residents = 3600;
  s.updated_at = kStart;
  MustWrite([&](Repositories& r) { return r.meetings().PutSchedule(s); });
  MeetingSchedule changed = s;
  changed.day_of_month = 15;
  changed.place = "3栋架空层";
  changed.updated_at = kStart + 5;
  MustWrite([&](Repositories& r) { return r.meetings().PutSchedule(changed); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.meetings().GetSchedule(chengkai_));
    EXPECT_EQ(got, std::optional<MeetingSchedule>(changed));
    ASSIGN_OR_RETURN(auto other, r.meetings().GetSchedule(other_));
    EXPECT_FALSE(other.has_value());
    return Status::Ok();
  });
}

TEST_P(MeetingContract, MeetingsRoundTripWithAttendeesAndOnePerCommunityAndDate) {
  Attendee staff = Person(AttendeeRole::kCommunity, "王主任", "城开苑社区居委会");
  Attendee rep = Person(AttendeeRole::kResidentRepresentative, "李秀英", "3栋");
  rep.user_id = 42;
  Meeting m = NewMeeting(chengkai_, "2026-01-10", {staff, rep, Person(AttendeeRole::kPropertyCompany, "赵经理", "城开物业")});
  m.id = InsertMeeting(m);
  ASSERT_GT(m.id, 0);
  auto got = GetMeeting(m.id);
  ASSERT_TRUE(got.has_value());
  ASSERT_EQ(got->attendees.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_GT(got->attendees[i].id, 0);
    m.attendees[i].id = got->attendees[i].id;
  }
  EXPECT_EQ(*got, m);
  EXPECT_EQ(got->state, MeetingState::kScheduled);
  EXPECT_FALSE(got->held_at.has_value());

  // The same community and date again: AlreadyExists naming the date, and nothing written.
  Status clash = store_->Write([&](Repositories& r) {
    return r.meetings().Insert(NewMeeting(chengkai_, "2026-01-10", {Person(AttendeeRole::kOther, "新来的")})).status();
  });
  EXPECT_EQ(clash.code(), StatusCode::kAlreadyExists) << clash.ToString();
  EXPECT_EQ(clash.field(), "scheduled_on");
  EXPECT_EQ(GetMeeting(m.id)->attendees.size(), 3u);
  EXPECT_EQ(Listed(MeetingQuery{chengkai_, std::nullopt, auth::ScopeFilter::All(), {}}).size(), 1u);
  // Another community may meet that day.
  EXPECT_GT(InsertMeeting(NewMeeting(other_, "2026-01-10")), 0);
  EXPECT_FALSE(GetMeeting(m.id + 1000).has_value());
}

TEST_P(MeetingContract, UpdateWritesStateAndMinutesAndAttendeesAreReplaced) {
  Meeting m = NewMeeting(chengkai_, "2026-01-10", {Person(AttendeeRole::kCommunity, "王主任")});
  m.id = InsertMeeting(m);
  m.state = MeetingState::kHeld;
  m.held_at = kStart + 100;
  m.minutes = "议定：移除三棵危树";
  m.minutes_at = kStart + 200;
  m.place = "3栋架空层";
  m.updated_at = kStart + 200;
  MustWrite([&](Repositories& r) { return r.meetings().Update(m); });
  std::vector<Attendee> present = {Person(AttendeeRole::kResidentRepresentative, "李秀英", "3栋"),
                                   Person(AttendeeRole::kStreetOffice, "陈科长", "欣悦湖街道")};
  MustWrite([&](Repositories& r) { return r.meetings().ReplaceAttendees(m.id, present); });
  auto got = GetMeeting(m.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->state, MeetingState::kHeld);
  EXPECT_EQ(got->held_at, std::optional<TimeMs>(kStart + 100));
  EXPECT_EQ(got->minutes, "议定：移除三棵危树");
  EXPECT_EQ(got->minutes_at, std::optional<TimeMs>(kStart + 200));
  EXPECT_EQ(got->place, "3栋架空层");
  ASSERT_EQ(got->attendees.size(), 2u);
  EXPECT_EQ(got->attendees[0].name, "李秀英");
  EXPECT_EQ(got->attendees[0].role, AttendeeRole::kResidentRepresentative);
  EXPECT_EQ(got->attendees[1].role, AttendeeRole::kStreetOffice);

  Meeting missing = m;
  missing.id = m.id + 1000;
  Status st = store_->Write([&](Repositories& r) { return r.meetings().Update(missing); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
}

TEST_P(MeetingContract, ListsFilterByCommunityStateAndScopeLatestFirst) {
  const int64_t jan = InsertMeeting(NewMeeting(chengkai_, "2026-01-10", {Person(AttendeeRole::kCommunity, "王主任")}));
  const int64_t mar = InsertMeeting(NewMeeting(chengkai_, "2026-03-10"));
  const int64_t feb = InsertMeeting(NewMeeting(chengkai_, "2026-02-10"));
  const int64_t elsewhere = InsertMeeting(NewMeeting(other_, "2026-02-20"));
  Meeting held = *GetMeeting(jan);
  held.state = MeetingState::kHeld;
  held.held_at = kStart;
  MustWrite([&](Repositories& r) { return r.meetings().Update(held); });
  AddItem(jan, InsertCase("360112-20260110-0001", CaseState::kHandling));
  AddItem(jan, InsertCase("360112-20260110-0002", CaseState::kClosed));

  const auto all = auth::ScopeFilter::All();
  EXPECT_EQ(Listed({std::nullopt, std::nullopt, all, {}}), (std::vector<int64_t>{mar, elsewhere, feb, jan}));
  EXPECT_EQ(Listed({chengkai_, std::nullopt, all, {}}), (std::vector<int64_t>{mar, feb, jan}));
  EXPECT_EQ(Listed({chengkai_, MeetingState::kHeld, all, {}}), (std::vector<int64_t>{jan}));
  EXPECT_EQ(Listed({std::nullopt, MeetingState::kScheduled, all, {}}), (std::vector<int64_t>{mar, elsewhere, feb}));
  // Scope by the community unit: own unit, and the street office's unit and below.
  auth::ScopeFilter own{auth::ScopeKind::kOwnUnit, {other_}, "", 0};
  EXPECT_EQ(Listed({std::nullopt, std::nullopt, own, {}}), (std::vector<int64_t>{elsewhere}));
  std::string street_path;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto unit, r.units().Get(street_));
    street_path = unit->path;
    return Status::Ok();
  });
  auth::ScopeFilter below{auth::ScopeKind::kOwnUnitAndBelow, {}, street_path, 0};
  EXPECT_EQ(Listed({std::nullopt, std::nullopt, below, {}}), (std::vector<int64_t>{mar, feb, jan}));
  // Paging, totals, names, counts and attendees.
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.meetings().List({chengkai_, std::nullopt, all, {2, 2}}));
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.items.size(), 1u);
    if (page.items.empty()) return Status::Ok();
    EXPECT_EQ(page.items[0].meeting.id, jan);
    EXPECT_EQ(page.items[0].community_name, "城开苑社区居委会");
    EXPECT_EQ(page.items[0].items, 2);
    EXPECT_EQ(page.items[0].meeting.attendees.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(MeetingContract, LatestAndPreviousFollowTheDates) {
  const int64_t jan = InsertMeeting(NewMeeting(chengkai_, "2026-01-10", {Person(AttendeeRole::kCommunity, "王主任")}));
  const int64_t mar = InsertMeeting(NewMeeting(chengkai_, "2026-03-10"));
  const int64_t feb = InsertMeeting(NewMeeting(chengkai_, "2026-02-10"));
  InsertMeeting(NewMeeting(other_, "2026-04-10"));
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto latest, r.meetings().Latest(chengkai_));
    EXPECT_EQ(latest ? latest->id : 0, mar);
    ASSIGN_OR_RETURN(auto before_mar, r.meetings().Previous(chengkai_, "2026-03-10"));
    EXPECT_EQ(before_mar ? before_mar->id : 0, feb);
    ASSIGN_OR_RETURN(auto before_feb, r.meetings().Previous(chengkai_, "2026-02-10"));
    EXPECT_EQ(before_feb ? before_feb->id : 0, jan);
    EXPECT_EQ(before_feb ? before_feb->attendees.size() : 0u, 1u);
    ASSIGN_OR_RETURN(auto before_jan, r.meetings().Previous(chengkai_, "2026-01-10"));
    EXPECT_FALSE(before_jan.has_value());
    ASSIGN_OR_RETURN(auto none, r.meetings().Latest(street_));
    EXPECT_FALSE(none.has_value());
    return Status::Ok();
  });
}

TEST_P(MeetingContract, AgendasKeepOrderRefuseDuplicatesAndListACasesMeetings) {
  const int64_t feb = InsertMeeting(NewMeeting(chengkai_, "2026-02-10"));
  const int64_t jan = InsertMeeting(NewMeeting(chengkai_, "2026-01-10"));
  const int64_t trees = InsertCase("360112-20260110-0001", CaseState::kHandling);
  const int64_t lights = InsertCase("360112-20260110-0002", CaseState::kHandling);
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto first, r.meetings().AddItem(jan, trees, true, kStart + 1));
    EXPECT_EQ(first, (MeetingItem{jan, trees, 1, true, kStart + 1}));
    ASSIGN_OR_RETURN(auto second, r.meetings().AddItem(jan, lights, true, kStart + 2));
    EXPECT_EQ(second.position, 2);
    ASSIGN_OR_RETURN(auto carried, r.meetings().AddItem(feb, trees, false, kStart + 3));
    EXPECT_EQ(carried.position, 1);
    EXPECT_FALSE(carried.raised);
    return Status::Ok();
  });
  Status dup = store_->Write([&](Repositories& r) { return r.meetings().AddItem(jan, trees, true, kStart + 9).status(); });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto items, r.meetings().Items(jan));
    EXPECT_EQ(items, (std::vector<MeetingItem>{{jan, trees, 1, true, kStart + 1}, {jan, lights, 2, true, kStart + 2}}));
    ASSIGN_OR_RETURN(auto of_case, r.meetings().ItemsOfCase(trees));
    EXPECT_EQ(of_case, (std::vector<MeetingItem>{{jan, trees, 1, true, kStart + 1}, {feb, trees, 1, false, kStart + 3}}));
    ASSIGN_OR_RETURN(auto later, r.meetings().OnLaterAgenda(jan));
    EXPECT_EQ(later, std::vector<int64_t>{trees});
    ASSIGN_OR_RETURN(auto none_later, r.meetings().OnLaterAgenda(feb));
    EXPECT_TRUE(none_later.empty());
    return Status::Ok();
  });
}

TEST_P(MeetingContract, OpenItemsBeforeADateAreThoseInOpenStatesNotYetOnTheMeeting) {
  const int64_t jan = InsertMeeting(NewMeeting(chengkai_, "2026-01-10"));
  const int64_t feb = InsertMeeting(NewMeeting(chengkai_, "2026-02-10"));
  const int64_t mar = InsertMeeting(NewMeeting(chengkai_, "2026-03-10"));
  const int64_t elsewhere = InsertMeeting(NewMeeting(other_, "2026-01-05"));
  const int64_t handling = InsertCase("360112-20260110-0001", CaseState::kHandling);
  const int64_t replied = InsertCase("360112-20260110-0002", CaseState::kReplied);
  const int64_t closed = InsertCase("360112-20260110-0003", CaseState::kClosed);
  const int64_t rejected = InsertCase("360112-20260110-0004", CaseState::kRejected);
  const int64_t raised_in_feb = InsertCase("360112-20260210-0001", CaseState::kDispatched);
  const int64_t other_community = InsertCase("360112-20260105-0001", CaseState::kHandling);
  AddItem(jan, replied);
  AddItem(jan, handling);
  AddItem(jan, closed);
  AddItem(jan, rejected);
  AddItem(feb, raised_in_feb);
  AddItem(feb, handling, false);
  AddItem(elsewhere, other_community);

  // Before February: January's open items, in January's order; not the other community's.
  EXPECT_EQ(OpenBefore(chengkai_, "2026-02-10", feb), (std::vector<int64_t>{replied}));  // handling is on feb already
  EXPECT_EQ(OpenBefore(chengkai_, "2026-02-10", mar), (std::vector<int64_t>{replied, handling}));
  // Before March: January's and February's, each once.
  EXPECT_EQ(OpenBefore(chengkai_, "2026-03-10", mar), (std::vector<int64_t>{replied, handling, raised_in_feb}));
  EXPECT_TRUE(OpenBefore(chengkai_, "2026-01-10", jan).empty());
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto none, r.meetings().OpenItemsBefore(chengkai_, "2026-03-10", mar, {}));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(auto closed_only,
                     r.meetings().OpenItemsBefore(chengkai_, "2026-03-10", mar, {CaseState::kClosed}));
    EXPECT_EQ(closed_only, std::vector<int64_t>{closed});
    return Status::Ok();
  });
}

TEST_P(MeetingContract, Migration0007MakesTheMeetingChannelWaitForTheSignOff) {
  // A database from before 0007, whose building_meeting channel closed on the reply: the 0007
  // script run on it again (its tables dropped first; later migrations stay as they are).
  casework::Channel channel;
  channel.code = "building_meeting";
  channel.name = "楼栋会";
  channel.callback = false;
  MustWrite([&](Repositories& r) { return r.catalogue().PutChannel(channel); });
  auto migrations = storage::EmbeddedMigrations(db_->dialect());
  ASSERT_TRUE(migrations.ok()) << migrations.status().ToString();
  std::string_view script;
  for (const auto& m : *migrations) {
    if (m.version == 7) script = m.sql;
  }
  ASSERT_FALSE(script.empty()) << "migration 0007 is embedded";
  Status rerun = db_->Run(storage::sql::TxMode::kWrite, [&](storage::sql::Connection& c) -> Status {
    RETURN_IF_ERROR(c.ExecScript("DROP TABLE meeting_items; DROP TABLE meeting_attendees; DROP TABLE meetings; "
                                 "DROP TABLE meeting_schedules"));
    return c.ExecScript(std::string(script));
  });
  ASSERT_TRUE(rerun.ok()) << rerun.ToString();
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.catalogue().GetChannel("building_meeting"));
    EXPECT_TRUE(got && got->callback);
    ASSIGN_OR_RETURN(auto none, r.meetings().Latest(chengkai_));
    EXPECT_FALSE(none.has_value());
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, MeetingContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
