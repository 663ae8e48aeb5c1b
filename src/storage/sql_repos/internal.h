// Internal to storage/sql_repos: the SQL repository classes and shared query helpers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "storage/repositories.h"
#include "storage/sql/sql.h"

namespace lz::storage::sqlrepo {

using sql::Connection;
using sql::Row;
using sql::Value;

// Appends " AND <condition>" restricting rows to `scope`, given the SQL expressions of the
// owning unit's id, the owning unit's path and the creating user's id.
void AppendScope(const auth::ScopeFilter& scope, const std::string& unit_id_expr, const std::string& unit_path_expr,
                 const std::string& creator_expr, std::string& where, std::vector<Value>& params);

// Open (casework::IsOpen) cases over `c`: a unit is responsible and the clock may run.
inline constexpr const char* kOpenCase = "c.state IN ('dispatched', 'handling', 'returned', 'arbitration')";
// Open, not suspended and with a deadline: the overdue filter. The same text as the WHERE of the
// partial index cases_running in migration 0004, so that both engines can prove the index applies.
inline constexpr const char* kRunning =
    "c.state IN ('dispatched', 'handling', 'returned', 'arbitration') AND c.suspended_since IS NULL "
    "AND c.due_at IS NOT NULL";

// " LIMIT ? OFFSET ?" with its parameters.
void AppendPage(const PageRequest& page, std::string& sql, std::vector<Value>& params);

// " AND <column> IN (?, ...)" for `values` (which must not be empty). The list is padded to a
// power of two by repeating its last value, so that the statement caches of both drivers see a
// handful of distinct texts rather than one per list length.
void AppendIn(const std::string& column, const std::vector<Value>& values, std::string& where,
              std::vector<Value>& params);

// " AND <column> starts with <prefix>" for a non-empty prefix. A prefix of digits and A-Z is an
// index range (column >= prefix AND column < successor), which is correct in every collation for
// values of those characters; anything else falls back to LIKE ... ESCAPE.
void AppendPrefix(const std::string& column, const std::string& prefix, std::string& where,
                  std::vector<Value>& params);

// Streams the rows of "SELECT <columns> <from_where> ORDER BY <keys>" to `sink`, holding little
// in memory: on drivers that stream (SQLite) as one statement; on others in batches of `batch`
// rows, each an index range after the last keys seen ("AND (<keys>) > (…)", never an OFFSET), for
// which the keys are selected too, after `columns` (sinks read the columns by their index in
// `columns`). `from_where` ends in a WHERE clause; the keys are integer expressions, unique together.
Status ForEachInKeyOrder(Connection& c, const std::string& columns, const std::string& from_where,
                         std::vector<Value> params, const std::vector<std::string>& keys,
                         const std::function<Status(const Row&)>& sink, size_t batch = 4096);

// ForEachInKeyOrder for columns that are all integers, in blocks (Connection::QueryIntBlocks);
// on batching drivers each row also carries the keys after `columns`.
Status ForEachIntBlockInKeyOrder(Connection& c, const std::string& columns, const std::string& from_where,
                                 std::vector<Value> params, const std::vector<std::string>& keys,
                                 const Connection::IntBlockSink& sink, size_t batch = 65536);

// "%text%" pattern for LIKE ... ESCAPE '\'.
std::string Contains(const std::string& text);

// "LOWER(<column>) LIKE LOWER(?) ESCAPE '\'": the condition for a Contains pattern, case-insensitive
// for ASCII on every backend (SQLite's LIKE already is; PostgreSQL's is not). Beyond ASCII,
// PostgreSQL also folds case per the database's locale; SQLite compares exactly.
std::string ContainsCondition(const std::string& column);

// One page of a filtered list: runs "SELECT COUNT(*) <from><where>" for the total and
// "<select><where> ORDER BY <order_by> LIMIT ? OFFSET ?" for the rows, mapped by `from_row`.
template <typename T>
Result<PageOf<T>> QueryPage(Connection& c, const std::string& from, const std::string& select,
                            const std::string& where, std::vector<Value> params, const std::string& order_by,
                            const PageRequest& page, T (*from_row)(const Row&)) {
  PageOf<T> out;
  ASSIGN_OR_RETURN(auto total, c.QueryInt("SELECT COUNT(*) " + from + where, params));
  out.total = total.value_or(0);
  std::string sql = select + where + " ORDER BY " + order_by;
  AppendPage(page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  out.items.reserve(rows.size());
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

class SqlRegionRepository final : public RegionRepository {
 public:
  explicit SqlRegionRepository(Connection& c) : c_(c) {}
  Result<std::optional<org::Region>> Get(const std::string& code) override;
  Result<std::vector<org::Region>> Children(const std::string& parent_code) override;
  Result<std::vector<org::Region>> Search(const std::string& q, int limit) override;
  Status Insert(const org::Region& region, const std::string& source) override;
  Status InsertMany(const std::vector<org::Region>& regions, const std::string& source) override;
  Result<int64_t> Count() override;
  Result<int64_t> CountAtLevel(org::RegionLevel level, const std::string& prefix) override;

 private:
  Connection& c_;
};

class SqlUnitRepository final : public UnitRepository {
 public:
  explicit SqlUnitRepository(Connection& c) : c_(c) {}
  Result<std::optional<org::Unit>> Get(int64_t id) override;
  Result<PageOf<org::Unit>> List(const UnitQuery& query) override;
  Status ForEach(const UnitQuery& query, const std::function<Status(const org::Unit&)>& sink) override;
  Result<int64_t> Insert(org::Unit& unit) override;
  Status Update(const org::Unit& unit, const std::string& old_path) override;
  Status Delete(int64_t id) override;
  Result<bool> NameTakenUnderParent(const std::string& name, std::optional<int64_t> parent_id,
                                    int64_t except_id) override;
  Result<int64_t> CountChildren(int64_t id) override;
  Result<std::optional<int64_t>> FindByName(const std::string& name) override;

 private:
  Connection& c_;
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Connection& c) : c_(c) {}
  Result<std::optional<auth::User>> Get(int64_t id) override;
  Result<std::optional<auth::User>> GetByLogin(const std::string& login) override;
  Result<PageOf<auth::User>> List(const UserQuery& query) override;
  Result<int64_t> Insert(const auth::User& user) override;
  Status Update(const auth::User& user) override;
  Result<int64_t> CountInUnit(int64_t unit_id) override;
  Result<int64_t> CountWithRole(int64_t role_id) override;

 private:
  Status LoadRelations(auth::User& user);
  Status SaveRelations(const auth::User& user, bool replace);
  Connection& c_;
};

class SqlChangeRepository final : public ChangeRepository {
 public:
  explicit SqlChangeRepository(Connection& c) : c_(c) {}
  Status Publish(const std::string& topic, const std::string& ref) override;
  Result<std::vector<Change>> Since(int64_t after_seq, int limit) override;
  Result<int64_t> LastSeq() override;
  Result<int64_t> PrunedThrough() override;
  Result<int64_t> Prune(int64_t keep) override;
  // Whether this transaction published anything.
  bool published() const { return published_; }

 private:
  Connection& c_;
  bool published_ = false;
};

// Publishes topic::kRole on every write.
class SqlRoleRepository final : public RoleRepository {
 public:
  SqlRoleRepository(Connection& c, ChangeRepository& changes) : c_(c), changes_(changes) {}
  Result<std::vector<auth::Role>> List() override;
  Result<std::optional<auth::Role>> Get(int64_t id) override;
  Result<std::optional<auth::Role>> GetByKey(const std::string& key) override;
  Result<int64_t> Insert(const auth::Role& role) override;
  Status Update(const auth::Role& role) override;
  Status Delete(int64_t id) override;

 private:
  Result<std::vector<auth::Role>> Load(const std::string& where, const std::vector<Value>& params);
  Status SavePermissions(const auth::Role& role);
  Connection& c_;
  ChangeRepository& changes_;
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& c) : c_(c) {}
  Result<std::optional<auth::Session>> Get(const std::string& token_hash) override;
  Status Insert(const auth::Session& session) override;
  Status Touch(const std::string& token_hash, TimeMs last_seen_at) override;
  Status Delete(const std::string& token_hash) override;
  Status DeleteForUser(int64_t user_id) override;
  Result<int64_t> DeleteExpired(TimeMs idle_before, TimeMs created_before) override;

 private:
  Connection& c_;
};

class SqlPositionRepository final : public PositionRepository {
 public:
  explicit SqlPositionRepository(Connection& c) : c_(c) {}
  Result<std::optional<org::Position>> Get(int64_t id) override;
  Result<PageOf<org::Position>> List(const PositionQuery& query) override;
  Result<int64_t> Insert(const org::Position& position) override;
  Status Delete(int64_t id) override;
  Result<int64_t> CountByKind(org::PositionKind kind) override;
  Result<int64_t> CountInContext(org::ContextType type, const std::string& ref) override;

