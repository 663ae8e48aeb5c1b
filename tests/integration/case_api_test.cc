// The casework loop through HTTP (issue 5), on SQLite and on PostgreSQL: register, dispatch with
// the proposed unit, sign for, return, re-dispatch, reply, a dissatisfied callback that reopens,
// a satisfied one that closes; parties and scopes (the wrong unit is refused, another unit's
// staff cannot see the case); racing sign-fors (exactly one wins); bad input writes nothing;
// inboxes, notifications and the escalation timer under the simulated clock; every case rebuilt
// from its events equals its stored projection.
#include <gtest/gtest.h>

#include <set>

#include "common/china_time.h"
#include "domain/calendar/work_calendar.h"
#include "domain/casework/case.h"
#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Casework-Tester-Passw0rd";

class CaseApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    roles_ = RoleIds(admin_);
    ASSERT_TRUE(roles_.count("case_dispatcher") && roles_.count("case_handler"));
    center_ = NewUnit("吉州区12345热线中心");
    roads_ = NewUnit("吉州区市政公用局");
    police_ = NewUnit("吉州区城市管理局");
    NewUser("dispatch1", center_, "case_dispatcher");
    NewUser("roads1", roads_, "case_handler");
    NewUser("roads2", roads_, "case_handler");
    NewUser("police1", police_, "case_handler");
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(roads_a_.Login("roads1", kPassword).status, 200);
    ASSERT_EQ(roads_b_.Login("roads2", kPassword).status, 200);
    ASSERT_EQ(police_c_.Login("police1", kPassword).status, 200);
  }

  int64_t NewUnit(const std::string& name) { return CreateUnit(admin_, name); }
  void NewUser(const std::string& login, int64_t unit, const std::string& role) {
    CreateUser(admin_, login, unit, roles_[role], "own_unit", kPassword);
  }
  json NewCase(const std::string& category = "0201") {
    Reply r = dispatcher_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", category},
                                              {"text", "人民广场东侧人行道地砖破损，老人容易绊倒"},
                                              {"region_code", "360802"}, {"reporter_name", "刘晓明"},
                                              {"reporter_phone", "13907961234"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }
  Reply Act(Client& c, int64_t id, json action) {
    return c.Post("/api/cases/" + std::to_string(id) + "/actions", action);
  }
  std::string Path(int64_t id) { return "/api/cases/" + std::to_string(id); }

  TestServer server_;
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client roads_a_{server_.port()};
  Client roads_b_{server_.port()};
  Client police_c_{server_.port()};
  std::map<std::string, int64_t> roles_;
  int64_t center_ = 0, roads_ = 0, police_ = 0;
};

