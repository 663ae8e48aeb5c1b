// AuthService: login, sessions, password change.
#include "services/auth_service.h"

#include "common/crypto.h"
#include "common/text.h"
#include "domain/audit/audit_chain.h"

namespace lz::services {
namespace {

// A valid Argon2id hash of a random password, verified against when the login name is unknown so
// that a wrong name takes as long as a wrong password.
const std::string& DummyHash(crypto::PasswordCost cost) {
  static const std::string hash = [&] {
    auto h = crypto::HashPassword(crypto::RandomHex(16), cost);
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Status AuthService::RecordLogin(const std::string& login, std::optional<int64_t> user_id, audit::LoginResult result,
                                const std::string& reason, const LoginRequest& request) {
  audit::LoginRecord r;
  r.at = clock_.NowMs();
  r.login = text::SanitiseUtf8(login, 64);
  r.user_id = user_id;
  r.result = result;
  r.reason = reason;
  r.client_address = request.client_address;
  r.user_agent = text::SanitiseUtf8(request.user_agent, 256);
  return store_.Write([&](storage::Repositories& repos) { return repos.audit().Append(r); });
}

Result<Actor> AuthService::LoadActor(storage::Repositories& repos, int64_t user_id, const std::string& client_address) {
  ASSIGN_OR_RETURN(auto user, repos.users().Get(user_id));
  if (!user || user->status != auth::UserStatus::kActive) return Unauthenticated("the account is not active");
  Actor a;
  a.user_id = user->id;
  a.login = user->login;
  a.name = user->name;
  a.unit_id = user->unit_id;
  a.unit_path = user->unit_path;
  a.scope = user->scope;
  a.client_address = client_address;
  a.password_expired = policy_.IsExpired(user->password_changed_at, clock_.NowMs());
  for (int64_t role_id : user->role_ids) RETURN_IF_ERROR(role_permissions_.AddTo(repos, role_id, a.permissions));
  return a;
}

Result<Actor> AuthService::ActorOf(int64_t user_id) {
  Actor actor;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(actor, LoadActor(repos, user_id, ""));
    return Status::Ok();
  }));
  return actor;
}

Result<SessionGrant> AuthService::Login(const LoginRequest& request) {
  std::optional<auth::User> user;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(user, repos.users().GetByLogin(request.login));
    return Status::Ok();
  }));
  const Status wrong = Unauthenticated("wrong login name or password");
  if (!user) {
    (void)crypto::VerifyPassword(request.password, DummyHash(config_.password_cost));
    RETURN_IF_ERROR(RecordLogin(request.login, std::nullopt, audit::LoginResult::kFailure, "unknown login", request));
    return wrong;
  }
  TimeMs now = clock_.NowMs();
  if (auth::IsLocked(*user, now)) {
    RETURN_IF_ERROR(RecordLogin(request.login, user->id, audit::LoginResult::kLocked, "account locked", request));
    return PermissionDenied("the account is locked until " + FormatIsoTime(*user->locked_until) +
                            " after repeated failed logins");
  }
  if (user->status != auth::UserStatus::kActive) {
    RETURN_IF_ERROR(RecordLogin(request.login, user->id, audit::LoginResult::kFailure, "account disabled", request));
    return PermissionDenied("the account is disabled");
  }
  // Argon2id runs outside any transaction; the outcome is applied to a fresh read of the user.
  bool password_ok = crypto::VerifyPassword(request.password, user->password_hash);
  SessionGrant grant;
  bool locked_now = false;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto fresh, repos.users().Get(user->id));
    if (!fresh) return Unauthenticated("wrong login name or password");
    audit::LoginRecord r;
    r.at = now;
    r.login = fresh->login;
    r.user_id = fresh->id;
    r.client_address = request.client_address;
    r.user_agent = text::SanitiseUtf8(request.user_agent, 256);
    if (!password_ok) {
      locked_now = auth::RecordFailedLogin(*fresh, now, config_.lockout);
      r.result = locked_now ? audit::LoginResult::kLocked : audit::LoginResult::kFailure;
      r.reason = locked_now ? "wrong password; account locked" : "wrong password";
    } else {
      auth::RecordSuccessfulLogin(*fresh);
      auth::Session s;
      grant.token = crypto::RandomHex(32);  // 256 bits
      grant.csrf_token = crypto::RandomHex(32);
      s.token_hash = crypto::Sha256Hex(grant.token);
      s.user_id = fresh->id;
      s.csrf_token = grant.csrf_token;
      s.created_at = s.last_seen_at = now;
      s.client_address = request.client_address;
      s.user_agent = r.user_agent;
      RETURN_IF_ERROR(repos.sessions().Insert(s));
      r.result = audit::LoginResult::kSuccess;
      ASSIGN_OR_RETURN(grant.actor, LoadActor(repos, fresh->id, request.client_address));
    }
    RETURN_IF_ERROR(repos.users().Update(*fresh));
    return repos.audit().Append(r);
  }));
  if (!password_ok) {
    if (locked_now) {
      return PermissionDenied("too many failed logins: the account is locked for " +
                              std::to_string(config_.lockout.lock_duration / kMinuteMs) + " minutes");
    }
    return wrong;
  }
  return grant;
}

