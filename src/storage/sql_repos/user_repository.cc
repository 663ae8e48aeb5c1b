// Users, roles and sessions in SQL.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kUserSelect =
    "SELECT u.id, u.login, u.name, u.phone, u.unit_id, u.scope_kind, u.status, u.password_hash, "
    "u.password_changed_at, u.failed_logins, u.locked_until, u.created_by, u.created_at, u.updated_at, un.name, "
    "un.path FROM users u JOIN units un ON un.id = u.unit_id";

auth::User UserFromRow(const Row& row) {
  auth::User u;
  u.id = row.Int(0);
  u.login = row.Text(1);
  u.name = row.Text(2);
  u.phone = row.OptText(3);
  u.unit_id = row.Int(4);
  u.scope.kind = auth::ParseScopeKind(row.Text(5)).value_or(auth::ScopeKind::kSelf);
  u.status = auth::ParseUserStatus(row.Text(6)).value_or(auth::UserStatus::kDisabled);
  u.password_hash = row.Text(7);
  u.password_changed_at = row.Int(8);
  u.failed_logins = static_cast<int>(row.Int(9));
  u.locked_until = row.OptInt(10);
  u.created_by = row.Int(11);
  u.created_at = row.Int(12);
  u.updated_at = row.Int(13);
  u.unit_name = row.Text(14);
  u.unit_path = row.Text(15);
  return u;
}

}  // namespace

Status SqlUserRepository::LoadRelations(auth::User& u) {
  ASSIGN_OR_RETURN(auto roles, c_.Query("SELECT role_id FROM user_roles WHERE user_id = ? ORDER BY role_id", {u.id}));
  u.role_ids.clear();
  for (const auto& r : roles) u.role_ids.push_back(r.Int(0));
  ASSIGN_OR_RETURN(auto units, c_.Query("SELECT unit_id FROM user_scope_units WHERE user_id = ? ORDER BY unit_id", {u.id}));
  u.scope.unit_ids.clear();
  for (const auto& r : units) u.scope.unit_ids.push_back(r.Int(0));
  return Status::Ok();
}

Status SqlUserRepository::SaveRelations(const auth::User& u, bool replace) {
  if (replace) {
    RETURN_IF_ERROR(c_.Exec("DELETE FROM user_roles WHERE user_id = ?", {u.id}));
    RETURN_IF_ERROR(c_.Exec("DELETE FROM user_scope_units WHERE user_id = ?", {u.id}));
  }
  for (int64_t role : u.role_ids) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", {u.id, role}));
  }
  for (int64_t unit : u.scope.unit_ids) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO user_scope_units (user_id, unit_id) VALUES (?, ?)", {u.id, unit}));
  }
  return Status::Ok();
}

Result<std::optional<auth::User>> SqlUserRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kUserSelect) + " WHERE u.id = ?", {id}));
  if (rows.empty()) return std::optional<auth::User>();
  auth::User u = UserFromRow(rows.front());
  RETURN_IF_ERROR(LoadRelations(u));
  return std::optional<auth::User>(std::move(u));
}

Result<std::optional<auth::User>> SqlUserRepository::GetByLogin(const std::string& login) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kUserSelect) + " WHERE u.login = ?", {login}));
  if (rows.empty()) return std::optional<auth::User>();
  auth::User u = UserFromRow(rows.front());
  RETURN_IF_ERROR(LoadRelations(u));
  return std::optional<auth::User>(std::move(u));
}

Result<PageOf<auth::User>> SqlUserRepository::List(const UserQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("u.login") + " OR " + ContainsCondition("u.name") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (q.unit_id) {
    where += " AND u.unit_id = ?";
    params.emplace_back(*q.unit_id);
  }
  // A user record belongs to the user's unit; "self" sees the own account only.
  AppendScope(q.scope, "u.unit_id", "un.path", "u.id", where, params);
  ASSIGN_OR_RETURN(auto page, QueryPage(c_, "FROM users u JOIN units un ON un.id = u.unit_id", kUserSelect, where,
                                        std::move(params), "u.id", q.page, &UserFromRow));
  for (auto& u : page.items) RETURN_IF_ERROR(LoadRelations(u));
  return page;
}

Result<int64_t> SqlUserRepository::Insert(const auth::User& u) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO users (login, name, phone, unit_id, scope_kind, status, password_hash, password_changed_at, "
               "failed_logins, locked_until, created_by, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {u.login, u.name, sql::Nullable(u.phone), u.unit_id, std::string(auth::ScopeKindName(u.scope.kind)),
                std::string(auth::UserStatusName(u.status)), u.password_hash, u.password_changed_at,
                int64_t{u.failed_logins}, sql::Nullable(u.locked_until), u.created_by, u.created_at, u.updated_at}));
  auth::User copy = u;
  copy.id = rows.front().Int(0);
  RETURN_IF_ERROR(SaveRelations(copy, false));
  return copy.id;
}

