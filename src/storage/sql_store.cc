// SqlStore and the shared helpers of the SQL repositories.
#include "storage/sql_store.h"

#include <algorithm>
#include <limits>

#include "common/text.h"
#include "storage/sql/group_commit.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage {
namespace sqlrepo {

void AppendScope(const auth::ScopeFilter& scope, const std::string& unit_id_expr, const std::string& unit_path_expr,
                 const std::string& creator_expr, std::string& where, std::vector<Value>& params) {
  switch (scope.kind) {
    case auth::ScopeKind::kAll: return;
    case auth::ScopeKind::kUnits:
    case auth::ScopeKind::kOwnUnit: {
      if (scope.unit_ids.empty()) {
        where += " AND 1 = 0";
        return;
      }
      where += " AND " + unit_id_expr + " IN (";
      for (size_t i = 0; i < scope.unit_ids.size(); ++i) {
        where += i ? ", ?" : "?";
        params.emplace_back(scope.unit_ids[i]);
      }
      where += ")";
      return;
    }
    case auth::ScopeKind::kOwnUnitAndBelow:
      if (scope.unit_path.empty()) {
        where += " AND 1 = 0";
        return;
      }
      // Prefix match on the materialised path; the prefix is escaped and bound.
      where += " AND " + unit_path_expr + " LIKE ? ESCAPE '\\'";
      params.emplace_back(text::EscapeLike(scope.unit_path) + "%");
      return;
    case auth::ScopeKind::kSelf:
      where += " AND " + creator_expr + " = ?";
      params.emplace_back(scope.user_id);
      return;
  }
}

void AppendPage(const PageRequest& page, std::string& sql, std::vector<Value>& params) {
  sql += " LIMIT ? OFFSET ?";
  params.emplace_back(page.page_size);
  params.emplace_back(page.Offset());
}

void AppendIn(const std::string& column, const std::vector<Value>& values, std::string& where,
              std::vector<Value>& params) {
  size_t n = 1;
  while (n < values.size()) n *= 2;
  where += " AND " + column + " IN (";
  for (size_t i = 0; i < n; ++i) {
    where += i ? ", ?" : "?";
    params.push_back(values[std::min(i, values.size() - 1)]);
  }
  where += ")";
}

void AppendPrefix(const std::string& column, const std::string& prefix, std::string& where,
                  std::vector<Value>& params) {
  auto code_char = [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'); };
  if (!std::all_of(prefix.begin(), prefix.end(), code_char)) {
    where += " AND " + column + " LIKE ? ESCAPE '\\'";
    params.emplace_back(text::EscapeLike(prefix) + "%");
    return;
  }
  // The successor: the shortest code greater than every code starting with the prefix
  // ("3608" -> "3609", "0109" -> "010A", "01Z" -> "02"); none when the prefix is all 'Z'.
  std::string upper = prefix;
  while (!upper.empty() && upper.back() == 'Z') upper.pop_back();
  where += " AND " + column + " >= ?";
  params.emplace_back(prefix);
  if (upper.empty()) return;
  char& last = upper.back();
  last = last == '9' ? 'A' : static_cast<char>(last + 1);
  where += " AND " + column + " < ?";
  params.emplace_back(upper);
}

namespace {

// The statements of a scan in key order: the whole result in one (drivers that stream), or one
// batch after the given keys (others; the keys are selected after the columns).
struct KeysetSql {
  KeysetSql(const std::string& columns, const std::string& from_where, const std::vector<std::string>& keys,
            size_t batch) {
    std::string key_list, marks;
    for (const std::string& k : keys) {
      key_list += (key_list.empty() ? "" : ", ") + k;
      marks += marks.empty() ? "?" : ", ?";
    }
    whole = "SELECT " + columns + " " + from_where + " ORDER BY " + key_list;
    next_batch = "SELECT " + columns + ", " + key_list + " " + from_where + " AND (" + key_list + ") > (" + marks +
                 ") ORDER BY " + key_list + " LIMIT " + std::to_string(batch);
  }
  std::string whole, next_batch;
};

// Runs `run_batch(sql, params, last_keys)` batch after batch until one returns fewer than `batch`
// rows; run_batch stores the keys of the last row it saw in last_keys and returns its row count.
Status ForEachBatch(const std::string& sql, std::vector<Value> params, size_t key_count, size_t batch,
                    const std::function<Result<size_t>(const std::string&, const std::vector<Value>&,
                                                       std::vector<int64_t>&)>& run_batch) {
  const size_t first_key = params.size();
  for (size_t i = 0; i < key_count; ++i) params.emplace_back(std::numeric_limits<int64_t>::min());
  std::vector<int64_t> last(key_count);
  for (;;) {
    ASSIGN_OR_RETURN(size_t rows, run_batch(sql, params, last));
    if (rows < batch) return Status::Ok();
    for (size_t i = 0; i < key_count; ++i) params[first_key + i] = Value(last[i]);
  }
}

}  // namespace

Status ForEachInKeyOrder(Connection& c, const std::string& columns, const std::string& from_where,
                         std::vector<Value> params, const std::vector<std::string>& keys,
                         const std::function<Status(const Row&)>& sink, size_t batch) {
  const KeysetSql sql(columns, from_where, keys, batch);
  // SQLite streams a result row by row (Connection::QueryEach), so one statement in key order
  // holds no more in memory than a batch would, and saves a seek per batch.
  if (c.dialect() == sql::Dialect::kSqlite) return c.QueryEach(sql.whole, params, sink);
  return ForEachBatch(sql.next_batch, std::move(params), keys.size(), batch,
                      [&](const std::string& text, const std::vector<Value>& p, std::vector<int64_t>& last) -> Result<size_t> {
                        size_t rows = 0;
                        RETURN_IF_ERROR(c.QueryEach(text, p, [&](const Row& row) {
                          ++rows;
                          for (size_t i = 0; i < last.size(); ++i) last[i] = row.Int(row.size() - last.size() + i);
                          return sink(row);
                        }));
                        return rows;
                      });
}

Status ForEachIntBlockInKeyOrder(Connection& c, const std::string& columns, const std::string& from_where,
                                 std::vector<Value> params, const std::vector<std::string>& keys,
                                 const Connection::IntBlockSink& sink, size_t batch) {
  const KeysetSql sql(columns, from_where, keys, batch);
  if (c.dialect() == sql::Dialect::kSqlite) return c.QueryIntBlocks(sql.whole, params, sink);
  return ForEachBatch(sql.next_batch, std::move(params), keys.size(), batch,
                      [&](const std::string& text, const std::vector<Value>& p, std::vector<int64_t>& last) -> Result<size_t> {
                        size_t rows = 0;
                        RETURN_IF_ERROR(c.QueryIntBlocks(text, p, [&](const int64_t* v, size_t n, size_t stride) {
                          rows += n;
                          const int64_t* row = v + (n - 1) * stride;
                          for (size_t i = 0; i < last.size(); ++i) last[i] = row[stride - last.size() + i];
                          return sink(v, n, stride);
                        }));
                        return rows;
                      });
}

std::string Contains(const std::string& s) { return "%" + text::EscapeLike(s) + "%"; }

std::string ContainsCondition(const std::string& column) { return "LOWER(" + column + ") LIKE LOWER(?) ESCAPE '\\'"; }

}  // namespace sqlrepo

namespace {

class SqlRepositories final : public Repositories {
 public:
  explicit SqlRepositories(sql::Connection& c)
      : changes_(c), regions_(c), units_(c), users_(c), roles_(c, changes_), sessions_(c), positions_(c), audit_(c),
        settings_(c), chains_(c, changes_), enterprises_(c, changes_), catalogue_(c), cases_(c), notifications_(c),
        api_keys_(c), open311_(c), meetings_(c), visits_(c), attachments_(c), wishes_(c), investments_(c), policies_(c, changes_),
        work_tasks_(c), support_(c), assessments_(c) {}
  RegionRepository& regions() override { return regions_; }
  UnitRepository& units() override { return units_; }
  UserRepository& users() override { return users_; }
  RoleRepository& roles() override { return roles_; }
  SessionRepository& sessions() override { return sessions_; }
  PositionRepository& positions() override { return positions_; }
  AuditRepository& audit() override { return audit_; }
  SettingsRepository& settings() override { return settings_; }
  ChangeRepository& changes() override { return changes_; }
  ChainRepository& chains() override { return chains_; }
  EnterpriseRepository& enterprises() override { return enterprises_; }
  CatalogueRepository& catalogue() override { return catalogue_; }
  CaseRepository& cases() override { return cases_; }
  NotificationRepository& notifications() override { return notifications_; }
  ApiKeyRepository& api_keys() override { return api_keys_; }
  Open311Repository& open311() override { return open311_; }
  MeetingRepository& meetings() override { return meetings_; }
  VisitRepository& visits() override { return visits_; }
  AttachmentRepository& attachments() override { return attachments_; }
  WishRepository& wishes() override { return wishes_; }
  InvestmentRepository& investments() override { return investments_; }
  PolicyRepository& policies() override { return policies_; }
  WorkTaskRepository& work_tasks() override { return work_tasks_; }
  SupportRepository& support() override { return support_; }
  AssessmentRepository& assessments() override { return assessments_; }
  bool published() const { return changes_.published(); }