TEST_F(CaseApi, TheClosedLoop) {
  // The routing table proposes the unit.
  Reply cats = admin_.Get("/api/case-categories");
  int64_t category = 0;
  for (const auto& c : cats.json["items"]) {
    if (c["code"] == "0201") category = c["id"];
  }
  ASSERT_GT(category, 0) << "the shipped catalogue has 0201 市政设施损坏";
  ASSERT_EQ(admin_.Post("/api/case-routes", {{"category_id", category}, {"region_code", "3608"}, {"unit_id", roads_}}).status, 200);

  json created = NewCase();
  const int64_t id = created["id"];
  EXPECT_EQ(created["state"], "pending_dispatch");
  EXPECT_TRUE(created["number"].get<std::string>().rfind("360802-", 0) == 0) << created["number"];
  Reply detail = dispatcher_.Get(Path(id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["proposed_unit_id"], roads_);
  EXPECT_EQ(detail.json["reporter_phone"], "13907961234") << "the intake sees personal data";
  EXPECT_EQ(dispatcher_.Get("/api/cases/inbox").json["to_dispatch"], 1);

  // Dispatch to the wrong unit first; it returns the case.
  Reply sent = Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", police_}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json["state"], "dispatched");
  EXPECT_FALSE(sent.json["due_at"].is_null());
  Reply to_sign = police_c_.Get("/api/cases/inbox/to_sign");
  EXPECT_EQ(to_sign.json["total"], 1);
  EXPECT_EQ(to_sign.json["unit_names"][std::to_string(police_)], "吉州区城市管理局") << "lists name the units";
  EXPECT_EQ(to_sign.json["enterprise_names"], json::object());
  EXPECT_EQ(police_c_.Get("/api/notifications/unread-count").json["unread"], 1);
  Reply notes = police_c_.Get("/api/notifications");
  ASSERT_EQ(notes.json["items"].size(), 1u) << notes.body;
  EXPECT_EQ(notes.json["items"][0]["kind"], "case.dispatch");
  EXPECT_EQ(notes.json["items"][0]["case_number"], created["number"]) << "clients localise the title from kind and number";
  EXPECT_EQ(roads_a_.Get(Path(id)).status, 404) << "another unit's staff cannot see it";
  Reply wrong_unit = Act(roads_a_, id, {{"type", "sign"}});
  EXPECT_EQ(wrong_unit.status, 404);
  Reply no_reason = Act(police_c_, id, {{"type", "return"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.ErrorField(), "note");
  Reply back = Act(police_c_, id, {{"type", "return"}, {"note", "人行道维修不属于城管职责"}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json["state"], "returned");
  EXPECT_EQ(police_c_.Get(Path(id)).status, 200) << "a unit keeps seeing what it handled";
  EXPECT_EQ(police_c_.Get(Path(id)).json["reporter_phone"], "139****1234") << "but masked";

  // Re-dispatch to the proposed unit; two handlers race to sign for it: exactly one wins.
  ASSERT_EQ(Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}}).status, 200);
  int32_t version = roads_a_.Get(Path(id)).json["version"];
  Reply a = Act(roads_a_, id, {{"type", "sign"}, {"expected_version", version}});
  Reply b = Act(roads_b_, id, {{"type", "sign"}, {"expected_version", version}});
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(b.status, 409) << b.body;

  // Reply; a dissatisfied callback reopens; the second reply is rated well and closes.
  Reply rate_open = Act(dispatcher_, id, {{"type", "callback"}, {"rating", 5}});
  EXPECT_EQ(rate_open.status, 409) << "a rating on an open case";
  ASSERT_EQ(Act(roads_a_, id, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已更换破损地砖"}}).status, 200);
  auto unread = [&](Client& c) { return c.Get("/api/notifications/unread-count").json.value("unread", int64_t{-1}); };
  const int64_t unread_before_reopen = unread(roads_a_);
  Reply reopened = Act(dispatcher_, id, {{"type", "callback"}, {"rating", 2}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json["state"], "handling");
  EXPECT_EQ(reopened.json["reopen_count"], 1);
  EXPECT_EQ(unread(roads_a_), unread_before_reopen + 1) << "the handling unit hears of the reopening";
  ASSERT_EQ(Act(roads_a_, id, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已全面整修"}}).status, 200);
  const int64_t unread_before_close = unread(roads_a_);
  Reply closed = Act(dispatcher_, id, {{"type", "callback"}, {"rating", 5}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json["state"], "closed");
  EXPECT_EQ(closed.json["rating"], 5);
  EXPECT_EQ(unread(roads_a_), unread_before_close) << "a satisfied callback closes without notifying the unit";

  Reply full = dispatcher_.Get(Path(id));
  std::vector<std::string> types;
  for (const auto& e : full.json["events"]) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"create", "accept", "dispatch", "return", "dispatch", "sign", "reply",
                                             "callback", "reply", "callback"}));
  EXPECT_EQ(dispatcher_.Get("/api/cases/by-number/" + created["number"].get<std::string>()).json["id"], id);
}

TEST_F(CaseApi, AcceptedDaysFilterInChinaTime) {
  auto china_day = [&] { return calendar::FormatDate(DateOfDayNumber(ChinaDayOf(server_.clock().NowMs()))); };
  const int64_t first = NewCase()["id"];
  const std::string day1 = china_day();
  server_.clock().Advance(24LL * 3600 * 1000);
  ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);  // the session expired meanwhile
  const int64_t second = NewCase()["id"];
  const std::string day2 = china_day();
  ASSERT_NE(day1, day2);
  auto ids = [&](const std::string& query) {
    std::vector<int64_t> out;
    Reply r = dispatcher_.Get("/api/cases?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& c : r.json["items"]) out.push_back(c["id"]);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("accepted_from=" + day2), std::vector<int64_t>{second});
  EXPECT_EQ(ids("accepted_to=" + day1), std::vector<int64_t>{first});
  EXPECT_EQ(ids("accepted_from=" + day1 + "&accepted_to=" + day2), (std::vector<int64_t>{first, second}));
  EXPECT_EQ(ids("accepted_from=" + day1 + "&accepted_to=" + day1), std::vector<int64_t>{first});
  Reply bad = dispatcher_.Get("/api/cases?accepted_from=2025-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "accepted_from");
  Reply reversed = dispatcher_.Get("/api/cases?accepted_from=" + day2 + "&accepted_to=" + day1);
  EXPECT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.ErrorField(), "accepted_to");
}

TEST_F(CaseApi, NotificationsReachThoseWhoActNotTheWholeUnit) {
  ASSERT_TRUE(roles_.count("staff"));
  NewUser("roads_clerk", roads_, "staff");  // reads cases, does not handle them
  Client clerk{server_.port()};
  ASSERT_EQ(clerk.Login("roads_clerk", kPassword).status, 200);
  const int64_t id = NewCase()["id"];
  ASSERT_EQ(Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}}).status, 200);
  auto unread = [&](Client& c) { return c.Get("/api/notifications/unread-count").json.value("unread", int64_t{-1}); };
  EXPECT_EQ(unread(roads_a_), 1);
  EXPECT_EQ(unread(roads_b_), 1);
  EXPECT_EQ(unread(clerk), 0) << "a unit member without case:case:handle is not asked to sign";
}

TEST_F(CaseApi, BadInputWritesNothing) {
  auto count = [&] { return admin_.Get("/api/cases?page_size=1").json.value("total", int64_t{-1}); };
  const int64_t before = count();
  json base = {{"channel", "hotline"}, {"category_code", "0201"}, {"text", "路灯不亮"}, {"region_code", "360802"}};
  auto refused = [&](json patch, const std::string& field) {
    json body = base;
    body.update(patch);
    Reply r = dispatcher_.Post("/api/cases", body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorField(), field) << r.body;
  };
  refused({{"category_code", "9999"}}, "category_code");
  refused({{"channel", "fax"}}, "channel");
  refused({{"region_code", "369999"}}, "region_code");
  refused({{"reporter_phone", "phone me"}}, "reporter_phone");
  refused({{"subject_kind", "enterprise"}}, "enterprise_credit_code");
  refused({{"subject_kind", "enterprise"}, {"enterprise_credit_code", "91360802MA35F0E16G"}}, "enterprise_credit_code");
  auto chinese = [](size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += "路";
    return s;
  };
  refused({{"text", chinese(5001)}}, "text");  // the limits count characters, not bytes
  refused({{"address", chinese(201)}}, "address");
  refused({{"reporter_name", chinese(51)}}, "reporter_name");
  EXPECT_EQ(count(), before);
  json longest = base;
  longest["text"] = chinese(5000);
  longest["address"] = chinese(200);
  EXPECT_EQ(dispatcher_.Post("/api/cases", longest).status, 201) << "5,000 characters (15,000 bytes) of text fit";
  EXPECT_EQ(count(), before + 1);
  Reply handler_registers = roads_a_.Post("/api/cases", base);
  EXPECT_EQ(handler_registers.status, 403);

  json c = NewCase();
  const int64_t id = c["id"];
  Reply unknown_unit = Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", 999999}});
  EXPECT_EQ(unknown_unit.status, 400);
  EXPECT_EQ(unknown_unit.ErrorField(), "unit_id");
  EXPECT_EQ(dispatcher_.Get(Path(id)).json["events"].size(), 2u) << "create and accept only";
  Reply too_long = Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}});
  ASSERT_EQ(too_long.status, 200);
  ASSERT_EQ(Act(roads_a_, id, {{"type", "sign"}}).status, 200);
  Reply past_max = Act(roads_a_, id, {{"type", "request_extension"}, {"days", 30}, {"note", "施工周期长"}});
  EXPECT_EQ(past_max.status, 400);
  EXPECT_EQ(past_max.ErrorField(), "days");
}

