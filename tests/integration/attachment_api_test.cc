// Photos through HTTP (issue 6), on SQLite and on PostgreSQL, along a patrol finding (城管进社区): a
// patroller of a community team stages photos (metadata and GPS removed, orientation kept), files
// the finding with them in one transaction and resolves it on the spot with a photo of the result;
// the dispatcher sees the photos, a unit that never touched the case does not; refusals (not an
// image, too large, empty, someone else's upload, no right to upload) name the field and write
// nothing; staged uploads nobody attached are swept after a day.
#include <gtest/gtest.h>

#include "common/test_images.h"
#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Photo-Tester-Passw0rd";

class AttachmentApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("patroller"));
    team_ = CreateUnit(admin_, "城管驻文山社区工作组", "360802");
    const int64_t center = CreateUnit(admin_, "吉州区城市管理局");
    const int64_t other = CreateUnit(admin_, "吉州区水利局");
    CreateUser(admin_, "patrol1", team_, roles["patroller"], "own_unit", kPassword);
    CreateUser(admin_, "patrol2", team_, roles["patroller"], "own_unit", kPassword);
    CreateUser(admin_, "dispatch1", center, roles["case_dispatcher"], "all", kPassword);
    CreateUser(admin_, "water1", other, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "viewer1", other, roles["staff"], "own_unit", kPassword);
    for (auto [client, login] : {std::pair{&patroller_, "patrol1"}, {&colleague_, "patrol2"}, {&dispatcher_, "dispatch1"},
                                 {&water_, "water1"}, {&viewer_, "viewer1"}}) {
      ASSERT_EQ(client->Login(login, kPassword).status, 200) << login;
    }
  }

  Reply Upload(Client& c, const std::string& bytes, const std::string& name = "现场.jpg") {
    return c.Send("POST", "/api/attachments?name=" + name, bytes, "application/octet-stream");
  }
  int64_t Staged(Client& c, const std::string& bytes) {
    Reply r = Upload(c, bytes);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  json Finding(const std::vector<int64_t>& photos) {
    return {{"channel", "patrol"},       {"category_code", "0203"}, {"text", "文山社区 3 栋旁垃圾堆积未清运"},
            {"region_code", "360802"},   {"address", "文山社区 3 栋"}, {"accept", false},
            {"attachment_ids", photos}};
  }
  int64_t CaseCount() { return dispatcher_.Get("/api/cases?page_size=1").json.value("total", int64_t{-1}); }

  TestServer server_{[](services::PlatformOptions& o) { o.attachments.max_bytes = 64 * 1024; }};
  Client admin_{server_.port()};
  Client patroller_{server_.port()};
  Client colleague_{server_.port()};
  Client dispatcher_{server_.port()};
  Client water_{server_.port()};
  Client viewer_{server_.port()};
  int64_t team_ = 0;
};