 private:
  Connection& c_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(Connection& c) : c_(c) {}
  Status Append(audit::LoginRecord& record) override;
  Status Append(audit::OperationRecord& record) override;
  Result<PageOf<audit::LoginRecord>> ListLogins(const LogQuery& query) override;
  Result<PageOf<audit::OperationRecord>> ListOperations(const LogQuery& query) override;
  Status ForEachLogin(const std::function<void(const audit::LoginRecord&)>& sink) override;
  Status ForEachOperation(const std::function<void(const audit::OperationRecord&)>& sink) override;
  Result<audit::ChainHead> Head(audit::LogKind kind) override;

 private:
  Status MoveHead(audit::LogKind kind, int64_t id, const std::string& hash);
  Connection& c_;
};

class SqlSettingsRepository final : public SettingsRepository {
 public:
  explicit SqlSettingsRepository(Connection& c) : c_(c) {}
  Result<std::optional<std::string>> Get(const std::string& key) override;
  Status Put(const std::string& key, const std::string& value) override;

 private:
  Connection& c_;
};

// Publishes topic::kChain for every write.
class SqlChainRepository final : public ChainRepository {
 public:
  SqlChainRepository(Connection& c, ChangeRepository& changes) : c_(c), changes_(changes) {}
  Result<std::optional<chain::Chain>> Get(int64_t id) override;
  Result<PageOf<chain::Chain>> List(const ChainQuery& query) override;
  Result<std::vector<chain::Chain>> All() override;
  Result<std::optional<int64_t>> FindByName(const std::string& name) override;
  Result<int64_t> Insert(const chain::Chain& chain) override;
  Status Update(const chain::Chain& chain) override;
  Status Delete(int64_t id) override;
  Result<int64_t> CountForUnit(int64_t unit_id) override;
  Result<std::optional<chain::Segment>> GetSegment(int64_t id) override;
  Result<std::vector<chain::Segment>> Segments(int64_t chain_id) override;
  Result<int64_t> InsertSegment(const chain::Segment& segment) override;
  Status UpdateSegment(const chain::Segment& segment) override;
  Status DeleteSegment(int64_t id) override;
  Result<int64_t> CountChildSegments(int64_t id) override;
  Result<std::optional<int64_t>> FindSegment(int64_t chain_id, const std::string& name) override;
  Result<std::vector<chain::SegmentLink>> SegmentLinks(int64_t chain_id) override;
  Status AddSegmentLink(int64_t chain_id, const chain::SegmentLink& link) override;
  Status RemoveSegmentLink(int64_t chain_id, const chain::SegmentLink& link) override;

