// Work-plan tasks through HTTP (issue 7 point 4), on SQLite and on PostgreSQL: the supervision
// office sets a task for an owner unit with a co-owner, a deadline and milestones (a work_plan case
// dispatched at once, due at the end of the deadline's day); the owner signs for it and reports
// progress with a milestone done; the co-owner may not report; the escalation ladder warns before
// the deadline and urges after it exactly as for any case, while the task's standing moves from
// on track to lagging to overdue, and a late reply is done late; lists by year, chain, unit and
// overdue follow the data scope; bad input is named and writes nothing.
#include <gtest/gtest.h>

#include "harness.h"
#include "services/platform.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Plan-Tester-Passw0rd";
constexpr TimeMs kHour = 3600LL * 1000;
constexpr TimeMs kDecember26 = 1766678400000LL;  // 2025-12-26 00:00 CST

class WorkPlanApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("task_supervisor"));
    office_ = CreateUnit(admin_, "吉安市委督查室", "3608");
    owner_ = CreateUnit(admin_, "吉安市工业和信息化局", "3608");
    co_owner_ = CreateUnit(admin_, "吉安市商务局", "3608");
    const int64_t other = CreateUnit(admin_, "吉安市文化广电新闻出版旅游局", "3608");
    CreateUser(admin_, "dc.office", office_, roles["task_supervisor"], "all", kPassword);
    CreateUser(admin_, "gx.handler", owner_, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "sw.handler", co_owner_, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "wl.staff", other, roles["case_handler"], "own_unit", kPassword);
    ASSERT_EQ(office_client_.Login("dc.office", kPassword).status, 200);
    ASSERT_EQ(owner_client_.Login("gx.handler", kPassword).status, 200);
    ASSERT_EQ(co_client_.Login("sw.handler", kPassword).status, 200);
    ASSERT_EQ(outsider_.Login("wl.staff", kPassword).status, 200);
    Reply chain = admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}});
    ASSERT_EQ(chain.status, 201) << chain.body;
    chain_ = chain.json["id"];
  }

  json Task() const {
    return {{"title", "引进电子元器件检测服务机构"},
            {"text", "围绕电子信息产业链检测断点，引进一家第三方检测服务机构落地。"},
            {"chain_id", chain_},
            {"owner_unit_id", owner_},
            {"co_owner_unit_ids", {co_owner_}},
            {"deadline_on", "2025-12-31"},
            {"milestones", {{{"title", "完成签约"}, {"due_on", "2025-12-25"}}, {{"title", "形成方案"}, {"due_on", "2025-12-10"}}}}};
  }
  int64_t TaskTotal(Client& c, const std::string& query = "") {
    Reply r = c.Get("/api/work-tasks" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("total", int64_t{-1});
  }
  // Moves the clock to `t` and signs the office and the owner in again (sessions expire meanwhile).
  void Later(TimeMs t) {
    server_.clock().Set(t);
    ASSERT_EQ(office_client_.Login("dc.office", kPassword).status, 200);
    ASSERT_EQ(owner_client_.Login("gx.handler", kPassword).status, 200);
  }
  json Escalated(int64_t id) {
    EXPECT_TRUE(server_.platform().cases().Escalate(services::Actor::System("escalation")).ok());
    Reply r = office_client_.Get("/api/work-tasks/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client office_client_{server_.port()};
  Client owner_client_{server_.port()};
  Client co_client_{server_.port()};
  Client outsider_{server_.port()};
  int64_t office_ = 0, owner_ = 0, co_owner_ = 0, chain_ = 0;
};

TEST_F(WorkPlanApi, ATaskIsSupervisedThroughTheCaseLadderAndItsMilestones) {
  Reply set = office_client_.Post("/api/work-tasks", Task());
  ASSERT_EQ(set.status, 201) << set.body;
  const int64_t id = set.json["case_id"];
  EXPECT_EQ(set.json["year"], 2025);
  EXPECT_EQ(set.json["case_state"], "dispatched");
  EXPECT_EQ(set.json["owner_name"], "吉安市工业和信息化局");
  EXPECT_EQ(set.json["co_owner_names"], json::array({"吉安市商务局"}));
  EXPECT_EQ(set.json["chain_name"], "电子信息");
  EXPECT_EQ(set.json["standing"], "on_track");
  ASSERT_EQ(set.json["milestones"].size(), 2u);
  EXPECT_EQ(set.json["milestones"][0]["title"], "形成方案");  // in date order
  // The case: on the work_plan channel, due at the end of 31 December (16:00 UTC).
  Reply c = owner_client_.Get("/api/cases/" + std::to_string(id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json["channel"], "work_plan");
  EXPECT_EQ(c.json["category_code"], "1301");
  EXPECT_EQ(c.json["due_at"], "2025-12-31T16:00:00.000Z");

  const std::string actions = "/api/cases/" + std::to_string(id) + "/actions";
  ASSERT_EQ(owner_client_.Post(actions, {{"type", "sign"}}).status, 200);
  const std::string progress = "/api/work-tasks/" + std::to_string(id) + "/progress";
  Reply co = co_client_.Post(progress, {{"progress", 10}, {"note", "配合对接"}});
  EXPECT_EQ(co.status, 403) << co.body;
  Reply report = owner_client_.Post(progress, {{"progress", 40}, {"note", "已与两家机构洽谈"}, {"milestones_done", {0}}});
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.json["progress"], 40);
  EXPECT_EQ(report.json["milestones"][0]["done_on"], "2025-11-29");
  EXPECT_TRUE(report.json["milestones"][1]["done_on"].is_null());
  Reply again = owner_client_.Post(progress, {{"progress", 50}, {"note", "重复"}, {"milestones_done", {0}}});
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_EQ(again.ErrorField(), "milestones[0]");
  Reply history = owner_client_.Get("/api/cases/" + std::to_string(id));
  bool noted = false;
  for (const auto& e : history.json["events"]) {
    if (e["type"] == "progress" && e["note"].get<std::string>().find("进度40%") != std::string::npos) noted = true;
  }
  EXPECT_TRUE(noted) << history.body;

  // Lists by year, chain and unit; the outsider sees none of it.
  EXPECT_EQ(TaskTotal(office_client_, "?year=2025"), 1);
  EXPECT_EQ(TaskTotal(office_client_, "?year=2026"), 0);
  EXPECT_EQ(TaskTotal(office_client_, "?chain_id=" + std::to_string(chain_)), 1);
  EXPECT_EQ(TaskTotal(office_client_, "?unit_id=" + std::to_string(co_owner_)), 1);
  EXPECT_EQ(TaskTotal(co_client_), 1);
  EXPECT_EQ(TaskTotal(outsider_), 0);
  EXPECT_EQ(outsider_.Get("/api/work-tasks/" + std::to_string(id)).status, 404);

  // 26 December: the second milestone is late (滞后) and the warning rung has fallen due.
  Later(kDecember26 + 10 * kHour);
  json late = Escalated(id);
  EXPECT_EQ(late["standing"], "lagging");
  EXPECT_EQ(late["escalation"], "warning");
  EXPECT_EQ(TaskTotal(office_client_, "?overdue=true"), 0);
  // 2 January: past the deadline; 催办 at it.
  Later(kDecember26 + 7 * 24 * kHour + 10 * kHour);
  json overdue = Escalated(id);
  EXPECT_EQ(overdue["standing"], "overdue");
  EXPECT_EQ(overdue["escalation"], "urge");
  EXPECT_EQ(TaskTotal(office_client_, "?overdue=true"), 1);
  // The co-owner hands in its part, then the owner replies late: done late, no longer overdue.
  ASSERT_TRUE(co_client_.Login("sw.handler", kPassword).status == 200);
  ASSERT_EQ(co_client_.Post(actions, {{"type", "co_sign"}}).status, 200);
  Reply part = co_client_.Post(actions, {{"type", "co_reply"}, {"note", "已提供招商对接资料"}});
  ASSERT_EQ(part.status, 200) << part.body;
  Reply reply = owner_client_.Post(actions, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "检测机构已签约落地"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  Reply done = office_client_.Get("/api/work-tasks/" + std::to_string(id));
  EXPECT_EQ(done.json["standing"], "done_late");
  EXPECT_EQ(done.json["case_state"], "replied");
  EXPECT_EQ(TaskTotal(office_client_, "?overdue=true"), 0);
}

TEST_F(WorkPlanApi, ATaskKeepsItsDeadlineWhenReassignedEvenPastIt) {
  Reply set = office_client_.Post("/api/work-tasks", Task());
  ASSERT_EQ(set.status, 201) << set.body;
  const std::string actions = "/api/cases/" + set.json["case_id"].dump() + "/actions";
  Reply moved = office_client_.Post(actions, {{"type", "reassign"}, {"unit_id", co_owner_}, {"note", "调整牵头单位"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json["lead_unit_id"], co_owner_);
  EXPECT_EQ(moved.json["due_at"], "2025-12-31T16:00:00.000Z") << "the plan's date, not a handling limit from now";
  // 2 January, past the date: moved back to the owner, still due on 31 December (and overdue).
  Later(kDecember26 + 7 * 24 * kHour + 10 * kHour);
  Reply back = office_client_.Post(actions, {{"type", "reassign"}, {"unit_id", owner_}, {"note", "仍由工信局牵头"}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json["due_at"], "2025-12-31T16:00:00.000Z");
  EXPECT_EQ(TaskTotal(office_client_, "?overdue=true"), 1);
}

TEST_F(WorkPlanApi, BadInputIsNamedAndWritesNothing) {
  auto expect_bad = [&](json body, int status, const std::string& field) {
    Reply r = office_client_.Post("/api/work-tasks", body);
    EXPECT_EQ(r.status, status) << body.dump() << " → " << r.body;
    EXPECT_EQ(r.ErrorField(), field) << r.body;
  };
  json past = Task();
  past["deadline_on"] = "2025-11-29";  // today
  expect_bad(past, 400, "deadline_on");
  json late_milestone = Task();
  late_milestone["milestones"][0]["due_on"] = "2026-01-05";
  expect_bad(late_milestone, 400, "milestones[0].due_on");
  json unknown_owner = Task();
  unknown_owner["owner_unit_id"] = 999999;
  expect_bad(unknown_owner, 400, "owner_unit_id");
  json twice = Task();
  twice["co_owner_unit_ids"] = {owner_};
  expect_bad(twice, 400, "co_owner_unit_ids");
  json unknown_co = Task();
  unknown_co["co_owner_unit_ids"] = {999999};
  expect_bad(unknown_co, 400, "co_owner_unit_ids");
  json unknown_chain = Task();
  unknown_chain["chain_id"] = 999999;
  expect_bad(unknown_chain, 400, "chain_id");
  json untitled = Task();
  untitled.erase("title");
  expect_bad(untitled, 400, "title");
  // Without chain:task:write.
  Reply refused = owner_client_.Post("/api/work-tasks", Task());
  EXPECT_EQ(refused.status, 403) << refused.body;
  // Nothing was written.
  Reply cases = admin_.Get("/api/cases?channel=work_plan");
  EXPECT_EQ(cases.json["total"], 0) << cases.body;
  EXPECT_EQ(TaskTotal(admin_), 0);

  // A report out of range, or naming a milestone the task lacks.
  Reply set = office_client_.Post("/api/work-tasks", Task());
  ASSERT_EQ(set.status, 201) << set.body;
  const std::string progress = "/api/work-tasks/" + set.json["case_id"].dump() + "/progress";
  ASSERT_EQ(owner_client_.Post("/api/cases/" + set.json["case_id"].dump() + "/actions", {{"type", "sign"}}).status, 200);
  Reply too_much = owner_client_.Post(progress, {{"progress", 101}, {"note", "超过"}});
  EXPECT_EQ(too_much.status, 400);
  EXPECT_EQ(too_much.ErrorField(), "progress");
  Reply unknown = owner_client_.Post(progress, {{"progress", 20}, {"note", "节点"}, {"milestones_done", {7}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorField(), "milestones[0]");
  Reply blank = owner_client_.Post(progress, {{"progress", 20}, {"note", "  "}});
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.ErrorField(), "note");
  Reply kept = office_client_.Get("/api/work-tasks/" + set.json["case_id"].dump());
  EXPECT_EQ(kept.json["progress"], 0);
}

}  // namespace
}  // namespace lz::testing
