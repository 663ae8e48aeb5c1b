// HTTP integration: sign-in, cookies, lockout, session timeouts, CSRF, password change and policy.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using nlohmann::json;

int64_t CountOps(TestServer& s, const std::string& result) {
  int64_t n = 0;
  auto actor = services::Actor::System("test");
  auto page = s.platform().audit().ListOperations(actor, storage::LogQuery{"", "", result, {1, 100}});
  EXPECT_TRUE(page.ok());
  if (page.ok()) n = page->total;
  return n;
}

TEST(AuthApi, LoginSetsAHardenedSessionCookie) {
  TestServer s;
  Client c(s.port());
  Reply r = c.Login("admin", kAdminPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  // 256-bit token, hex.
  std::string token = c.cookie().substr(c.cookie().find('=') + 1);
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(r.json["user"]["login"], "admin");
  EXPECT_EQ(r.json["csrf_token"].get<std::string>().size(), 64u);
  Reply me = c.Get("/api/auth/me");
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json["csrf_token"], r.json["csrf_token"]);
  EXPECT_EQ(me.Header("cache-control"), "no-store");
}

TEST(AuthApi, WrongPasswordAndUnknownLoginLookAlike) {
  TestServer s;
  Client c(s.port());
  Reply a = c.Login("admin", "not-the-password");
  Reply b = c.Login("nobody", "not-the-password");
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(b.status, 401);
  EXPECT_EQ(a.json["error"]["message"], b.json["error"]["message"]);
  auto logins = s.platform().audit().ListLogins(services::Actor::System(), storage::LogQuery{"", "", "failure", {1, 10}});
  ASSERT_TRUE(logins.ok());
  EXPECT_EQ(logins->total, 2);
}

TEST(AuthApi, FifthFailureLocksForTenMinutes) {
  TestServer s;
  Client c(s.port());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.Login("admin", "wrong-password-x").status, 401);
  Reply fifth = c.Login("admin", "wrong-password-x");
  EXPECT_EQ(fifth.status, 403);
  // Even the right password is refused while locked.
  Reply locked = c.Login("admin", kAdminPassword);
  EXPECT_EQ(locked.status, 403);
  EXPECT_NE(locked.json["error"]["message"].get<std::string>().find("locked"), std::string::npos);
  s.clock().Advance(9 * kMinuteMs);
  EXPECT_EQ(c.Login("admin", kAdminPassword).status, 403);
  s.clock().Advance(1 * kMinuteMs + 1);
  EXPECT_EQ(c.Login("admin", kAdminPassword).status, 200);
}

TEST(AuthApi, AdministratorUnlocksALockedAccount) {
  TestServer s;
  Client admin(s.port());
  ASSERT_EQ(admin.Login("admin", kAdminPassword).status, 200);
  Reply roles = admin.Get("/api/roles");
  int64_t staff = 0;
  for (const auto& r : roles.json["items"]) if (r["key"] == "staff") staff = r["id"];
  Reply created = admin.Post("/api/users", json{{"login", "clerk"}, {"name", "办事员"}, {"unit_id", 1},
                                                {"role_ids", {staff}}, {"scope", {{"kind", "own_unit"}}},
                                                {"password", "Desk-Passw0rd-2026"}});
  ASSERT_EQ(created.status, 201) << created.body;
  Client clerk(s.port());
  for (int i = 0; i < 5; ++i) clerk.Login("clerk", "bad-password-000");
  ASSERT_EQ(clerk.Login("clerk", "Desk-Passw0rd-2026").status, 403);
  std::string id = std::to_string(created.json["id"].get<int64_t>());
  EXPECT_EQ(admin.Post("/api/users/" + id + "/unlock", nullptr).status, 204);
  EXPECT_EQ(clerk.Login("clerk", "Desk-Passw0rd-2026").status, 200);
}

TEST(AuthApi, SessionsExpireWhenIdleAndAbsolutely) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  s.clock().Advance(29 * kMinuteMs);
  EXPECT_EQ(c.Get("/api/auth/me").status, 200);  // activity renews the idle window
  s.clock().Advance(29 * kMinuteMs);
  EXPECT_EQ(c.Get("/api/auth/me").status, 200);
  s.clock().Advance(31 * kMinuteMs);
  EXPECT_EQ(c.Get("/api/auth/me").status, 401);

  Client d(s.port());
  ASSERT_EQ(d.Login("admin", kAdminPassword).status, 200);
  for (int i = 0; i < 25; ++i) {  // active every 29 minutes for 12 h 5 min
    s.clock().Advance(29 * kMinuteMs);
    int status = d.Get("/api/auth/me").status;
    if (i < 24) EXPECT_EQ(status, 200) << "after " << (i + 1) * 29 << " min";
    else EXPECT_EQ(status, 401) << "the absolute limit of 12 h must end the session";
  }
}