 private:
  Result<std::vector<chain::Chain>> Load(const std::string& where, const std::vector<Value>& params,
                                         const std::string& tail = "");
  Status SaveUnits(const chain::Chain& chain);
  Status Publish(int64_t chain_id) { return changes_.Publish(std::string(topic::kChain), std::to_string(chain_id)); }
  Connection& c_;
  ChangeRepository& changes_;
};

// Publishes topic::kEnterprise for every write, naming each enterprise it touches.
class SqlEnterpriseRepository final : public EnterpriseRepository {
 public:
  SqlEnterpriseRepository(Connection& c, ChangeRepository& changes) : c_(c), changes_(changes) {}
  Result<std::optional<chain::Enterprise>> Get(int64_t id) override;
  Result<std::optional<chain::Enterprise>> GetByCreditCode(const std::string& credit_code) override;
  Result<PageOf<chain::Enterprise>> List(const EnterpriseQuery& query) override;
  Status ForEach(const EnterpriseQuery& query, const std::function<Status(const chain::Enterprise&)>& sink) override;
  Result<std::vector<chain::Enterprise>> FindByNameKey(const std::string& name_key, int64_t except_id) override;
  Result<int64_t> Insert(const chain::Enterprise& enterprise) override;
  Status Update(const chain::Enterprise& enterprise) override;
  Status Delete(int64_t id) override;
  Result<std::vector<chain::Membership>> Memberships(int64_t enterprise_id, int64_t segment_id) override;
  Status PutMembership(const chain::Membership& membership) override;
  Status RemoveMembership(int64_t enterprise_id, int64_t segment_id) override;
  Result<std::optional<chain::SupplyLink>> GetLink(int64_t id) override;
  Result<std::optional<chain::SupplyLink>> FindLink(int64_t supplier_id, int64_t buyer_id) override;
  Status ForEachLink(int64_t enterprise_id, bool as_supplier,
                     const std::function<Status(const chain::SupplyLink&)>& sink) override;
  Status ScanRegistry(const RegistryScanSink& sink) override;
  Result<int64_t> InsertLink(const chain::SupplyLink& link) override;
  Status UpdateLink(const chain::SupplyLink& link) override;
  Status DeleteLink(int64_t id) override;