Status AuthService::Logout(const std::string& token, const std::string& client_address) {
  if (token.empty()) return Status::Ok();
  std::string hash = crypto::Sha256Hex(token);
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto session, repos.sessions().Get(hash));
    if (!session) return Status::Ok();
    ASSIGN_OR_RETURN(auto user, repos.users().Get(session->user_id));
    RETURN_IF_ERROR(repos.sessions().Delete(hash));
    audit::LoginRecord r;
    r.at = clock_.NowMs();
    r.login = user ? user->login : std::string();
    r.user_id = session->user_id;
    r.result = audit::LoginResult::kLogout;
    r.client_address = client_address;
    r.user_agent = session->user_agent;
    return repos.audit().Append(r);
  });
}

Result<std::pair<Actor, std::string>> AuthService::Authenticate(const std::string& token,
                                                                const std::string& client_address) {
  if (token.size() != 64) return Unauthenticated("not signed in");
  std::string hash = crypto::Sha256Hex(token);
  TimeMs now = clock_.NowMs();
  std::optional<auth::Session> session;
  Actor actor;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(session, repos.sessions().Get(hash));
    if (!session || auth::IsSessionExpired(*session, now, config_.session)) {
      return Unauthenticated("the session has expired; please sign in again");
    }
    ASSIGN_OR_RETURN(actor, LoadActor(repos, session->user_id, client_address));
    return Status::Ok();
  }));
  if (now - session->last_seen_at >= config_.session_touch_interval) {
    RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) { return repos.sessions().Touch(hash, now); }));
  }
  return std::make_pair(std::move(actor), session->csrf_token);
}

Result<Me> AuthService::Describe(const Actor& actor, const std::string& csrf_token) {
  Me me;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto user, repos.users().Get(actor.user_id));
    if (!user) return Unauthenticated("the account no longer exists");
    me.user = std::move(*user);
    return Status::Ok();
  }));
  me.user.password_hash.clear();
  me.permissions.assign(actor.permissions.begin(), actor.permissions.end());
  me.password_expired = actor.password_expired;
  me.csrf_token = csrf_token;
  return me;
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& token, const std::string& old_password,
                                   const std::string& new_password) {
  std::optional<auth::User> user;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(user, repos.users().Get(actor.user_id));
    return user ? Status::Ok() : Unauthenticated("the account no longer exists");
  }));
  if (!crypto::VerifyPassword(old_password, user->password_hash)) {
    return InvalidArgument("the current password is wrong", "old_password");
  }
  if (old_password == new_password) return InvalidArgument("the new password must differ from the current one", "new_password");
  RETURN_IF_ERROR(policy_.Check(new_password, user->login, "new_password"));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(new_password, config_.password_cost));
  std::string keep = crypto::Sha256Hex(token);
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto fresh, repos.users().Get(actor.user_id));
    if (!fresh) return Unauthenticated("the account no longer exists");
    fresh->password_hash = hash;
    fresh->password_changed_at = fresh->updated_at = clock_.NowMs();
    RETURN_IF_ERROR(repos.users().Update(*fresh));
    // End every other session of the user; keep the one that made the change.
    ASSIGN_OR_RETURN(auto current, repos.sessions().Get(keep));
    RETURN_IF_ERROR(repos.sessions().DeleteForUser(actor.user_id));
    if (current) RETURN_IF_ERROR(repos.sessions().Insert(*current));
    return audit_.Record(repos, actor, "auth.change_password", "user", std::to_string(actor.user_id));
  });
}

Result<int64_t> AuthService::PurgeExpiredSessions() {
  TimeMs now = clock_.NowMs();
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(n, repos.sessions().DeleteExpired(now - config_.session.idle_timeout,
                                                       now - config_.session.absolute_timeout));
    return Status::Ok();
  }));
  return n;
}

}  // namespace lz::services
