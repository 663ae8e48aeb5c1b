// Repository interfaces: everything services may ask of storage, one interface per aggregate.
// A Repositories object is valid only inside the Store transaction that handed it out; every
// method runs in that transaction. Not-found is NotFound unless the method returns optional.
// Lists take a ScopeFilter and return only rows it allows, so list, detail, export and search
// all obey data scopes the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/audit/audit_chain.h"
#include "domain/auth/data_scope.h"
#include "domain/auth/user.h"
#include "domain/chain/chain.h"
#include "domain/org/position.h"
#include "domain/org/region.h"
#include "domain/org/unit.h"

namespace lz::storage {

struct PageRequest {
  int64_t page = 1;        // 1-based
  int64_t page_size = 20;  // 1..100 (services clamp)
  int64_t Offset() const { return (page - 1) * page_size; }
  // The same request with page ≥ 1 and page_size within 1..kMaxPageSize.
  PageRequest Clamped() const {
    return {page < 1 ? 1 : page, page_size < 1 ? 1 : (page_size > kMaxPageSize ? kMaxPageSize : page_size)};
  }
  static constexpr int64_t kMaxPageSize = 100;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  int64_t total = 0;
};

class RegionRepository {
 public:
  virtual ~RegionRepository() = default;
  virtual Result<std::optional<org::Region>> Get(const std::string& code) = 0;
  // Children of `parent_code` (top-level regions when empty), ordered by code, with child_count.
  virtual Result<std::vector<org::Region>> Children(const std::string& parent_code) = 0;
  // Regions whose name contains `q`, ordered by code, at most `limit`.
  virtual Result<std::vector<org::Region>> Search(const std::string& q, int limit) = 0;
  virtual Status Insert(const org::Region& region, const std::string& source) = 0;
  // Inserts many regions (reference data load); existing codes are left as they are.
  virtual Status InsertMany(const std::vector<org::Region>& regions, const std::string& source) = 0;
  virtual Result<int64_t> Count() = 0;
  // Count of regions at a level whose code starts with `prefix`.
  virtual Result<int64_t> CountAtLevel(org::RegionLevel level, const std::string& prefix) = 0;
};

struct UnitQuery {
  std::string q;                       // name contains
  std::optional<org::UnitKind> kind;
  std::string region_code;             // in this region or below (prefix)
  std::optional<int64_t> parent_id;
  auth::ScopeFilter scope;
  PageRequest page;
};

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<std::optional<org::Unit>> Get(int64_t id) = 0;
  virtual Result<PageOf<org::Unit>> List(const UnitQuery& query) = 0;
  // Calls `sink` for every unit matching the query, ignoring paging (exports).
  virtual Status ForEach(const UnitQuery& query, const std::function<Status(const org::Unit&)>& sink) = 0;
  // Inserts and returns the id; fills path from the parent.
  virtual Result<int64_t> Insert(org::Unit& unit) = 0;
  // Updates the editable fields; when the parent changes, rewrites the paths of the subtree.
  virtual Status Update(const org::Unit& unit, const std::string& old_path) = 0;
  virtual Status Delete(int64_t id) = 0;
  virtual Result<bool> NameTakenUnderParent(const std::string& name, std::optional<int64_t> parent_id,
                                            int64_t except_id) = 0;
  virtual Result<int64_t> CountChildren(int64_t id) = 0;
  virtual Result<std::optional<int64_t>> FindByName(const std::string& name) = 0;
};

struct UserQuery {
  std::string q;  // login or name contains
  std::optional<int64_t> unit_id;
  auth::ScopeFilter scope;
  PageRequest page;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<std::optional<auth::User>> Get(int64_t id) = 0;
  virtual Result<std::optional<auth::User>> GetByLogin(const std::string& login) = 0;
  virtual Result<PageOf<auth::User>> List(const UserQuery& query) = 0;
  virtual Result<int64_t> Insert(const auth::User& user) = 0;
  // Updates every column but login and created_*; replaces roles and scope units.
  virtual Status Update(const auth::User& user) = 0;
  virtual Result<int64_t> CountInUnit(int64_t unit_id) = 0;
  // Users holding this role.
  virtual Result<int64_t> CountWithRole(int64_t role_id) = 0;
};

class RoleRepository {
 public:
  virtual ~RoleRepository() = default;
  virtual Result<std::vector<auth::Role>> List() = 0;
  virtual Result<std::optional<auth::Role>> Get(int64_t id) = 0;
  virtual Result<std::optional<auth::Role>> GetByKey(const std::string& key) = 0;
  virtual Result<int64_t> Insert(const auth::Role& role) = 0;
  virtual Status Update(const auth::Role& role) = 0;
  virtual Status Delete(int64_t id) = 0;
};

// Session writes are idempotent: touching or deleting a session that is gone is not an error.
class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<std::optional<auth::Session>> Get(const std::string& token_hash) = 0;
  virtual Status Insert(const auth::Session& session) = 0;
  virtual Status Touch(const std::string& token_hash, TimeMs last_seen_at) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  virtual Status DeleteForUser(int64_t user_id) = 0;
  // Removes sessions last seen before `idle_before` or created before `created_before`.
  virtual Result<int64_t> DeleteExpired(TimeMs idle_before, TimeMs created_before) = 0;
};