 private:
  Status Publish(int64_t enterprise_id) {
    return changes_.Publish(std::string(topic::kEnterprise), std::to_string(enterprise_id));
  }
  Connection& c_;
  ChangeRepository& changes_;
};

// Casework catalogue: channels, categories, routing rules. Publishes nothing.
class SqlCatalogueRepository final : public CatalogueRepository {
 public:
  explicit SqlCatalogueRepository(Connection& c) : c_(c) {}
  Result<std::vector<casework::Channel>> Channels() override;
  Result<std::optional<casework::Channel>> GetChannel(const std::string& code) override;
  Status PutChannel(const casework::Channel& channel) override;
  Result<std::vector<casework::Category>> Categories() override;
  Result<std::optional<casework::Category>> GetCategory(int64_t id) override;
  Result<std::optional<casework::Category>> GetCategoryByCode(const std::string& code) override;
  Result<int64_t> InsertCategory(const casework::Category& category) override;
  Status UpdateCategory(const casework::Category& category) override;
  Status DeleteCategory(int64_t id) override;
  Result<int64_t> CountChildCategories(int64_t id) override;
  Result<std::vector<casework::RoutingRule>> Routes(const std::vector<int64_t>& category_ids) override;
  Result<int64_t> PutRoute(const casework::RoutingRule& rule) override;
  Status DeleteRoute(int64_t id) override;
  Result<std::vector<CalendarFile>> CalendarFiles() override;
  Status PutCalendarFile(const CalendarFile& file) override;

