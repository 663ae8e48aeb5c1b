// The policy set through HTTP (issue 7 point 3), on SQLite and on PostgreSQL: a chain
// administrator creates a policy whose measure is limited to one segment of the chain; the
// library finds it by a two-character Chinese word (the casework search engine, kept current by
// the change feed: an update's new title is found at once, the old one no longer); the measure
// lists exactly the registry's enterprises on that segment, and an enterprise lists the measures
// that apply to it (with all=true the others with the first failing condition); funds are paid
// to an enterprise the measure applies to, refused for one it does not unless overridden with a
// reason, and summed per enterprise and per policy; a policy with grants is not deleted and a
// measure with grants not removed; bad input (a condition naming an unknown segment, a negative
// or overflowing amount) is named and writes nothing; permissions; the policy's files (PDF, xlsx)
// staged, attached on create, read by any policy reader as downloads under their names, kept,
// added and removed by an update's attachment_ids, and deleted with the policy.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Policy-Tester-Passw0rd";
constexpr const char* kFirmA = "91360802MA35F0E16G";  // on the 覆铜板 segment
constexpr const char* kFirmB = "91440300708461136T";  // on the 印制电路板 segment
constexpr const char* kFirmC = "914403001922038216";  // on no segment

class PolicyApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("chain_admin") && roles.count("staff"));
    gov_ = CreateUnit(admin_, "吉安市人民政府", "3608");
    bureau_ = CreateUnit(admin_, "吉安市工业和信息化局", "3608");
    CreateUser(admin_, "chain.admin", bureau_, roles["chain_admin"], "own_unit", kPassword);
    CreateUser(admin_, "gx.staff", bureau_, roles["staff"], "own_unit", kPassword);
    ASSERT_EQ(chain_admin_.Login("chain.admin", kPassword).status, 200);
    ASSERT_EQ(staff_.Login("gx.staff", kPassword).status, 200);

    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    laminate_ = Id(admin_.Post("/api/chains/" + std::to_string(chain_) + "/segments",
                               {{"name", "覆铜板"}, {"stage", "upstream"}}));
    board_ = Id(admin_.Post("/api/chains/" + std::to_string(chain_) + "/segments",
                            {{"name", "印制电路板"}, {"stage", "midstream"}}));
    const int64_t a = Firm(kFirmA, "吉安甲覆铜板有限公司");
    const int64_t b = Firm(kFirmB, "吉安乙电路有限公司");
    Firm(kFirmC, "吉安丙贸易有限公司");
    Member(a, laminate_);
    Member(b, board_);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  int64_t Firm(const std::string& code, const std::string& name) {
    return Id(admin_.Post("/api/enterprises", {{"credit_code", code}, {"name", name}, {"region_code", "360802"},
                                               {"local", true}, {"size", "medium"}}));
  }
  void Member(int64_t firm, int64_t segment) {
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm) + "/memberships/" + std::to_string(segment),
                         {{"role", "member"}}).status,
              204);
  }

  json Policy(const std::string& number, const std::string& title, json segments) const {
    return {{"doc_number", number},
            {"issuer_unit_id", gov_},
            {"issued_on", "2022-03-01"},
            {"type", "special"},
            {"chain_ids", {chain_}},
            {"title", title},
            {"text", "对覆铜板企业新购设备给予补助，鼓励企业技术改造。"},
            {"measures",
             {{{"title", "设备补助"},
               {"content", "按设备投资额的10%给予补助"},
               {"conditions", {{"segments", std::move(segments)}, {"regions", {"3608"}}, {"local_only", true}}}}}}};
  }

  std::vector<int64_t> Found(Client& c, const std::string& query) {
    Reply r = c.Get("/api/policies?q=" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<int64_t> ids;
    for (const auto& item : r.json["items"]) ids.push_back(item["id"].get<int64_t>());
    return ids;
  }

  json Grant(int64_t measure, const std::string& code, int64_t amount) const {
    return {{"measure_id", measure}, {"credit_code", code}, {"amount_yuan", amount}, {"paid_on", "2025-11-28"},
            {"paid_by_unit_id", bureau_}};
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client chain_admin_{server_.port()};
  Client staff_{server_.port()};
  int64_t gov_ = 0, bureau_ = 0, chain_ = 0, laminate_ = 0, board_ = 0;
};

TEST_F(PolicyApi, SearchMatchAndGrant) {
  Reply created = chain_admin_.Post("/api/policies", Policy("吉府发〔2022〕3号", "覆铜板产业链专项扶持政策", {laminate_}));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  const int64_t measure = created.json["measures"][0]["id"];
  EXPECT_EQ(created.json["issuer_name"], "吉安市人民政府");
  EXPECT_EQ(created.json["measures"][0]["conditions"]["segments"], json({laminate_}));
  Reply other = chain_admin_.Post("/api/policies", Policy("吉府办发〔2023〕7号", "生物医药人才政策", json::array()));
  ASSERT_EQ(other.status, 201) << other.body;

  // Two-character Chinese words, in the title, the full text and a measure.
  EXPECT_EQ(Found(staff_, "%E6%89%B6%E6%8C%81"), std::vector<int64_t>{id});               // 扶持
  EXPECT_EQ(Found(staff_, "%E5%8C%BB%E8%8D%AF"), std::vector<int64_t>{other.json["id"].get<int64_t>()});  // 医药
  EXPECT_EQ(Found(staff_, "%E4%BC%81%E4%B8%9A").size(), 2u);                               // 企业: both texts
  Reply filtered = staff_.Get("/api/policies?type=special&year=2022&chain_id=" + std::to_string(chain_));
  EXPECT_EQ(filtered.json["total"], 2);
  EXPECT_EQ(staff_.Get("/api/policies?year=2021").json["total"], 0);

  // 惠企政策匹配: the measure applies to the firm on 覆铜板 only.
  Reply matching = staff_.Get("/api/policy-measures/" + std::to_string(measure) + "/enterprises");
  ASSERT_EQ(matching.status, 200) << matching.body;
  EXPECT_EQ(matching.json["total"], 1);
  EXPECT_EQ(matching.json["items"][0]["credit_code"], kFirmA);
  Reply for_a = staff_.Get(std::string("/api/policy-matches?credit_code=") + kFirmA);
  ASSERT_EQ(for_a.status, 200) << for_a.body;
  ASSERT_EQ(for_a.json["measures"].size(), 2u);  // the 医药 policy's measure has no segment condition
  Reply for_b = staff_.Get(std::string("/api/policy-matches?all=true&credit_code=") + kFirmB);
  bool saw_refusal = false;
  for (const auto& m : for_b.json["measures"]) {
    if (m["id"] == measure) {
      EXPECT_EQ(m["applies"], false);
      EXPECT_EQ(m["failed"], "segments");
      saw_refusal = true;
    }
  }
  EXPECT_TRUE(saw_refusal) << for_b.body;

  // Grants: to A; refused for B unless overridden with a reason.
  Reply paid = chain_admin_.Post("/api/policy-grants", Grant(measure, kFirmA, 300000));
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(paid.json["enterprise_name"], "吉安甲覆铜板有限公司");
  EXPECT_EQ(paid.json["override_reason"], "");
  Reply refused = chain_admin_.Post("/api/policy-grants", Grant(measure, kFirmB, 100000));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.ErrorField(), "credit_code");
  json no_reason = Grant(measure, kFirmB, 100000);
  no_reason["override"] = true;
  EXPECT_EQ(chain_admin_.Post("/api/policy-grants", no_reason).ErrorField(), "override_reason");
  json overridden = no_reason;
  overridden["override_reason"] = "市政府专题会议决定";
  Reply forced = chain_admin_.Post("/api/policy-grants", overridden);
  ASSERT_EQ(forced.status, 201) << forced.body;
  EXPECT_EQ(forced.json["override_reason"], "市政府专题会议决定");

  Reply figures = staff_.Get("/api/policy-grants/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.json["grants"], 2);
  EXPECT_EQ(figures.json["total_yuan"], 400000);
  EXPECT_EQ(figures.json["by_enterprise"][0]["code"], kFirmA);
  EXPECT_EQ(figures.json["by_enterprise"][0]["total_yuan"], 300000);
  EXPECT_EQ(figures.json["by_policy"][0]["id"], id);
  EXPECT_EQ(staff_.Get("/api/policy-grants?policy_id=" + std::to_string(id)).json["total"], 2);
  Reply listed = staff_.Get("/api/policies?q=%E6%89%B6%E6%8C%81");
  EXPECT_EQ(listed.json["items"][0]["granted_yuan"], 400000);

  // A policy with grants stays; a measure with grants is not removed.
  EXPECT_EQ(chain_admin_.Delete("/api/policies/" + std::to_string(id)).status, 409);
  json without_measure = Policy("吉府发〔2022〕3号", "覆铜板产业链专项扶持政策", {laminate_});
  without_measure["measures"] = json::array();
  Reply kept = chain_admin_.Put("/api/policies/" + std::to_string(id), without_measure);
  EXPECT_EQ(kept.status, 409) << kept.body;
  EXPECT_EQ(kept.ErrorField(), "measures");

  // An update keeps the measure (by id) and the index follows the new title.
  json renamed = Policy("吉府发〔2022〕3号", "覆铜板产业链高质量发展政策", {laminate_, board_});
  renamed["measures"][0]["id"] = measure;
  Reply updated = chain_admin_.Put("/api/policies/" + std::to_string(id), renamed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["measures"][0]["id"], measure);
  EXPECT_TRUE(Found(staff_, "%E6%89%B6%E6%8C%81").empty());  // 扶持 no more
  EXPECT_EQ(Found(staff_, "%E8%B4%A8%E9%87%8F"), std::vector<int64_t>{id});  // 质量
  // Now both segments qualify.
  EXPECT_EQ(staff_.Get("/api/policy-measures/" + std::to_string(measure) + "/enterprises").json["total"], 2);

  // The other policy has no grants: it can be deleted, and the index forgets it.
  const int64_t other_id = other.json["id"];
  EXPECT_EQ(chain_admin_.Delete("/api/policies/" + std::to_string(other_id)).status, 204);
  EXPECT_TRUE(Found(staff_, "%E5%8C%BB%E8%8D%AF").empty());
}

TEST_F(PolicyApi, BadInputIsNamedAndWritesNothing) {
  // A condition naming a segment that does not exist.
  Reply unknown = chain_admin_.Post("/api/policies", Policy("吉府发〔2022〕3号", "扶持政策", {laminate_, 999999}));
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.ErrorField(), "measures[0].conditions.segments[1]") << unknown.body;
  json bad_size = Policy("吉府发〔2022〕3号", "扶持政策", {laminate_});
  bad_size["measures"][0]["conditions"]["sizes"] = {"huge"};
  EXPECT_EQ(chain_admin_.Post("/api/policies", bad_size).status, 400);
  json bad_type = Policy("吉府发〔2022〕3号", "扶持政策", {laminate_});
  bad_type["type"] = "plan";
  EXPECT_EQ(chain_admin_.Post("/api/policies", bad_type).ErrorField(), "type");
  json bad_unit = Policy("吉府发〔2022〕3号", "扶持政策", {laminate_});
  bad_unit["issuer_unit_id"] = 999999;
  EXPECT_EQ(chain_admin_.Post("/api/policies", bad_unit).ErrorField(), "issuer_unit_id");
  EXPECT_EQ(staff_.Get("/api/policies").json["total"], 0);

  Reply created = chain_admin_.Post("/api/policies", Policy("吉府发〔2022〕3号", "扶持政策", {laminate_}));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t measure = created.json["measures"][0]["id"];
  // The document number is unique.
  Reply twin = chain_admin_.Post("/api/policies", Policy("吉府发〔2022〕3号", "另一政策", {laminate_}));
  EXPECT_EQ(twin.status, 409);
  EXPECT_EQ(twin.ErrorField(), "doc_number");

  // Amounts: negative, zero, above the bound, beyond int64.
  for (int64_t amount : {int64_t{-1}, int64_t{0}, int64_t{100'000'000'001}}) {
    Reply r = chain_admin_.Post("/api/policy-grants", Grant(measure, kFirmA, amount));
    EXPECT_EQ(r.status, 400) << amount << " → " << r.body;
    EXPECT_EQ(r.ErrorField(), "amount_yuan") << r.body;
  }
  std::string overflowing = Grant(measure, kFirmA, 123456).dump();
  overflowing.replace(overflowing.find("123456"), 6, "92233720368547758070");
  Reply overflow = chain_admin_.Send("POST", "/api/policy-grants", overflowing, "application/json");
  EXPECT_EQ(overflow.status, 400) << overflow.body;
  EXPECT_EQ(overflow.ErrorField(), "amount_yuan") << overflow.body;
  json future = Grant(measure, kFirmA, 1000);
  future["paid_on"] = "2025-12-01";  // the simulated clock stands at 2025-11-29
  EXPECT_EQ(chain_admin_.Post("/api/policy-grants", future).ErrorField(), "paid_on");
  EXPECT_EQ(chain_admin_.Post("/api/policy-grants", Grant(999999, kFirmA, 1000)).ErrorField(), "measure_id");
  EXPECT_EQ(staff_.Get("/api/policy-grants").json["total"], 0);
  EXPECT_EQ(staff_.Get("/api/policy-grants/figures").json["total_yuan"], 0);
}

TEST_F(PolicyApi, AttachmentsAreStagedAttachedServedReplacedAndDeletedWithThePolicy) {
  const std::string pdf_bytes = std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj<<>>endobj\n", 27) + "%%EOF\n";
  auto stage = [&](Client& c, const std::string& name, const std::string& bytes) {
    return c.Send("POST", "/api/attachments?kind=document&name=" + name, bytes, "application/octet-stream");
  };
  Reply pdf = stage(chain_admin_, "工作方案.pdf", pdf_bytes);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(pdf.json["media_type"], "application/pdf");
  EXPECT_TRUE(pdf.json["policy_id"].is_null());
  EXPECT_EQ(pdf.json["name"], "工作方案.pdf");
  const std::string xlsx_bytes = admin_.Get("/api/investment-projects/template").body;
  Reply xlsx = stage(chain_admin_, "附表", xlsx_bytes);
  ASSERT_EQ(xlsx.status, 201) << xlsx.body;
  EXPECT_EQ(xlsx.json["media_type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.json["name"], "附表.xlsx") << "the name gains the type's extension";

  EXPECT_EQ(stage(staff_, "工作方案.pdf", pdf_bytes).status, 403) << "staff edit no policy";
  Reply evil = stage(chain_admin_, "evil.pdf", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(evil.status, 400);
  EXPECT_EQ(evil.ErrorField(), "file");
  Reply bad_kind = chain_admin_.Send("POST", "/api/attachments?kind=video", pdf_bytes, "application/octet-stream");
  EXPECT_EQ(bad_kind.ErrorField(), "kind");
  Reply admins = stage(admin_, "他人.pdf", pdf_bytes);
  ASSERT_EQ(admins.status, 201);

  // Someone else's upload among them: refused, and no policy is written.
  json doc = Policy("吉府发〔2022〕3号", "产业链链长制工作方案", {laminate_});
  doc["attachment_ids"] = {pdf.json["id"], admins.json["id"]};
  Reply refused = chain_admin_.Post("/api/policies", doc);
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(refused.ErrorField(), "attachment_ids");
  EXPECT_EQ(admin_.Get("/api/policies").json["total"], 0) << "nothing written";

  doc["attachment_ids"] = {pdf.json["id"], xlsx.json["id"]};
  Reply created = chain_admin_.Post("/api/policies", doc);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string policy = "/api/policies/" + std::to_string(created.json["id"].get<int64_t>());
  ASSERT_EQ(created.json["attachments"].size(), 2u) << created.body;
  EXPECT_EQ(created.json["attachments"][0]["name"], "工作方案.pdf");
  EXPECT_EQ(created.json["attachments"][0]["policy_id"], created.json["id"]);

  const std::string pdf_url = pdf.json["url"];
  Reply served = staff_.Get(pdf_url);
  ASSERT_EQ(served.status, 200) << "any policy reader downloads it";
  EXPECT_EQ(served.body, pdf_bytes);
  EXPECT_EQ(served.Header("content-type"), "application/pdf");
  EXPECT_EQ(served.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(served.Header("content-disposition"),
            "attachment; filename=\"____.pdf\"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%96%B9%E6%A1%88.pdf");
  Client anonymous(server_.port());
  EXPECT_EQ(anonymous.Get(pdf_url).status, 401);

  // An update lists what the policy keeps: the xlsx stays, the PDF goes, a new upload joins.
  Reply ofd = stage(chain_admin_, "解读.docx", pdf_bytes);
  ASSERT_EQ(ofd.status, 201) << "a PDF named .docx is still a PDF";
  EXPECT_EQ(ofd.json["name"], "解读.docx.pdf");
  doc.erase("attachment_ids");
  Reply unchanged = chain_admin_.Put(policy, doc);
  ASSERT_EQ(unchanged.status, 200) << unchanged.body;
  EXPECT_EQ(unchanged.json["attachments"].size(), 2u) << "without attachment_ids the files stay";
  doc["attachment_ids"] = {xlsx.json["id"], ofd.json["id"]};
  Reply updated = chain_admin_.Put(policy, doc);
  ASSERT_EQ(updated.status, 200) << updated.body;
  ASSERT_EQ(updated.json["attachments"].size(), 2u);
  EXPECT_EQ(updated.json["attachments"][0]["id"], xlsx.json["id"]);
  EXPECT_EQ(updated.json["attachments"][1]["id"], ofd.json["id"]);
  EXPECT_EQ(staff_.Get(pdf_url).status, 404) << "a file no longer listed is deleted";
  EXPECT_EQ(admin_.Get(policy).json["attachments"].size(), 2u);

  ASSERT_EQ(chain_admin_.Delete(policy).status, 204);
  EXPECT_EQ(admin_.Get(xlsx.json["url"].get<std::string>()).status, 404) << "deleted with the policy";
}

TEST_F(PolicyApi, Permissions) {
  // staff reads policies but writes none and pays nothing.
  Reply denied = staff_.Post("/api/policies", Policy("吉府发〔2022〕3号", "扶持政策", {laminate_}));
  EXPECT_EQ(denied.status, 403) << denied.body;
  Reply created = chain_admin_.Post("/api/policies", Policy("吉府发〔2022〕3号", "扶持政策", {laminate_}));
  ASSERT_EQ(created.status, 201);
  const int64_t measure = created.json["measures"][0]["id"];
  EXPECT_EQ(staff_.Post("/api/policy-grants", Grant(measure, kFirmA, 1000)).status, 403);
  EXPECT_EQ(staff_.Get("/api/policies/" + std::to_string(created.json["id"].get<int64_t>())).status, 200);
  Client anonymous(server_.port());
  EXPECT_EQ(anonymous.Get("/api/policies").status, 401);
}

}  // namespace
}  // namespace lz::testing