TEST(AuthApi, StateChangingRequestsNeedTheCsrfTokenAndRefusalsAreLogged) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  int64_t denied_before = CountOps(s, "denied");
  json unit = {{"name", "无令牌单位"}, {"kind", "department"}, {"region_code", "36"}};
  Reply no_token = c.Send("POST", "/api/units", unit.dump(), "application/json", {{"X-CSRF-Token", ""}});
  EXPECT_EQ(no_token.status, 403);
  Reply wrong = c.Send("POST", "/api/units", unit.dump(), "application/json", {{"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(CountOps(s, "denied"), denied_before + 2);
  Reply listed = c.Get("/api/units?q=%E6%97%A0%E4%BB%A4%E7%89%8C");  // 无令牌
  EXPECT_EQ(listed.json["total"], 0);
  // A cross-site Origin is refused even with the token.
  Reply cross = c.Send("POST", "/api/units", unit.dump(), "application/json", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(c.Post("/api/units", unit).status, 201);
}

TEST(AuthApi, NoSessionMeans401) {
  TestServer s;
  Client c(s.port());
  EXPECT_EQ(c.Get("/api/units").status, 401);
  EXPECT_EQ(c.Get("/api/auth/me").ErrorCode(), "unauthenticated");
  Reply forged = c.Send("GET", "/api/units", "", "", {{"Cookie", "lz_session=" + std::string(64, 'f')}});
  EXPECT_EQ(forged.status, 401);
}

TEST(AuthApi, LogoutEndsTheSession) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  EXPECT_EQ(c.Post("/api/auth/logout", nullptr).status, 204);
  EXPECT_EQ(c.Get("/api/auth/me").status, 401);
  auto logins = s.platform().audit().ListLogins(services::Actor::System(), storage::LogQuery{"", "", "logout", {1, 10}});
  EXPECT_EQ(logins->total, 1);
}

TEST(AuthApi, PasswordChangeFollowsTheAsvsPolicy) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  Reply wrong_old = c.Post("/api/auth/password", {{"old_password", "nope"}, {"new_password", "Another-Long-Passw0rd"}});
  EXPECT_EQ(wrong_old.status, 400);
  EXPECT_EQ(wrong_old.ErrorField(), "old_password");
  Reply short_new = c.Post("/api/auth/password", {{"old_password", kAdminPassword}, {"new_password", "Short-1!"}});
  EXPECT_EQ(short_new.status, 400);
  EXPECT_EQ(short_new.ErrorField(), "new_password");
  Reply common = c.Post("/api/auth/password", {{"old_password", kAdminPassword}, {"new_password", "qwertyuiop123"}});
  EXPECT_EQ(common.status, 400) << "a common password must be refused";
  Reply ok = c.Post("/api/auth/password", {{"old_password", kAdminPassword}, {"new_password", "A-Brand-New-Passw0rd"}});
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(c.Get("/api/auth/me").status, 200) << "the session that changed the password stays";
  Client again(s.port());
  EXPECT_EQ(again.Login("admin", "A-Brand-New-Passw0rd").status, 200);
}

TEST(AuthApi, DjbhPasswordsExpireAfterNinetyDays) {
  TestServer s([](services::PlatformOptions& o) { o.service.password_profile = auth::PasswordProfile::kDjbh; });
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  s.clock().Advance(90 * kDayMs);
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  Reply me = c.Get("/api/auth/me");
  EXPECT_EQ(me.json["user"]["password_expired"], true);
  EXPECT_EQ(me.json["user"]["password_policy"], "djbh");
  EXPECT_EQ(c.Get("/api/units").status, 409) << "everything but changing the password is refused";
  Reply weak = c.Post("/api/auth/password", {{"old_password", kAdminPassword}, {"new_password", "abcdefgh"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(c.Post("/api/auth/password", {{"old_password", kAdminPassword}, {"new_password", "Nine0Days!"}}).status, 204);
  EXPECT_EQ(c.Get("/api/units").status, 200);
}

}  // namespace
}  // namespace lz::testing