TEST_F(CaseApi, EscalationLadderUnderTheSimulatedClock) {
  json c = NewCase("0203");  // 垃圾未清运: 2 working days, warning 1 day before, 督办 +1, 通报 +2, 提级 +3
  const int64_t id = c["id"];
  ASSERT_EQ(Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}}).status, 200);
  ASSERT_EQ(Act(roads_a_, id, {{"type", "sign"}}).status, 200);
  auto escalate = [&] {
    auto n = server_.platform().cases().Escalate(services::Actor::System("escalation"));
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  };
  EXPECT_EQ(escalate(), 0);
  const std::string before = roads_a_.Get(Path(id)).json["escalation"];
  EXPECT_EQ(before, "none");
  server_.clock().Advance(40LL * 24 * 3600 * 1000);  // far past every rung (holidays included)
  EXPECT_EQ(escalate(), 5);
  ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);  // the sessions expired meanwhile
  ASSERT_EQ(roads_a_.Login("roads1", kPassword).status, 200);
  Reply after = dispatcher_.Get(Path(id));
  EXPECT_EQ(after.json["escalation"], "escalate");
  int rungs = 0;
  for (const auto& e : after.json["events"]) rungs += e["type"] == "escalate";
  EXPECT_EQ(rungs, 5);
  EXPECT_EQ(escalate(), 0) << "each rung once";
  EXPECT_GE(roads_a_.Get("/api/notifications?unread=true").json["total"].get<int64_t>(), 2);
  EXPECT_EQ(roads_a_.Get("/api/cases/inbox").json["overdue"], 1);
  EXPECT_EQ(roads_a_.Post("/api/notifications/read", json::object()).status, 200);
  EXPECT_EQ(roads_a_.Get("/api/notifications/unread-count").json["unread"], 0);
}