 private:
  Result<std::vector<casework::Category>> LoadCategories(const std::string& where, const std::vector<Value>& params);
  Connection& c_;
};

// Cases, their co-units, the units they involved and their events. Publishes nothing (the
// casework engines follow through services, not the change feed).
class SqlCaseRepository final : public CaseRepository {
 public:
  explicit SqlCaseRepository(Connection& c) : c_(c) {}
  Result<std::optional<casework::Case>> Get(int64_t id) override;
  Result<std::optional<casework::Case>> GetByNumber(const std::string& number) override;
  Result<PageOf<casework::Case>> List(const CaseQuery& query) override;
  Status ForEach(const CaseQuery& query, const std::function<Status(const casework::Case&)>& sink) override;
  Result<std::vector<int64_t>> Ids(const CaseQuery& query) override;
  Status ForEachText(const std::function<Status(const CaseText&)>& sink) override;
  Result<std::vector<CaseText>> Texts(const std::vector<int64_t>& ids) override;
  Result<bool> Visible(int64_t case_id, const auth::ScopeFilter& scope) override;
  Result<int64_t> NextNumber(const std::string& prefix) override;
  Result<int64_t> Insert(const casework::Case& c, std::optional<int64_t> intake_unit_id) override;
  Status SaveProjection(const casework::Case& c, int32_t previous_version) override;
  Status AppendEvents(const std::vector<casework::CaseEvent>& events) override;
  Result<std::vector<casework::CaseEvent>> Events(int64_t case_id) override;
  Status ForEachEvent(const std::function<Status(const casework::CaseEvent&)>& sink) override;
  Status ForEachRunning(TimeMs due_before, const std::function<Status(const casework::Case&)>& sink) override;
  Result<int64_t> Count() override;

 private:
  // Cases from `rows` (the case columns) with co_units and absorbed filled.
  Result<std::vector<casework::Case>> Complete(const std::vector<Row>& rows);
  Result<std::optional<casework::Case>> GetWhere(const std::string& where, const Value& key);
  // The texts of the cases `where` selects (alias c, ascending ids) with their involved units.
  Result<std::vector<CaseText>> TextsWhere(const std::string& where, const std::vector<Value>& params);
  // Writes the co-units and records the lead, the co-units and `extra_unit` as involved.
  Status SaveUnits(const casework::Case& c, std::optional<int64_t> extra_unit, bool replace_co_units);
  Connection& c_;
};

class SqlNotificationRepository final : public NotificationRepository {
 public:
  explicit SqlNotificationRepository(Connection& c) : c_(c) {}
  Status Insert(const std::vector<notify::Notification>& notifications) override;
  Result<PageOf<notify::Notification>> List(int64_t user_id, bool unread_only, const PageRequest& page) override;
  Result<int64_t> UnreadCount(int64_t user_id) override;
  Result<int64_t> MarkRead(int64_t user_id, const std::vector<int64_t>& ids, TimeMs at) override;

 private:
  Connection& c_;
};

// API keys of machine clients. Publishes nothing (a key is looked up by its hash on each request).
class SqlApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit SqlApiKeyRepository(Connection& c) : c_(c) {}
  Result<std::optional<auth::ApiKey>> Get(int64_t id) override;
  Result<std::optional<auth::ApiKey>> GetByHash(const std::string& key_hash) override;
  Result<std::vector<auth::ApiKey>> List() override;
  Result<int64_t> Insert(const auth::ApiKey& key) override;
  Status Revoke(int64_t id, TimeMs at) override;
  Status Touch(int64_t id, TimeMs last_used_at) override;

 private:
  Connection& c_;
};

// The Open311 rows of cases filed through GeoReport v2. Publishes nothing.
class SqlOpen311Repository final : public Open311Repository {
 public:
  explicit SqlOpen311Repository(Connection& c) : c_(c) {}
  Status Insert(const Open311Request& request) override;
  Result<std::optional<Open311Request>> Get(int64_t case_id) override;
  Result<std::vector<Open311Request>> List(const Open311Query& query) override;

 private:
  Connection& c_;
};