Status SqlUserRepository::Update(const auth::User& u) {
  ASSIGN_OR_RETURN(
      auto n, c_.Exec("UPDATE users SET name = ?, phone = ?, unit_id = ?, scope_kind = ?, status = ?, password_hash = ?, "
                      "password_changed_at = ?, failed_logins = ?, locked_until = ?, updated_at = ? WHERE id = ?",
                      {u.name, sql::Nullable(u.phone), u.unit_id, std::string(auth::ScopeKindName(u.scope.kind)),
                       std::string(auth::UserStatusName(u.status)), u.password_hash, u.password_changed_at,
                       int64_t{u.failed_logins}, sql::Nullable(u.locked_until), u.updated_at, u.id}));
  if (n == 0) return NotFound("user " + std::to_string(u.id) + " not found");
  return SaveRelations(u, true);
}

Result<int64_t> SqlUserRepository::CountInUnit(int64_t unit_id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM users WHERE unit_id = ?", {unit_id}));
  return n.value_or(0);
}

Result<int64_t> SqlUserRepository::CountWithRole(int64_t role_id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM user_roles WHERE role_id = ?", {role_id}));
  return n.value_or(0);
}

// --- roles ---

Result<std::vector<auth::Role>> SqlRoleRepository::Load(const std::string& where, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, key, name, builtin FROM roles" + where + " ORDER BY id", params));
  std::vector<auth::Role> out;
  for (const auto& row : rows) {
    auth::Role r;
    r.id = row.Int(0);
    r.key = row.Text(1);
    r.name = row.Text(2);
    r.builtin = row.Int(3) != 0;
    ASSIGN_OR_RETURN(auto perms, c_.Query("SELECT permission FROM role_permissions WHERE role_id = ?", {r.id}));
    for (const auto& p : perms) r.permissions.insert(p.Text(0));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<auth::Role>> SqlRoleRepository::List() { return Load("", {}); }

Result<std::optional<auth::Role>> SqlRoleRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto v, Load(" WHERE id = ?", {id}));
  if (v.empty()) return std::optional<auth::Role>();
  return std::optional<auth::Role>(std::move(v.front()));
}

Result<std::optional<auth::Role>> SqlRoleRepository::GetByKey(const std::string& key) {
  ASSIGN_OR_RETURN(auto v, Load(" WHERE key = ?", {key}));
  if (v.empty()) return std::optional<auth::Role>();
  return std::optional<auth::Role>(std::move(v.front()));
}

Status SqlRoleRepository::SavePermissions(const auth::Role& r) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM role_permissions WHERE role_id = ?", {r.id}));
  for (const auto& p : r.permissions) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)", {r.id, p}));
  }
  return changes_.Publish(std::string(topic::kRole), std::to_string(r.id));
}

Result<int64_t> SqlRoleRepository::Insert(const auth::Role& r) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO roles (key, name, builtin) VALUES (?, ?, ?) RETURNING id",
                                       {r.key, r.name, int64_t{r.builtin ? 1 : 0}}));
  auth::Role copy = r;
  copy.id = rows.front().Int(0);
  RETURN_IF_ERROR(SavePermissions(copy));
  return copy.id;
}

Status SqlRoleRepository::Update(const auth::Role& r) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE roles SET name = ? WHERE id = ?", {r.name, r.id}));
  if (n == 0) return NotFound("role " + std::to_string(r.id) + " not found");
  return SavePermissions(r);
}

Status SqlRoleRepository::Delete(int64_t id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM role_permissions WHERE role_id = ?", {id}));
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM roles WHERE id = ?", {id}));
  if (n == 0) return NotFound("role " + std::to_string(id) + " not found");
  return changes_.Publish(std::string(topic::kRole), std::to_string(id));
}

// --- sessions ---

Result<std::optional<auth::Session>> SqlSessionRepository::Get(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, client_address, "
                                       "user_agent FROM sessions WHERE token_hash = ?",
                                       {token_hash}));
  if (rows.empty()) return std::optional<auth::Session>();
  const Row& row = rows.front();
  auth::Session s;
  s.token_hash = row.Text(0);
  s.user_id = row.Int(1);
  s.csrf_token = row.Text(2);
  s.created_at = row.Int(3);
  s.last_seen_at = row.Int(4);
  s.client_address = row.Text(5);
  s.user_agent = row.Text(6);
  return std::optional<auth::Session>(std::move(s));
}

Status SqlSessionRepository::Insert(const auth::Session& s) {
  return c_
      .Exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, client_address, user_agent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.client_address, s.user_agent})
      .status();
}

Status SqlSessionRepository::Touch(const std::string& token_hash, TimeMs last_seen_at) {
  return c_.Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {last_seen_at, token_hash}).status();
}

Status SqlSessionRepository::Delete(const std::string& token_hash) {
  return c_.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}).status();
}

Status SqlSessionRepository::DeleteForUser(int64_t user_id) {
  return c_.Exec("DELETE FROM sessions WHERE user_id = ?", {user_id}).status();
}

Result<int64_t> SqlSessionRepository::DeleteExpired(TimeMs idle_before, TimeMs created_before) {
  return c_.Exec("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", {idle_before, created_before});
}

}  // namespace lz::storage::sqlrepo
