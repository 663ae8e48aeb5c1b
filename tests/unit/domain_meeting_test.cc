// Building-meeting rules (domain/casework/meeting.h): dates of the monthly schedule (clamped to
// short months, across years), input checks naming the field, the quorum to hold a meeting, the
// sign-off note, and where an item stands in the minutes.
#include <gtest/gtest.h>

#include "domain/casework/meeting.h"

namespace lz::casework {
namespace {

Attendee Person(AttendeeRole role, std::string name, std::string affiliation = "") {
  Attendee a;
  a.role = role;
  a.name = std::move(name);
  a.affiliation = std::move(affiliation);
  return a;
}

TEST(MeetingDates, NextDateIsTheDayOfTheFollowingMonthClampedToShortMonths) {
  EXPECT_EQ(NextMeetingDate("2026-01-10", 10), "2026-02-10");
  EXPECT_EQ(NextMeetingDate("2026-01-09", 10), "2026-01-10");
  EXPECT_EQ(NextMeetingDate("2026-12-10", 10), "2027-01-10");
  EXPECT_EQ(NextMeetingDate("2026-01-31", 31), "2026-02-28");
  EXPECT_EQ(NextMeetingDate("2028-01-31", 31), "2028-02-29");  // leap year
  EXPECT_EQ(NextMeetingDate("2026-02-28", 31), "2026-03-31");
  EXPECT_EQ(NextMeetingDate("2026-02-28", 30), "2026-03-30");
  // The 10th is kept whatever the weekday: 2026-10-10 is a Saturday in the National Day week.
  EXPECT_EQ(NextMeetingDate("2026-09-10", 10), "2026-10-10");
}

TEST(MeetingDates, DateFromIncludesTheDayItself) {
  EXPECT_EQ(MeetingDateFrom("2026-03-10", 10), "2026-03-10");
  EXPECT_EQ(MeetingDateFrom("2026-03-01", 10), "2026-03-10");
  EXPECT_EQ(MeetingDateFrom("2026-03-11", 10), "2026-04-10");
  EXPECT_EQ(MeetingDateFrom("2026-02-28", 31), "2026-02-28");
}

TEST(MeetingDates, LocalDateOfAnInstantIsChinaStandardTime) {
  const TimeMs utc_2026_01_09_17_00 = 1767978000000;  // 2026-01-10 01:00 in Beijing
  EXPECT_EQ(MeetingDateOf(utc_2026_01_09_17_00), "2026-01-10");
  EXPECT_EQ(MeetingDateOf(utc_2026_01_09_17_00 - 2 * 3600 * 1000), "2026-01-09");
}

TEST(MeetingDates, BadDatesAreRefusedNamingTheField) {
  EXPECT_TRUE(CheckMeetingDate("2026-02-28", "scheduled_on").ok());
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-10", "20260110", "", "2026-01-1x", "1999-12-31", "2100-01-01"}) {
    Status st = CheckMeetingDate(bad, "scheduled_on");
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "scheduled_on") << bad;
  }
}

TEST(MeetingInput, SchedulesAttendeesAndMinutesAreCheckedAndTrimmed) {
  MeetingSchedule s;
  s.place = "  社区议事厅 ";
  EXPECT_TRUE(NormaliseSchedule(s).ok());
  EXPECT_EQ(s.place, "社区议事厅");
  EXPECT_EQ(s.day_of_month, 10);
  for (int day : {0, 32, -1}) {
    MeetingSchedule bad;
    bad.day_of_month = day;
    EXPECT_EQ(NormaliseSchedule(bad).field(), "day_of_month") << day;
  }
  MeetingSchedule negative;
  negative.residents = -1;
  EXPECT_EQ(NormaliseSchedule(negative).field(), "residents");

  std::vector<Attendee> people = {Person(AttendeeRole::kCommunity, " 王主任 "), Person(AttendeeRole::kOther, "")};
  Status st = NormaliseAttendees(people);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "attendees[1].name");
  EXPECT_EQ(people[0].name, "王主任");
  std::vector<Attendee> twice = {Person(AttendeeRole::kResidentRepresentative, "李秀英", "3栋"),
                                 Person(AttendeeRole::kResidentRepresentative, "李秀英", "3栋")};
  EXPECT_EQ(NormaliseAttendees(twice).field(), "attendees[1].name");
  std::vector<Attendee> long_name = {Person(AttendeeRole::kOther, std::string(51, 'a'))};
  EXPECT_EQ(NormaliseAttendees(long_name).field(), "attendees[0].name");
  std::vector<Attendee> many(101, Person(AttendeeRole::kOther, "x"));
  EXPECT_EQ(NormaliseAttendees(many).field(), "attendees");

  std::string minutes(20001, 'x');
  EXPECT_EQ(NormaliseMinutes(minutes).field(), "minutes");
  std::string fine = " 议定事项 ";
  EXPECT_TRUE(NormaliseMinutes(fine).ok());
  EXPECT_EQ(fine, "议定事项");
}