struct PositionQuery {
  std::optional<int64_t> user_id;
  std::optional<org::PositionKind> kind;
  auth::ScopeFilter scope;  // applied to the holder's unit
  PageRequest page;
};

class PositionRepository {
 public:
  virtual ~PositionRepository() = default;
  virtual Result<std::optional<org::Position>> Get(int64_t id) = 0;
  virtual Result<PageOf<org::Position>> List(const PositionQuery& query) = 0;
  virtual Result<int64_t> Insert(const org::Position& position) = 0;
  virtual Status Delete(int64_t id) = 0;
  virtual Result<int64_t> CountByKind(org::PositionKind kind) = 0;
  // Positions held in the context (e.g. a unit about to be deleted).
  virtual Result<int64_t> CountInContext(org::ContextType type, const std::string& ref) = 0;
};

struct LogQuery {
  std::string login;
  std::string action;  // operation log only: the action contains this text
  std::string result;
  PageRequest page;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends one row at the end of its chain: assigns the id, seals it with the previous hash and
  // moves the chain head. Must run in a write transaction.
  virtual Status Append(audit::LoginRecord& record) = 0;
  virtual Status Append(audit::OperationRecord& record) = 0;
  virtual Result<PageOf<audit::LoginRecord>> ListLogins(const LogQuery& query) = 0;
  virtual Result<PageOf<audit::OperationRecord>> ListOperations(const LogQuery& query) = 0;
  // Every row in id order, for verification.
  virtual Status ForEachLogin(const std::function<void(const audit::LoginRecord&)>& sink) = 0;
  virtual Status ForEachOperation(const std::function<void(const audit::OperationRecord&)>& sink) = 0;
  virtual Result<audit::ChainHead> Head(audit::LogKind kind) = 0;
};

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual Result<std::optional<std::string>> Get(const std::string& key) = 0;
  virtual Status Put(const std::string& key, const std::string& value) = 0;
};

// Change-feed topics, one per kind of thing servers keep in memory.
namespace topic {
inline constexpr std::string_view kRole = "role";  // ref: role id; published by RoleRepository writes
// ref: chain id; published by ChainRepository writes to the chain, its segments or segment links.
inline constexpr std::string_view kChain = "chain";
// ref: enterprise id; published by EnterpriseRepository writes to the enterprise, its memberships
// or any supply link it is part of (both ends).
inline constexpr std::string_view kEnterprise = "enterprise";
}  // namespace topic

struct ChainQuery {
  std::string q;            // name contains
  std::string region_code;  // the chain's region or below (prefix)
  PageRequest page;
};

// Chains with their responsible units, segments and segment links. Reads fill the display fields
// (region_name, lead_unit_name, segment_count).
class ChainRepository {
 public:
  virtual ~ChainRepository() = default;
  virtual Result<std::optional<chain::Chain>> Get(int64_t id) = 0;
  virtual Result<PageOf<chain::Chain>> List(const ChainQuery& query) = 0;
  // Every chain, ordered by id.
  virtual Result<std::vector<chain::Chain>> All() = 0;
  virtual Result<std::optional<int64_t>> FindByName(const std::string& name) = 0;
  // Inserts the chain and its responsible units; returns the id.
  virtual Result<int64_t> Insert(const chain::Chain& chain) = 0;
  // Updates the editable fields and replaces the responsible units.
  virtual Status Update(const chain::Chain& chain) = 0;
  // Deletes the chain with its segments, links and memberships in them.
  virtual Status Delete(int64_t id) = 0;
  // Chains whose lead or responsible units include `unit_id`.
  virtual Result<int64_t> CountForUnit(int64_t unit_id) = 0;

  virtual Result<std::optional<chain::Segment>> GetSegment(int64_t id) = 0;
  // Segments of a chain (every chain when chain_id is 0), by chain, stage, sort_order, id.
  virtual Result<std::vector<chain::Segment>> Segments(int64_t chain_id) = 0;
  virtual Result<int64_t> InsertSegment(const chain::Segment& segment) = 0;
  virtual Status UpdateSegment(const chain::Segment& segment) = 0;
  virtual Status DeleteSegment(int64_t id) = 0;
  virtual Result<int64_t> CountChildSegments(int64_t id) = 0;
  virtual Result<std::optional<int64_t>> FindSegment(int64_t chain_id, const std::string& name) = 0;
  // Segment links of a chain (every chain when chain_id is 0).
  virtual Result<std::vector<chain::SegmentLink>> SegmentLinks(int64_t chain_id) = 0;
  // Adding an existing link or removing a missing one is not an error.
  virtual Status AddSegmentLink(int64_t chain_id, const chain::SegmentLink& link) = 0;
  virtual Status RemoveSegmentLink(int64_t chain_id, const chain::SegmentLink& link) = 0;
};

struct EnterpriseQuery {
  std::string q;            // name or credit code contains
  std::string region_code;  // registered in this region or below (prefix)
  std::optional<bool> local;
  std::optional<chain::SizeClass> size;
  std::optional<int64_t> segment_id;  // member of this segment
  std::optional<int64_t> chain_id;    // member of a segment of this chain
  PageRequest page;
};

