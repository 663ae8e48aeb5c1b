// The field staff who serve enterprises through HTTP (issue 6 points 1 and 4), on SQLite and on
// PostgreSQL: a commissioner assigned to an enterprise records a visit (policies, help, funds) and
// the recruitment problem raised there becomes a case on the commissioner channel about the
// enterprise and its chain; a department handles it and the commissioner records the enterprise's
// satisfied callback, after which the problem counts as solved in the record and the figures;
// reassignment with a reason moves the enterprise to another commissioner; a liaison officer
// files on the liaison channel for enterprises of their region only; bad input is named and
// writes nothing; permissions.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Field-Tester-Passw0rd";
constexpr const char* kFirmA = "91360802MA35F0E16G";   // 吉安, member of the electronics chain
constexpr const char* kFirmB = "91440300708461136T";   // 吉安, another commissioner's
constexpr const char* kFirmC = "914403001922038216";   // 南昌县, served by the liaison officer

class FieldApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("commissioner") && roles.count("liaison_officer"));
    bureau_ = CreateUnit(admin_, "吉安市工业和信息化局", "3608");
    hrss_ = CreateUnit(admin_, "吉安市人力资源和社会保障局", "3608");
    chamber_ = NewUnit("南昌县工商业联合会", "chamber_of_commerce", "360121");
    li_ = CreateUser(admin_, "tpy.li", bureau_, roles["commissioner"], "self", kPassword);
    wang_ = CreateUser(admin_, "tpy.wang", bureau_, roles["commissioner"], "self", kPassword);
    zhao_ = CreateUser(admin_, "ll.zhao", chamber_, roles["liaison_officer"], "self", kPassword);
    CreateUser(admin_, "rsj.handler", hrss_, roles["case_handler"], "own_unit", kPassword);
    staff_id_ = CreateUser(admin_, "gx.staff", bureau_, roles["staff"], "own_unit", kPassword);
    ASSERT_EQ(li_client_.Login("tpy.li", kPassword).status, 200);
    ASSERT_EQ(wang_client_.Login("tpy.wang", kPassword).status, 200);
    ASSERT_EQ(zhao_client_.Login("ll.zhao", kPassword).status, 200);
    ASSERT_EQ(handler_.Login("rsj.handler", kPassword).status, 200);

    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    const int64_t segment = Id(admin_.Post("/api/chains/" + std::to_string(chain_) + "/segments",
                                           {{"name", "电子元器件"}, {"stage", "midstream"}}));
    firm_a_ = Firm(kFirmA, "吉安甲电子有限公司", "360802");
    Firm(kFirmB, "吉安乙电路有限公司", "360802");
    Firm(kFirmC, "南昌县丙食品有限公司", "360121");
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm_a_) + "/memberships/" + std::to_string(segment),
                         {{"role", "member"}}).status,
              204);
    ASSERT_EQ(admin_.Post("/api/field/assignments", {{"credit_code", kFirmA}, {"user_id", li_}}).status, 201);
    ASSERT_EQ(admin_.Post("/api/field/assignments", {{"credit_code", kFirmB}, {"user_id", wang_}}).status, 201);
    ASSERT_EQ(admin_.Post("/api/positions", {{"user_id", zhao_}, {"kind", "liaison_officer"}, {"context_type", "unit"},
                                             {"context_ref", std::to_string(chamber_)}})
                  .status,
              201);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  int64_t NewUnit(const std::string& name, const std::string& kind, const std::string& region) {
    return Id(admin_.Post("/api/units", {{"name", name}, {"kind", kind}, {"region_code", region}}));
  }
  int64_t Firm(const std::string& code, const std::string& name, const std::string& region) {
    return Id(admin_.Post("/api/enterprises", {{"credit_code", code}, {"name", name}, {"region_code", region},
                                               {"local", true}, {"size", "medium"}}));
  }

  static json Visit(const std::string& code, json problems = json::array()) {
    return {{"credit_code", code},
            {"visited_on", "2025-11-28"},
            {"summary", "走访了解企业生产经营和用工情况"},
            {"policies", {"稳岗补贴政策", "电子信息产业专项扶持政策"}},
            {"help_given", "对接人社部门组织专场招聘会"},
            {"funds_paid_yuan", 500000},
            {"workers_recruited", 700},
            {"problems", problems}};
  }
  static json Recruitment() {
    return {{"category_code", "0501"}, {"title", "扩产急需招工700人"}, {"text", "新生产线投产，需招聘普工700名"}};
  }

  int64_t CaseTotal() {
    Reply r = admin_.Get("/api/cases?page_size=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("total", int64_t{-1});
  }
  int64_t VisitTotal() {
    Reply r = admin_.Get("/api/field/visits?page_size=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("total", int64_t{-1});
  }
  json Record(Client& c, const std::string& code) {
    Reply r = c.Get(std::string("/api/field/enterprises/") + code);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client li_client_{server_.port()};
  Client wang_client_{server_.port()};
  Client zhao_client_{server_.port()};
  Client handler_{server_.port()};
  int64_t bureau_ = 0, hrss_ = 0, chamber_ = 0, li_ = 0, wang_ = 0, zhao_ = 0, staff_id_ = 0, chain_ = 0, firm_a_ = 0;
};

TEST_F(FieldApi, ACommissionersVisitRaisesAProblemThatIsSolvedThroughTheLoop) {
  Reply visit = li_client_.Post("/api/field/visits", Visit(kFirmA, json::array({Recruitment()})));
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(visit.json["role"], "commissioner");
  EXPECT_EQ(visit.json["funds_paid_yuan"], 500000);
  EXPECT_EQ(visit.json["workers_recruited"], 700);
  EXPECT_EQ(visit.json["policies"].size(), 2u);
  ASSERT_EQ(visit.json["problems"].size(), 1u);
  const int64_t case_id = visit.json["problems"][0]["case_id"];
  EXPECT_EQ(visit.json["problem_case_ids"][0], case_id);

  // The problem is a case on the commissioner channel about the enterprise and its chain, accepted
  // and waiting for the dispatch centre.
  Reply c = admin_.Get("/api/cases/" + std::to_string(case_id));
  ASSERT_EQ(c.status, 200) << c.body;
  const json& facts = c.json.contains("case") ? c.json["case"] : c.json;
  EXPECT_EQ(visit.json["problems"][0]["channel"], "commissioner");
  EXPECT_EQ(visit.json["problems"][0]["chain_id"], chain_);
  EXPECT_EQ(visit.json["problems"][0]["state"], "pending_dispatch");
  EXPECT_NE(c.body.find("\"enterprise_id\":" + std::to_string(firm_a_)), std::string::npos) << facts.dump();

  // The department handles it; the commissioner records the enterprise's satisfied callback.
  const std::string actions = "/api/cases/" + std::to_string(case_id) + "/actions";
  ASSERT_EQ(admin_.Post(actions, {{"type", "dispatch"}, {"unit_id", hrss_}}).status, 200);
  ASSERT_EQ(handler_.Post(actions, {{"type", "sign"}}).status, 200);
  Reply reply = handler_.Post(actions, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "专场招聘会招到普工700名"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  json before = Record(li_client_, kFirmA);
  EXPECT_EQ(before["problems"][0]["state"], "replied");
  EXPECT_EQ(before["problems"][0]["solved"], false);
  Reply callback = li_client_.Post(actions, {{"type", "callback"}, {"rating", 5}, {"note", "企业表示满意"}});
  ASSERT_EQ(callback.status, 200) << callback.body;

  json record = Record(li_client_, kFirmA);
  EXPECT_EQ(record["my_role"], "commissioner");
  ASSERT_EQ(record["problems"].size(), 1u);
  EXPECT_EQ(record["problems"][0]["state"], "closed");
  EXPECT_EQ(record["problems"][0]["solved"], true);
  EXPECT_EQ(record["problems"][0]["reply"], "专场招聘会招到普工700名");
  EXPECT_EQ(record["problems"][0]["visit_id"], visit.json["id"]);
  EXPECT_EQ(record["visits"].size(), 1u);
  EXPECT_EQ(record["tally"]["solved"], 1);
  EXPECT_EQ(record["commissioners"][0]["user_id"], li_);

  Reply mine = li_client_.Get("/api/field/my-enterprises");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["items"].size(), 1u);
  EXPECT_EQ(mine.json["items"][0]["enterprise"]["credit_code"], kFirmA);
  EXPECT_EQ(mine.json["items"][0]["tally"]["visits"], 1);

  Reply figures = admin_.Get("/api/field/figures?program=commissioner&region_code=3608&from=2025-11-01&to=2025-11-30");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.json["commissioners"], 2);
  EXPECT_EQ(figures.json["enterprises_assigned"], 2);
  EXPECT_EQ(figures.json["visits"], 1);
  EXPECT_EQ(figures.json["funds_paid_yuan"], 500000);
  EXPECT_EQ(figures.json["workers_recruited"], 700);
  EXPECT_EQ(figures.json["enterprises_served"], 1);
  EXPECT_EQ(figures.json["problems_raised"], 1);
  EXPECT_EQ(figures.json["problems_solved"], 1);
  // An earlier period sees none of it.
  Reply october = admin_.Get("/api/field/figures?program=commissioner&from=2025-10-01&to=2025-10-31");
  EXPECT_EQ(october.json["visits"], 0);
  EXPECT_EQ(october.json["problems_raised"], 0);
}

TEST_F(FieldApi, BadInputIsNamedAndWritesNothing) {
  auto expect_bad = [&](Client& c, const json& body, int status, const std::string& field) {
    Reply r = c.Post("/api/field/visits", body);
    EXPECT_EQ(r.status, status) << body.dump() << " → " << r.body;
    if (!field.empty()) {
      EXPECT_EQ(r.ErrorField(), field) << r.body;
    }
  };
  json negative = Visit(kFirmA);
  negative["funds_paid_yuan"] = -1;
  expect_bad(li_client_, negative, 400, "funds_paid_yuan");
  json too_much = Visit(kFirmA);
  too_much["funds_paid_yuan"] = int64_t{100'000'000'001};
  expect_bad(li_client_, too_much, 400, "funds_paid_yuan");
  json negative_workers = Visit(kFirmA);
  negative_workers["workers_recruited"] = -5;
  expect_bad(li_client_, negative_workers, 400, "workers_recruited");
  // A number beyond int64.
  std::string overflowing = Visit(kFirmA).dump();
  overflowing.replace(overflowing.find("500000"), 6, "92233720368547758070");
  Reply overflow = li_client_.Send("POST", "/api/field/visits", overflowing, "application/json");
  EXPECT_EQ(overflow.status, 400) << overflow.body;
  EXPECT_EQ(overflow.ErrorField(), "funds_paid_yuan") << overflow.body;

  json missing = Visit(kFirmA);
  missing.erase("summary");
  expect_bad(li_client_, missing, 400, "summary");
  json blank = Visit(kFirmA);
  blank["summary"] = "   ";
  expect_bad(li_client_, blank, 400, "summary");
  json tomorrow = Visit(kFirmA);
  tomorrow["visited_on"] = "2025-11-30";
  expect_bad(li_client_, tomorrow, 400, "visited_on");
  expect_bad(li_client_, Visit("91360802MA35F0E24B"), 400, "credit_code");  // well-formed, not registered
  // Another commissioner's enterprise, and one outside the liaison officer's region.
  expect_bad(li_client_, Visit(kFirmB, json::array({Recruitment()})), 403, "");
  expect_bad(zhao_client_, Visit(kFirmA), 403, "");
  // A bad second problem: neither the visit nor the first problem is written.
  json second = Recruitment();
  second["category_code"] = "0201";
  expect_bad(li_client_, Visit(kFirmA, json::array({Recruitment(), second})), 400, "problems[1].category_code");
  json empty = Recruitment();
  empty["text"] = "  ";  // (an empty title is taken from the text's first line; an empty text is refused)
  expect_bad(li_client_, Visit(kFirmA, json::array({Recruitment(), empty})), 400, "problems[1].text");

  EXPECT_EQ(VisitTotal(), 0);
  EXPECT_EQ(CaseTotal(), 0);
}

TEST_F(FieldApi, ReassignmentMovesTheEnterpriseToAnotherCommissioner) {
  ASSERT_EQ(li_client_.Post("/api/field/visits", Visit(kFirmA)).status, 201);
  // A second assignment is refused: reassign instead.
  Reply twice = admin_.Post("/api/field/assignments", {{"credit_code", kFirmA}, {"user_id", wang_}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  // The reason is required; the assignee must be able to record visits.
  Reply no_reason =
      admin_.Post("/api/field/assignments/reassign", {{"credit_code", kFirmA}, {"to_user_id", wang_}, {"reason", " "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.ErrorField(), "reason");
  Reply not_field = admin_.Post("/api/field/assignments/reassign",
                                {{"credit_code", kFirmA}, {"to_user_id", staff_id_}, {"reason", "工作调整"}});
  EXPECT_EQ(not_field.status, 400);
  EXPECT_EQ(not_field.ErrorField(), "to_user_id");
  // A commissioner may not reassign.
  EXPECT_EQ(li_client_.Post("/api/field/assignments/reassign",
                            {{"credit_code", kFirmA}, {"to_user_id", wang_}, {"reason", "工作调整"}})
                .status,
            403);

  Reply moved = admin_.Post("/api/field/assignments/reassign",
                            {{"credit_code", kFirmA}, {"to_user_id", wang_}, {"reason", "李同志调任，工作调整"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json["user_id"], wang_);
  EXPECT_EQ(moved.json["kind"], "commissioner");

  Reply list = admin_.Get("/api/field/assignments?q=" + std::string(kFirmA));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["items"].size(), 1u);
  ASSERT_EQ(list.json["items"][0]["commissioners"].size(), 1u);
  EXPECT_EQ(list.json["items"][0]["commissioners"][0]["user_id"], wang_);
  EXPECT_EQ(list.json["items"][0]["tally"]["visits"], 1);
  Reply unassigned = admin_.Get("/api/field/assignments?assigned=no");
  ASSERT_EQ(unassigned.status, 200);
  EXPECT_EQ(unassigned.json["total"], 1);  // 南昌县丙食品 has none

  // The former commissioner no longer serves it; the new one does and sees its history.
  EXPECT_EQ(li_client_.Post("/api/field/visits", Visit(kFirmA)).status, 403);
  ASSERT_EQ(wang_client_.Post("/api/field/visits", Visit(kFirmA)).status, 201);
  EXPECT_EQ(Record(wang_client_, kFirmA)["visits"].size(), 2u);

  // The operation log holds the reason.
  Reply log = admin_.Get("/api/audit/operations?page_size=100");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("李同志调任"), std::string::npos);
}

TEST_F(FieldApi, LiaisonOfficersFileOnTheLiaisonChannelInTheirRegion) {
  json problem = {{"category_code", "0505"}, {"title", "环评审批时间长"}, {"text", "扩建项目环评审批已两个月未办结"}};
  Reply visit = zhao_client_.Post("/api/field/visits", Visit(kFirmC, json::array({problem})));
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(visit.json["role"], "liaison_officer");
  EXPECT_EQ(visit.json["problems"][0]["channel"], "liaison");
  // A report outside a visit.
  Reply report = zhao_client_.Post("/api/field/problems", {{"credit_code", kFirmC}, {"category_code", "0602"},
                                                           {"title", "重复检查"}, {"text", "一个月内被多个部门重复检查"}});
  ASSERT_EQ(report.status, 201) << report.body;
  EXPECT_EQ(report.json["channel"], "liaison");
  // Only as a role held.
  Reply as_supervisor = zhao_client_.Post("/api/field/problems", {{"credit_code", kFirmC}, {"role", "supervisor"},
                                                                  {"category_code", "0602"}, {"title", "x"}, {"text", "y"}});
  EXPECT_EQ(as_supervisor.status, 403);

  Reply figures = admin_.Get("/api/field/figures?program=liaison&region_code=360121");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.json["liaison_officers"], 1);
  EXPECT_EQ(figures.json["supervisors"], 0);
  EXPECT_EQ(figures.json["enterprises_served"], 1);
  EXPECT_EQ(figures.json["visits"], 1);
  EXPECT_EQ(figures.json["problems_raised"], 2);
  EXPECT_EQ(figures.json["problems_solved"], 0);
  EXPECT_EQ(figures.json["commissioners"], 0);  // the liaison program does not count them
  // The liaison officer's own list, and the figures need case:kpi:read.
  EXPECT_EQ(zhao_client_.Get("/api/field/visits").json["total"], 1);
  EXPECT_EQ(li_client_.Get("/api/field/visits").json["total"], 0);
  EXPECT_EQ(zhao_client_.Get("/api/field/figures").status, 403);
  EXPECT_EQ(admin_.Get("/api/field/figures?from=2025-12-01&to=2025-11-01").ErrorField(), "to");
}

TEST_F(FieldApi, PermissionsAndScope) {
  // Before any visit, a commissioner's enterprises are those assigned to them.
  Reply mine = li_client_.Get("/api/field/my-enterprises");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["items"].size(), 1u) << mine.body;
  EXPECT_EQ(mine.json["items"][0]["enterprise"]["credit_code"], kFirmA);
  EXPECT_EQ(mine.json["items"][0]["role"], "commissioner");
  EXPECT_EQ(mine.json["items"][0]["tally"]["visits"], 0);
  // Only staff with chain:enterprise:assign assign; only field staff record visits.
  EXPECT_EQ(li_client_.Post("/api/field/assignments", {{"credit_code", kFirmC}, {"user_id", li_}}).status, 403);
  EXPECT_EQ(handler_.Post("/api/field/visits", Visit(kFirmA)).status, 403);
  EXPECT_EQ(handler_.Get("/api/field/my-enterprises").status, 403);
  // A commissioner reads the record of their enterprise, not another's.
  EXPECT_EQ(li_client_.Get(std::string("/api/field/enterprises/") + kFirmA).status, 200);
  EXPECT_EQ(li_client_.Get(std::string("/api/field/enterprises/") + kFirmB).status, 403);
  Reply unknown = admin_.Post("/api/field/assignments", {{"credit_code", kFirmC}, {"user_id", 99999}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorField(), "user_id");
}

}  // namespace
}  // namespace lz::testing