 private:
  sqlrepo::SqlChangeRepository changes_;  // first: the others publish through it
  sqlrepo::SqlRegionRepository regions_;
  sqlrepo::SqlUnitRepository units_;
  sqlrepo::SqlUserRepository users_;
  sqlrepo::SqlRoleRepository roles_;
  sqlrepo::SqlSessionRepository sessions_;
  sqlrepo::SqlPositionRepository positions_;
  sqlrepo::SqlAuditRepository audit_;
  sqlrepo::SqlSettingsRepository settings_;
  sqlrepo::SqlChainRepository chains_;
  sqlrepo::SqlEnterpriseRepository enterprises_;
  sqlrepo::SqlCatalogueRepository catalogue_;
  sqlrepo::SqlCaseRepository cases_;
  sqlrepo::SqlNotificationRepository notifications_;
  sqlrepo::SqlApiKeyRepository api_keys_;
  sqlrepo::SqlOpen311Repository open311_;
  sqlrepo::SqlMeetingRepository meetings_;
  sqlrepo::SqlVisitRepository visits_;
  sqlrepo::SqlAttachmentRepository attachments_;
  sqlrepo::SqlWishRepository wishes_;
  sqlrepo::SqlInvestmentRepository investments_;
  sqlrepo::SqlPolicyRepository policies_;
  sqlrepo::SqlWorkTaskRepository work_tasks_;
  sqlrepo::SqlSupportRepository support_;
  sqlrepo::SqlAssessmentRepository assessments_;
};

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::shared_ptr<sql::Database> db) : db_(std::move(db)), group_commit_(*db_) {}
  // Concurrent writes share commits (sql::GroupCommit), each still one transaction of its own.
  Status Write(const std::function<Status(Repositories&)>& fn) override {
    bool published = false;
    RETURN_IF_ERROR(group_commit_.Run([&](sql::Connection& c) {
      SqlRepositories repos(c);
      Status st = fn(repos);
      published = repos.published();
      return st;
    }));
    if (published && published_hook_) published_hook_();
    return Status::Ok();
  }
  Status Read(const std::function<Status(Repositories&)>& fn) override {
    return db_->Run(sql::TxMode::kRead, [&](sql::Connection& c) {
      SqlRepositories repos(c);
      return fn(repos);
    });
  }
  Status BackupTo(const std::string& path) override { return db_->BackupTo(path); }
  void SetPublishedHook(std::function<void()> hook) override { published_hook_ = std::move(hook); }
  bool WaitForChange(std::chrono::milliseconds timeout) override { return db_->WaitForChange(timeout); }
  void InterruptWait() override { db_->InterruptWait(); }

 private:
  std::shared_ptr<sql::Database> db_;
  sql::GroupCommit group_commit_;
  std::function<void()> published_hook_;
};

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::shared_ptr<sql::Database> db) { return std::make_unique<SqlStore>(std::move(db)); }

}  // namespace lz::storage