// Attachments of cases and policies: metadata rows and their bytes. Publishes nothing.
class SqlAttachmentRepository final : public AttachmentRepository {
 public:
  explicit SqlAttachmentRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const Attachment& attachment, std::string_view content) override;
  Result<std::optional<Attachment>> Get(int64_t id) override;
  Result<std::optional<std::string>> Content(int64_t id) override;
  Status Attach(const std::vector<int64_t>& ids, int64_t user_id, int64_t case_id,
                std::optional<int32_t> event_seq) override;
  Result<std::vector<Attachment>> ForCase(int64_t case_id) override;
  Status AttachToPolicy(const std::vector<int64_t>& ids, int64_t user_id, int64_t policy_id) override;
  Result<std::vector<Attachment>> ForPolicy(int64_t policy_id) override;
  Result<int64_t> Delete(const std::vector<int64_t>& ids) override;
  Result<int64_t> DeleteStaged(TimeMs before) override;

 private:
  // Checked before any attach, so that nothing changes when one of `ids` may not be attached.
  Status CheckStaged(const std::vector<int64_t>& ids, int64_t user_id);
  // kSelect with `where_order` (one bound id), as attachments.
  Result<std::vector<Attachment>> Listed(const char* where_order, int64_t owner_id);

  Connection& c_;
};

// Investment projects, their stage history and promotion events (migration 0011). Publishes
// nothing (the registry writes beside them do).
class SqlInvestmentRepository final : public InvestmentRepository {
 public:
  explicit SqlInvestmentRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertProject(const investment::Project& project) override;
  Status UpdateProject(const investment::Project& project) override;
  Result<std::optional<investment::Project>> GetProject(int64_t id) override;
  Result<PageOf<investment::Project>> Projects(const ProjectQuery& query) override;
  Status ForEachProject(const ProjectQuery& query,
                        const std::function<Status(const investment::Project&)>& sink) override;
  Result<int64_t> AppendStageChange(const investment::StageChange& change) override;
  Result<std::vector<investment::StageChange>> StageHistory(int64_t project_id) override;
  Result<std::vector<UnitLandings>> LandingsByUnit(const std::string& from_on, const std::string& to_on) override;
  Result<int64_t> InsertEvent(const investment::PromotionEvent& event) override;
  Status UpdateEvent(const investment::PromotionEvent& event) override;
  Status DeleteEvent(int64_t id) override;
  Result<std::optional<investment::PromotionEvent>> GetEvent(int64_t id) override;
  Result<PageOf<investment::PromotionEvent>> Events(const EventQuery& query) override;
  Result<std::vector<investment::EventFigures>> EventFigures(const EventFigureQuery& query) override;
  Result<std::vector<ProjectStageFigure>> StageFigures() override;
  Result<std::vector<SignedMonthFigure>> SignedByMonth(int year) override;
  Status SetSigningTarget(const SigningTarget& target) override;
  Result<std::vector<SigningTarget>> SigningTargets(int year) override;

 private:
  Status SaveEventRelations(const investment::PromotionEvent& event);
  Status LoadEventUnits(investment::PromotionEvent& event);
  Connection& c_;
};

// Micro-wishes: campaigns and wish rows. Publishes nothing (the case writes beside them do).
class SqlWishRepository final : public WishRepository {
 public:
  explicit SqlWishRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertCampaign(const casework::WishCampaign& campaign, TimeMs closes_at) override;
  Result<std::optional<WishCampaignRow>> GetCampaign(int64_t id) override;
  Status UpdateCampaign(const casework::WishCampaign& campaign, TimeMs closes_at) override;
  Status DeleteCampaign(int64_t id) override;
  Result<PageOf<WishCampaignRow>> Campaigns(const WishCampaignQuery& query) override;
  Status Insert(const casework::Wish& wish) override;
  Result<std::optional<WishRow>> Get(int64_t case_id) override;
  Result<bool> MarkPublished(int64_t case_id, TimeMs at) override;
  Result<bool> Claim(int64_t case_id, const casework::Donor& donor, std::optional<int64_t> claimed_by,
                     TimeMs at) override;
  Result<bool> MarkDelivered(int64_t case_id, TimeMs at) override;
  Result<PageOf<WishRow>> List(const WishQuery& query) override;
  Result<std::vector<StationWishCounts>> Figures(const WishFigureQuery& query) override;