// 通报 reaches the head of the lead unit (a unit_head position), 提级 also the head of the unit
// above it; neither hears of the earlier rungs. Driven a day at a time.
TEST_F(CaseApi, CirculationAndEscalationReachTheUnitHeads) {
  const int64_t gov = CreateUnit(admin_, "吉州区人民政府");
  const int64_t sanitation = CreateUnit(admin_, "吉州区环卫所", "360802", gov);
  CreateUser(admin_, "sanit1", sanitation, roles_["case_handler"], "own_unit", kPassword);
  struct Head { const char* login; int64_t unit; int64_t user = 0; };
  Head lead_head{"sanit_head", sanitation}, gov_head{"gov_head", gov};
  for (Head* h : {&lead_head, &gov_head}) {
    h->user = CreateUser(admin_, h->login, h->unit, roles_["staff"], "own_unit", kPassword);
    Reply p = admin_.Post("/api/positions", {{"user_id", h->user}, {"kind", "unit_head"}, {"context_type", "unit"},
                                             {"context_ref", std::to_string(h->unit)}});
    ASSERT_EQ(p.status, 201) << p.body;
  }
  Client handler{server_.port()};
  ASSERT_EQ(handler.Login("sanit1", kPassword).status, 200);
  const int64_t id = NewCase("0203")["id"];  // 2 working days; 督办 +1, 通报 +2, 提级 +3
  ASSERT_EQ(Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", sanitation}}).status, 200);
  ASSERT_EQ(Act(handler, id, {{"type", "sign"}}).status, 200);

  // The notification kinds a user has, read after signing in again (sessions expire in a day).
  auto kinds = [&](const char* login) {
    Client c{server_.port()};
    EXPECT_EQ(c.Login(login, kPassword).status, 200);
    std::set<std::string> out;
    const Reply r = c.Get("/api/notifications?page_size=100");  // kept: the loop reads into it
    for (const auto& n : r.json["items"]) out.insert(n["kind"]);
    return out;
  };
  std::string level = "none";
  for (int day = 0; day < 40 && level != "escalate"; ++day) {
    server_.clock().Advance(24LL * 3600 * 1000);
    ASSERT_TRUE(server_.platform().cases().Escalate(services::Actor::System("escalation")).ok());
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    level = admin_.Get(Path(id)).json["escalation"];
    const auto lead_kinds = kinds(lead_head.login);
    const auto gov_kinds = kinds(gov_head.login);
    const bool circulated = level == "circulate" || level == "escalate";
    EXPECT_EQ(lead_kinds.count("case.escalate.circulate"), circulated ? 1u : 0u) << "day " << day << ", " << level;
    EXPECT_EQ(lead_kinds.count("case.escalate.escalate"), level == "escalate" ? 1u : 0u) << level;
    EXPECT_EQ(lead_kinds.count("case.escalate.urge") + lead_kinds.count("case.escalate.supervise"), 0u)
        << "the head hears of the case from 通报 on";
    EXPECT_EQ(gov_kinds.count("case.escalate.circulate"), 0u) << level;
    EXPECT_EQ(gov_kinds.count("case.escalate.escalate"), level == "escalate" ? 1u : 0u) << level;
  }
  EXPECT_EQ(level, "escalate");
}

TEST_F(CaseApi, EveryCaseRebuildsFromItsEvents) {
  for (int i = 0; i < 3; ++i) {
    int64_t id = NewCase()["id"];
    ASSERT_EQ(Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}, {"co_unit_ids", {police_}}}).status, 200);
    if (i == 0) continue;
    ASSERT_EQ(Act(roads_a_, id, {{"type", "sign"}}).status, 200);
    ASSERT_EQ(Act(police_c_, id, {{"type", "co_sign"}}).status, 200);
    ASSERT_EQ(Act(police_c_, id, {{"type", "co_reply"}, {"note", "已配合清理"}}).status, 200);
    if (i == 2) {
      ASSERT_EQ(Act(dispatcher_, id, {{"type", "suspend"}, {"note", "等待鉴定"}}).status, 200);
    }
  }
  int checked = 0;
  Status st = server_.platform().store().Read([&](storage::Repositories& repos) -> Status {
    std::map<int64_t, std::vector<casework::CaseEvent>> events;
    RETURN_IF_ERROR(repos.cases().ForEachEvent([&](const casework::CaseEvent& e) {
      events[e.case_id].push_back(e);
      return Status::Ok();
    }));
    for (const auto& [id, list] : events) {
      ASSIGN_OR_RETURN(auto stored, repos.cases().Get(id));
      if (!stored) return Internal("case missing");
      ASSIGN_OR_RETURN(auto rebuilt, casework::Rebuild(id, stored->number, stored->facts, list));
      EXPECT_EQ(rebuilt, *stored) << "case " << id;
      ++checked;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(checked, 3);
}

// An iCalendar schedule of one holiday and one make-up workday.
std::string Schedule(const std::string& holiday, const std::string& holiday_end, const std::string& workday) {
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";
  ics += "BEGIN:VEVENT\r\nUID:h@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:" + holiday +
         "\r\nDTEND;VALUE=DATE:" + holiday_end + "\r\nSUMMARY:元旦(休)\r\nEND:VEVENT\r\n";
  if (!workday.empty()) {
    ics += "BEGIN:VEVENT\r\nUID:w@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:" + workday +
           "\r\nDTEND;VALUE=DATE:" + workday + "\r\nSUMMARY:元旦(班)\r\nEND:VEVENT\r\n";
  }
  return ics + "END:VCALENDAR\r\n";
}

TEST_F(CaseApi, AdministratorLoadsNextYearsSchedule) {
  Reply info = dispatcher_.Get("/api/calendar");
  ASSERT_EQ(info.status, 200) << info.body;
  const int last = info.json["last_year"];
  ASSERT_GE(last, 2026);
  const std::string next = std::to_string(last + 1);
  Reply days = dispatcher_.Get("/api/calendar/days?from=2024-02-03&to=2024-02-04");
  ASSERT_EQ(days.status, 200) << days.body;
  EXPECT_EQ(days.json["items"][0]["working"], false);   // a Saturday
  EXPECT_EQ(days.json["items"][1]["working"], true);    // Sunday 2024-02-04: a make-up workday for 春节
  EXPECT_EQ(days.json["items"][1]["kind"], "workday");

  json file = {{"file_name", next + ".ics"}, {"content", Schedule(next + "0101", next + "0104", "")}};
  EXPECT_EQ(dispatcher_.Put("/api/calendar/years/" + next, file).status, 403) << "dispatchers do not load calendars";
  json bad = {{"content", "BEGIN:VCALENDAR\r\nEND:VEVENT\r\n"}};
  Reply refused = admin_.Put("/api/calendar/years/" + next, bad);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ErrorField(), "content");
  EXPECT_EQ(admin_.Get("/api/calendar").json["last_year"], last) << "nothing loaded";
  Reply loaded = admin_.Put("/api/calendar/years/" + next, file);
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  EXPECT_EQ(loaded.json["last_year"], last + 1);
  EXPECT_EQ(loaded.json["files"].size(), 1u);
  Reply new_year = dispatcher_.Get("/api/calendar/days?from=" + next + "-01-01&to=" + next + "-01-01");
  EXPECT_EQ(new_year.json["items"][0]["working"], false);
  EXPECT_EQ(new_year.json["items"][0]["official"], true);
}

}  // namespace
}  // namespace lz::testing