TEST(MeetingInput, AMeetingIsHeldWithTheCommunityAndAResidentsRepresentative) {
  EXPECT_TRUE(CheckQuorum({Person(AttendeeRole::kCommunity, "王主任"),
                           Person(AttendeeRole::kResidentRepresentative, "李秀英")})
                  .ok());
  Status no_rep = CheckQuorum({Person(AttendeeRole::kCommunity, "王主任"), Person(AttendeeRole::kPropertyCompany, "赵经理")});
  EXPECT_EQ(no_rep.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(no_rep.field(), "attendees");
  EXPECT_EQ(CheckQuorum({Person(AttendeeRole::kResidentRepresentative, "李秀英")}).field(), "attendees");
  EXPECT_EQ(CheckQuorum({}).code(), StatusCode::kFailedPrecondition);
}

TEST(MeetingSignOff, TheNoteNamesTheSigner) {
  EXPECT_EQ(SignOffNote(Person(AttendeeRole::kResidentRepresentative, "李秀英", "3栋"), " 已看到整改 "),
            "居民代表李秀英（3栋）签字确认：已看到整改");
  EXPECT_EQ(SignOffNote(Person(AttendeeRole::kResidentRepresentative, "张伟"), ""), "居民代表张伟签字确认");
}

TEST(MeetingMinutes, AnItemIsSettledByTheLastMeetingThatHadIt) {
  EXPECT_EQ(MinutesStatus(CaseState::kClosed, false), ItemStatus::kSettled);
  EXPECT_EQ(MinutesStatus(CaseState::kArchived, false), ItemStatus::kSettled);
  EXPECT_EQ(MinutesStatus(CaseState::kClosed, true), ItemStatus::kCarriedOver);
  EXPECT_EQ(MinutesStatus(CaseState::kHandling, true), ItemStatus::kCarriedOver);
  EXPECT_EQ(MinutesStatus(CaseState::kReplied, false), ItemStatus::kAwaitingSignOff);
  EXPECT_EQ(MinutesStatus(CaseState::kHandling, false), ItemStatus::kOpen);
  EXPECT_EQ(MinutesStatus(CaseState::kPendingDispatch, false), ItemStatus::kOpen);
  EXPECT_EQ(MinutesStatus(CaseState::kRejected, false), ItemStatus::kWithdrawn);
  EXPECT_EQ(MinutesStatus(CaseState::kMerged, false), ItemStatus::kWithdrawn);
  for (CaseState s : {CaseState::kClosed, CaseState::kArchived, CaseState::kRejected, CaseState::kMerged}) {
    EXPECT_FALSE(CarriedInState(s)) << CaseStateName(s);
  }
  for (CaseState s : {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched, CaseState::kHandling,
                      CaseState::kReturned, CaseState::kArbitration, CaseState::kReplied}) {
    EXPECT_TRUE(CarriedInState(s)) << CaseStateName(s);
  }
}

TEST(MeetingNames, WireNamesRoundTrip) {
  for (auto role : {AttendeeRole::kCommunity, AttendeeRole::kPropertyCompany, AttendeeRole::kResidentRepresentative,
                    AttendeeRole::kStreetOffice, AttendeeRole::kOther}) {
    EXPECT_EQ(ParseAttendeeRole(AttendeeRoleName(role)), role);
  }
  EXPECT_EQ(AttendeeRoleName(AttendeeRole::kResidentRepresentative), "resident_representative");
  EXPECT_EQ(ParseMeetingState("held"), MeetingState::kHeld);
  EXPECT_FALSE(ParseMeetingState("cancelled").has_value());
  EXPECT_EQ(ItemStatusName(ItemStatus::kAwaitingSignOff), "awaiting_sign_off");
}

}  // namespace
}  // namespace lz::casework