 private:
  Connection& c_;
};

// The policy set: documents, measures, matching enterprises, grants. Publishes topic::kPolicy on
// every write to a policy or its measures (the policy text index follows it).
class SqlPolicyRepository final : public PolicyRepository {
 public:
  SqlPolicyRepository(Connection& c, ChangeRepository& changes) : c_(c), changes_(changes) {}
  Result<std::optional<policy::Policy>> Get(int64_t id) override;
  Result<std::optional<int64_t>> FindByDocNumber(const std::string& doc_number) override;
  Result<PageOf<PolicyRow>> List(const PolicyQuery& query) override;
  Status ForEachText(const std::function<Status(const PolicyText&)>& sink) override;
  Result<std::optional<PolicyText>> Text(int64_t id) override;
  Result<int64_t> Insert(policy::Policy& policy) override;
  Status Update(policy::Policy& policy) override;
  Status Delete(int64_t id) override;
  Result<std::optional<policy::Measure>> GetMeasure(int64_t id) override;
  Result<std::vector<MeasureRow>> AllMeasures() override;
  Result<PageOf<chain::Enterprise>> MatchingEnterprises(const policy::Conditions& conditions,
                                                       const PageRequest& page) override;
  Result<int64_t> InsertGrant(const policy::Grant& grant) override;
  Result<PageOf<policy::Grant>> ListGrants(const GrantQuery& query) override;
  Result<int64_t> CountGrants(int64_t policy_id, std::optional<int64_t> measure_id) override;
  Result<std::vector<GrantSum>> SumsByEnterprise(std::optional<int64_t> policy_id, int limit) override;
  Result<std::vector<GrantSum>> SumsByPolicy(std::optional<int64_t> enterprise_id, int limit) override;

 private:
  Status Publish(int64_t id);
  Connection& c_;
  ChangeRepository& changes_;
};

// Support bodies and open challenges. Publishes nothing (read from storage on each request).
class SqlSupportRepository final : public SupportRepository {
 public:
  explicit SqlSupportRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertBody(const chain::SupportBody& body) override;
  Result<std::optional<SupportBodyRow>> GetBody(int64_t id) override;
  Status UpdateBody(const chain::SupportBody& body) override;
  Status DeleteBody(int64_t id) override;
  Result<PageOf<SupportBodyRow>> Bodies(const SupportBodyQuery& query) override;
  Result<int64_t> InsertChallenge(const chain::Challenge& challenge) override;
  Result<std::optional<ChallengeRow>> GetChallenge(int64_t id) override;
  Result<bool> MoveChallenge(const chain::Challenge& challenge, chain::ChallengeState expected) override;
  Status AddMilestones(int64_t challenge_id, const std::vector<chain::ChallengeMilestone>& milestones) override;
  Result<bool> MarkMilestoneDone(int64_t challenge_id, int32_t position, const std::string& done_on) override;
  Result<PageOf<ChallengeRow>> Challenges(const ChallengeQuery& query) override;
  Result<int64_t> InsertApplication(const chain::ChallengeApplication& application) override;
  Result<std::vector<chain::ChallengeApplication>> Applications(int64_t challenge_id) override;
  Result<SupportFigures> Figures(const std::string& region_code) override;

 private:
  Status WriteMembers(const chain::SupportBody& body);
  Connection& c_;
};

// Work-plan tasks beside their cases. Publishes nothing (the case's own writes publish it).
// Assessment schemes (migration 0016). Publishes nothing: nothing caches them.
class SqlAssessmentRepository final : public AssessmentRepository {
 public:
  explicit SqlAssessmentRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const assess::Scheme& scheme) override;
  Status Update(const assess::Scheme& scheme) override;
  Status Delete(int64_t id) override;
  Result<std::optional<assess::Scheme>> Get(int64_t id) override;
  Result<std::vector<assess::Scheme>> All() override;
  Status ClearDefaultExcept(int64_t keep_id) override;

 private:
  Connection& c_;
};