// The enterprise registry with memberships and supply links.
class EnterpriseRepository {
 public:
  virtual ~EnterpriseRepository() = default;
  virtual Result<std::optional<chain::Enterprise>> Get(int64_t id) = 0;
  virtual Result<std::optional<chain::Enterprise>> GetByCreditCode(const std::string& credit_code) = 0;
  virtual Result<PageOf<chain::Enterprise>> List(const EnterpriseQuery& query) = 0;
  // Every enterprise matching the query in id order, ignoring paging (exports, engine loads).
  virtual Status ForEach(const EnterpriseQuery& query, const std::function<Status(const chain::Enterprise&)>& sink) = 0;
  // Enterprises whose name_key equals `name_key`, other than `except_id`.
  virtual Result<std::vector<chain::Enterprise>> FindByNameKey(const std::string& name_key, int64_t except_id) = 0;
  // Inserts and returns the id; AlreadyExists when the credit code is taken.
  virtual Result<int64_t> Insert(const chain::Enterprise& enterprise) = 0;
  virtual Status Update(const chain::Enterprise& enterprise) = 0;
  // Deletes the enterprise with its memberships and supply links.
  virtual Status Delete(int64_t id) = 0;

  // Memberships of an enterprise (with segment names and chain ids) or of a segment (with
  // enterprise names), or every membership (segment_id 0 and enterprise_id 0).
  virtual Result<std::vector<chain::Membership>> Memberships(int64_t enterprise_id, int64_t segment_id) = 0;
  // Inserts or changes the role.
  virtual Status PutMembership(const chain::Membership& membership) = 0;
  virtual Status RemoveMembership(int64_t enterprise_id, int64_t segment_id) = 0;

  virtual Result<std::optional<chain::SupplyLink>> GetLink(int64_t id) = 0;
  virtual Result<std::optional<chain::SupplyLink>> FindLink(int64_t supplier_id, int64_t buyer_id) = 0;
  // Links where the enterprise supplies (as_supplier) or buys, with both names; every link when
  // enterprise_id is 0.
  virtual Status ForEachLink(int64_t enterprise_id, bool as_supplier,
                             const std::function<Status(const chain::SupplyLink&)>& sink) = 0;
  virtual Result<int64_t> InsertLink(const chain::SupplyLink& link) = 0;
  virtual Status UpdateLink(const chain::SupplyLink& link) = 0;
  virtual Status DeleteLink(int64_t id) = 0;
};

// One committed change to state that servers keep in memory.
struct Change {
  int64_t seq = 0;  // commit order across every server sharing the database
  std::string topic;
  std::string ref;
};

// The change feed's table. Repositories whose data is cached publish their own writes (roles
// today); services publish what no repository can see.
class ChangeRepository {
 public:
  virtual ~ChangeRepository() = default;
  // Records that `ref` of `topic` changed in this transaction and wakes every server's change
  // listener once it commits. Write transactions only.
  virtual Status Publish(const std::string& topic, const std::string& ref) = 0;
  // Changes with seq > after_seq in seq order, at most `limit`.
  virtual Result<std::vector<Change>> Since(int64_t after_seq, int limit) = 0;
  // The highest seq ever published (0 when none), pruned or not.
  virtual Result<int64_t> LastSeq() = 0;
  // Highest seq removed by Prune (0 when none): a reader behind it has missed changes.
  virtual Result<int64_t> PrunedThrough() = 0;
  // Deletes the changes with seq <= LastSeq() - keep; returns how many were deleted.
  virtual Result<int64_t> Prune(int64_t keep) = 0;
};

// The repositories of one transaction.
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual RegionRepository& regions() = 0;
  virtual UnitRepository& units() = 0;
  virtual UserRepository& users() = 0;
  virtual RoleRepository& roles() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual PositionRepository& positions() = 0;
  virtual AuditRepository& audit() = 0;
  virtual SettingsRepository& settings() = 0;
  virtual ChangeRepository& changes() = 0;
  virtual ChainRepository& chains() = 0;
  virtual EnterpriseRepository& enterprises() = 0;
};

// Store: the transactional entry point services use. Write runs `fn` in one serialised write
// transaction (committed when fn returns OK, rolled back otherwise); Read in a consistent
// read-only snapshot. Thread-safe.
class Store {
 public:
  virtual ~Store() = default;
  virtual Status Write(const std::function<Status(Repositories&)>& fn) = 0;
  virtual Status Read(const std::function<Status(Repositories&)>& fn) = 0;
  virtual Status BackupTo(const std::string& path) = 0;
  // Called after each committed write transaction that published a change, on the thread that
  // wrote, before Write returns (so a server's caches read its own writes). Set once, before use.
  virtual void SetPublishedHook(std::function<void()> hook) = 0;
  // Database::WaitForChange / InterruptWait, for the change feed.
  virtual bool WaitForChange(std::chrono::milliseconds timeout) = 0;
  virtual void InterruptWait() = 0;
};

}  // namespace lz::storage