TEST_F(AttachmentApi, APatrolFindingWithPhotosIsResolvedOnTheSpot) {
  Reply staged = Upload(patroller_, images::WithMetadata(images::Jpeg()) + "trailing motion-photo video");
  ASSERT_EQ(staged.status, 201) << staged.body;
  EXPECT_EQ(staged.json["media_type"], "image/jpeg");
  EXPECT_EQ(staged.json["case_id"], nullptr);
  EXPECT_EQ(staged.json["width"], 3);
  EXPECT_EQ(staged.json["name"], "现场.jpg");
  const int64_t before_photo = staged.json["id"];
  const int64_t png = Staged(patroller_, images::WithMetadata(images::Png()));
  // The uploader sees a staged upload; nobody else does.
  EXPECT_EQ(patroller_.Get("/api/attachments/" + std::to_string(png)).status, 200);
  EXPECT_EQ(colleague_.Get("/api/attachments/" + std::to_string(png)).status, 404);

  Reply created = patroller_.Post("/api/cases", Finding({before_photo, png}));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  EXPECT_EQ(created.json["state"], "received");

  const int64_t after_photo = Staged(patroller_, images::Webp());
  Reply resolved = patroller_.Post("/api/cases/" + std::to_string(id) + "/actions",
                                   {{"type", "resolve_on_spot"}, {"note", "已联系物业当场清运"}, {"attachment_ids", {after_photo}}});
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json["state"], "closed");
  EXPECT_EQ(resolved.json["on_the_spot"], true);

  Reply detail = dispatcher_.Get("/api/cases/" + std::to_string(id));
  ASSERT_EQ(detail.status, 200);
  const json photos = detail.json["attachments"];
  ASSERT_EQ(photos.size(), 3u) << detail.body;
  EXPECT_EQ(photos[0]["id"], before_photo);
  EXPECT_EQ(photos[0]["event_seq"], nullptr);
  EXPECT_EQ(photos[2]["id"], after_photo);
  EXPECT_EQ(photos[2]["event_seq"], 2) << "the resolve_on_spot event";
  EXPECT_EQ(photos[2]["media_type"], "image/webp");
  EXPECT_FALSE(detail.json["user_names"][std::to_string(photos[0]["created_by"].get<int64_t>())].is_null());

  Reply bytes = dispatcher_.Get(photos[0]["url"].get<std::string>());
  ASSERT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.Header("content-type"), "image/jpeg");
  EXPECT_EQ(bytes.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(bytes.Header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_TRUE(bytes.body.starts_with("\xFF\xD8\xFF"));
  EXPECT_EQ(bytes.body.find("13907961234"), std::string::npos) << "the comment and XMP are gone";
  EXPECT_EQ(bytes.body.find("PhoneMaker"), std::string::npos) << "the camera is gone";
  EXPECT_EQ(bytes.body.find("motion-photo"), std::string::npos) << "trailing bytes are gone";
  EXPECT_EQ(dispatcher_.Get(photos[1]["url"].get<std::string>()).body.find("王小明"), std::string::npos);

  // A unit that never took part, and a reader outside the scope, see nothing of it.
  EXPECT_EQ(water_.Get(photos[0]["url"].get<std::string>()).status, 404);
  EXPECT_EQ(viewer_.Get(photos[0]["url"].get<std::string>()).status, 404);
  EXPECT_EQ(dispatcher_.Get("/api/attachments/999999").status, 404);
}

TEST_F(AttachmentApi, RefusedUploadsAndAttachmentsNameTheFieldAndWriteNothing) {
  Reply text = Upload(patroller_, "%PDF-1.7 this is not a photo", "现场.jpg");
  EXPECT_EQ(text.status, 400);
  EXPECT_EQ(text.ErrorField(), "file");
  Reply empty = Upload(patroller_, "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.ErrorField(), "body");  // the request body is required
  Reply large = Upload(patroller_, images::Jpeg() + std::string(70 * 1024, '\0'));
  EXPECT_EQ(large.status, 400);
  EXPECT_EQ(large.ErrorField(), "file");
  EXPECT_NE(large.body.find("MiB"), std::string::npos) << large.body;
  const std::string jpeg = images::Jpeg();
  Reply cut = Upload(patroller_, jpeg.substr(0, jpeg.size() - 2));
  EXPECT_EQ(cut.status, 400);
  EXPECT_EQ(cut.ErrorField(), "file");
  EXPECT_EQ(viewer_.Send("POST", "/api/attachments", jpeg, "application/octet-stream").status, 403);

  // A colleague's staged upload cannot be attached, and the finding is not filed without it.
  const int64_t mine = Staged(patroller_, jpeg);
  const int64_t theirs = Staged(colleague_, jpeg);
  const int64_t before = CaseCount();
  Reply borrowed = patroller_.Post("/api/cases", Finding({mine, theirs}));
  EXPECT_EQ(borrowed.status, 404) << borrowed.body;
  EXPECT_EQ(borrowed.ErrorField(), "attachment_ids");
  EXPECT_EQ(CaseCount(), before);
  // Mine is still staged and usable; once attached it cannot be attached again.
  Reply filed = patroller_.Post("/api/cases", Finding({mine}));
  ASSERT_EQ(filed.status, 201) << filed.body;
  Reply again = patroller_.Post("/api/cases", Finding({mine}));
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(CaseCount(), before + 1);
  // Only the finder resolves a finding on the spot; a colleague is refused.
  Reply other = colleague_.Post("/api/cases/" + filed.json["id"].dump() + "/actions",
                                {{"type", "resolve_on_spot"}, {"note", "已处理"}});
  EXPECT_EQ(other.status, 403) << other.body;
}

TEST_F(AttachmentApi, StagedUploadsNobodyAttachedAreSweptAfterADay) {
  const int64_t left = Staged(patroller_, images::Jpeg());
  server_.clock().Advance(23 * kHourMs);
  ASSERT_EQ(patroller_.Login("patrol1", kPassword).status, 200);  // the session idled out meanwhile
  const int64_t fresh = Staged(patroller_, images::Png());
  server_.clock().Advance(2 * kHourMs);
  auto swept = server_.platform().attachments().SweepStaged();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
  ASSERT_EQ(patroller_.Login("patrol1", kPassword).status, 200);
  EXPECT_EQ(patroller_.Get("/api/attachments/" + std::to_string(left)).status, 404);
  EXPECT_EQ(patroller_.Get("/api/attachments/" + std::to_string(fresh)).status, 200);
}

}  // namespace
}  // namespace lz::testing