class SqlWorkTaskRepository final : public WorkTaskRepository {
 public:
  explicit SqlWorkTaskRepository(Connection& c) : c_(c) {}
  Status Insert(const plan::WorkTask& task) override;
  Result<std::optional<plan::WorkTask>> Get(int64_t case_id) override;
  Result<std::map<int64_t, plan::WorkTask>> GetMany(const std::vector<int64_t>& case_ids) override;
  Result<std::vector<int64_t>> TaskIds(const WorkTaskFilter& filter) override;
  Result<std::vector<int64_t>> TaskIdsDue(const std::string& from_on, const std::string& to_on) override;
  Status SetProgress(int64_t case_id, int32_t progress) override;
  Result<bool> MarkMilestoneDone(int64_t case_id, int32_t position, const std::string& done_on,
                                 int64_t user_id) override;
  Result<std::vector<OpenTaskFigure>> OpenByChain(TimeMs now) override;

 private:
  Connection& c_;
};

// Enterprise visits and the field staff's lists and figures. Publishes nothing (read from storage
// on each request).
class SqlVisitRepository final : public VisitRepository {
 public:
  explicit SqlVisitRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const casework::Visit& visit) override;
  Status AddProblem(int64_t visit_id, int64_t case_id) override;
  Result<std::optional<casework::Visit>> Get(int64_t id) override;
  Result<std::optional<int64_t>> VisitOfCase(int64_t case_id) override;
  Result<PageOf<VisitRow>> List(const VisitQuery& query) override;
  Result<PageOf<AssignmentRow>> Assignments(const AssignmentQuery& query) override;
  Result<FieldTally> Tally(int64_t enterprise_id) override;
  Result<std::vector<int64_t>> VisitedBy(int64_t user_id) override;
  Result<std::vector<int64_t>> ProblemsOf(int64_t enterprise_id) override;
  Result<FieldFigures> Figures(const FieldFigureQuery& query) override;

 private:
  Connection& c_;
};

// Building meetings: schedules, meetings with attendees, agendas. Publishes nothing (meetings are
// read from storage on each request).
class SqlMeetingRepository final : public MeetingRepository {
 public:
  explicit SqlMeetingRepository(Connection& c) : c_(c) {}
  Result<std::optional<casework::MeetingSchedule>> GetSchedule(int64_t community_unit_id) override;
  Status PutSchedule(const casework::MeetingSchedule& schedule) override;
  Result<int64_t> Insert(const casework::Meeting& meeting) override;
  Result<std::optional<casework::Meeting>> Get(int64_t id) override;
  Result<PageOf<MeetingRow>> List(const MeetingQuery& query) override;
  Status Update(const casework::Meeting& meeting) override;
  Status ReplaceAttendees(int64_t meeting_id, const std::vector<casework::Attendee>& attendees) override;
  Result<std::optional<casework::Meeting>> Latest(int64_t community_unit_id) override;
  Result<std::optional<casework::Meeting>> Previous(int64_t community_unit_id, const std::string& date) override;
  Result<casework::MeetingItem> AddItem(int64_t meeting_id, int64_t case_id, bool raised, TimeMs at) override;
  Result<std::vector<casework::MeetingItem>> Items(int64_t meeting_id) override;
  Result<std::vector<casework::MeetingItem>> ItemsOfCase(int64_t case_id) override;
  Result<std::vector<int64_t>> OpenItemsBefore(int64_t community_unit_id, const std::string& date, int64_t meeting_id,
                                               const std::vector<casework::CaseState>& states) override;
  Result<std::vector<int64_t>> OnLaterAgenda(int64_t meeting_id) override;

 private:
  Connection& c_;
};

}  // namespace lz::storage::sqlrepo
