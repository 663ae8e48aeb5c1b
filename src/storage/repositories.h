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
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/assess/assessment.h"
#include "domain/audit/audit_chain.h"
#include "domain/auth/api_key.h"
#include "domain/auth/data_scope.h"
#include "domain/auth/user.h"
#include "domain/casework/case.h"
#include "domain/casework/catalogue.h"
#include "domain/casework/field_service.h"
#include "domain/casework/meeting.h"
#include "domain/casework/wish.h"
#include "domain/chain/advisory.h"
#include "domain/chain/chain.h"
#include "domain/investment/project.h"
#include "domain/investment/promotion_event.h"
#include "domain/org/position.h"
#include "domain/policy/policy.h"
#include "domain/org/region.h"
#include "domain/notify/notification.h"
#include "domain/org/unit.h"
#include "domain/plan/work_task.h"

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
  std::optional<org::ContextType> context_type;  // with context_ref: the positions held in one context
  std::string context_ref;
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
// ref: case id; published by CaseService with every event it appends to the case (the KPI
// aggregates and the text index follow it).
inline constexpr std::string_view kCase = "case";
// ref: year; published by CalendarService when an administrator loads a year's schedule.
inline constexpr std::string_view kCalendar = "calendar";
// ref: policy id; published by PolicyRepository writes to the policy or its measures (the policy
// text index follows it).
inline constexpr std::string_view kPolicy = "policy";
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

// The registry without its text, for rebuilding in-memory engines at start: enterprises carry
// id, region_code, local, size, revenue and employees (other fields empty); memberships their
// ids and role; links (SupplyEdge) their supplier, buyer and volume, in blocks. Sent in this
// order — enterprises, memberships, links — each kind in key order; a sink may be empty.
struct SupplyEdge {
  int64_t supplier_id = 0;
  int64_t buyer_id = 0;
  int64_t volume = 0;
};
struct RegistryScanSink {
  std::function<Status(const chain::Enterprise&)> enterprise;
  std::function<Status(const chain::Membership&)> membership;
  std::function<Status(std::span<const SupplyEdge>)> links;  // in blocks, the links in id order
  // Called before the first link with an upper bound of their number (the highest link id), so a
  // caller can reserve room for them.
  std::function<void(int64_t)> expect_links;
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
  // Every enterprise, membership and link, without joins or text, read in batches (RegistryScanSink).
  virtual Status ScanRegistry(const RegistryScanSink& sink) = 0;
  virtual Result<int64_t> InsertLink(const chain::SupplyLink& link) = 0;
  virtual Status UpdateLink(const chain::SupplyLink& link) = 0;
  virtual Status DeleteLink(int64_t id) = 0;
};

// ---- Casework (issue 5). -----------------------------------------------------------------------

// A statutory schedule an administrator loaded for one year (iCalendar text).
struct CalendarFile {
  int year = 0;
  std::string file_name;
  std::string content;
  int64_t loaded_by = 0;
  TimeMs loaded_at = 0;
};

// The channels, categories, routing table and loaded calendar files.
class CatalogueRepository {
 public:
  virtual ~CatalogueRepository() = default;
  // Every channel, by code.
  virtual Result<std::vector<casework::Channel>> Channels() = 0;
  virtual Result<std::optional<casework::Channel>> GetChannel(const std::string& code) = 0;
  // Inserts the channel or updates its name and options.
  virtual Status PutChannel(const casework::Channel& channel) = 0;

  // Every category, by code.
  virtual Result<std::vector<casework::Category>> Categories() = 0;
  virtual Result<std::optional<casework::Category>> GetCategory(int64_t id) = 0;
  virtual Result<std::optional<casework::Category>> GetCategoryByCode(const std::string& code) = 0;
  // Inserts and returns the id; AlreadyExists ("code") when the code is taken.
  virtual Result<int64_t> InsertCategory(const casework::Category& category) = 0;
  // Updates everything but the code and the parent.
  virtual Status UpdateCategory(const casework::Category& category) = 0;
  // Deletes a category with its routing rules (the service refuses when cases or children use it).
  virtual Status DeleteCategory(int64_t id) = 0;
  virtual Result<int64_t> CountChildCategories(int64_t id) = 0;

  // Routing rules of these categories (every rule when `category_ids` is empty), by id.
  virtual Result<std::vector<casework::RoutingRule>> Routes(const std::vector<int64_t>& category_ids) = 0;
  // Inserts the rule, or changes the unit of the existing (category, region) rule; returns its id.
  virtual Result<int64_t> PutRoute(const casework::RoutingRule& rule) = 0;
  virtual Status DeleteRoute(int64_t id) = 0;

  // Loaded calendar files by year.
  virtual Result<std::vector<CalendarFile>> CalendarFiles() = 0;
  // Inserts or replaces the file of its year.
  virtual Status PutCalendarFile(const CalendarFile& file) = 0;
};

// Which cases a list returns. Every filter set must hold.
struct CaseQuery {
  std::string q;                           // number, title or reporter phone's last four digits contain
  std::vector<casework::CaseState> states;  // any of these (all when empty)
  std::optional<int64_t> unit_id;          // lead unit is this (or a co-unit, with include_co_units)
  bool include_co_units = false;
  std::optional<int64_t> handler_user_id;
  std::string channel;
  std::string category_code;               // this category or below (code prefix)
  std::string region_code;                 // in this region or below (prefix)
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> chain_id;
  std::optional<int64_t> reporter_user_id;
  std::optional<TimeMs> due_before;        // open, not suspended, and due_at < this (overdue when now)
  std::optional<TimeMs> accepted_from;     // accepted_at ≥ this
  std::optional<TimeMs> accepted_to;       // accepted_at < this
  std::vector<int64_t> ids;                // only these (e.g. full-text search hits), when not empty
  auth::ScopeFilter scope;                 // by the units involved in the case (see CaseRepository)
  enum class Order { kNewest, kDueSoonest } order = Order::kNewest;
  PageRequest page;

  // True when a filter other than q, scope, order and page is set (the full-text search combines
  // those with its hits through SQL). Keep in step with the fields above.
  bool HasFilters() const {
    return !states.empty() || unit_id || handler_user_id || !channel.empty() || !category_code.empty() ||
           !region_code.empty() || enterprise_id || chain_id || reporter_user_id || due_before || accepted_from ||
           accepted_to || !ids.empty();
  }
};

// What the case text index (services/case_search.h) holds of a case.
struct CaseText {
  int64_t id = 0;
  std::string title;
  std::string text;
  std::vector<int64_t> unit_ids;  // every unit the case involved (its data scope), ascending
};

// Cases: the facts and the projection of their events (the state fields of casework::Case), and
// the append-only events. A case belongs, for data scopes, to every unit that took part in it:
// the intake unit that registered it, each unit it was dispatched to as lead or co-unit (also
// after it moved on), so a unit keeps seeing what it handled. ScopeFilter::kSelf shows the cases
// the user filed or reported.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  // The case with co_units and absorbed filled.
  virtual Result<std::optional<casework::Case>> Get(int64_t id) = 0;
  virtual Result<std::optional<casework::Case>> GetByNumber(const std::string& number) = 0;
  virtual Result<PageOf<casework::Case>> List(const CaseQuery& query) = 0;
  // Every case matching the query in id order, ignoring paging (exports, engine loads).
  virtual Status ForEach(const CaseQuery& query, const std::function<Status(const casework::Case&)>& sink) = 0;
  // The ids of every case matching the query, ascending, ignoring paging and order.
  virtual Result<std::vector<int64_t>> Ids(const CaseQuery& query) = 0;
  // Every case's texts and involved units in id order, read in keyset batches (the text index load).
  virtual Status ForEachText(const std::function<Status(const CaseText&)>& sink) = 0;
  // The texts and involved units of those of `ids` that exist, in id order.
  virtual Result<std::vector<CaseText>> Texts(const std::vector<int64_t>& ids) = 0;
  // True when the case involves a unit the scope allows (or the scope's user filed it).
  virtual Result<bool> Visible(int64_t case_id, const auth::ScopeFilter& scope) = 0;
  // The next sequence number for a case-number prefix ("360802-20261129"): 1, 2, …
  virtual Result<int64_t> NextNumber(const std::string& prefix) = 0;
  // Inserts a new case (facts, number, projection) with `intake_unit_id` as a unit involved; returns
  // the id. AlreadyExists ("number") when the number is taken.
  virtual Result<int64_t> Insert(const casework::Case& c, std::optional<int64_t> intake_unit_id) = 0;
  // Writes the projection of `c` (every derived field and the co-units) and records its lead and
  // co-units as involved. FailedPrecondition when the stored version is not `previous_version`
  // (someone else moved the case meanwhile): exactly one of two racing writers wins.
  virtual Status SaveProjection(const casework::Case& c, int32_t previous_version) = 0;
  // Appends events (ids are assigned). FailedPrecondition when a (case_id, seq) exists.
  virtual Status AppendEvents(const std::vector<casework::CaseEvent>& events) = 0;
  // The events of a case in seq order.
  virtual Result<std::vector<casework::CaseEvent>> Events(int64_t case_id) = 0;
  // Every event in (case_id, seq) order: rebuilds and engine loads.
  virtual Status ForEachEvent(const std::function<Status(const casework::CaseEvent&)>& sink) = 0;
  // Open, not suspended cases with a deadline before `due_before` (the escalation timer's work
  // list: a rung can fall due only so long before the deadline), by due_at.
  virtual Status ForEachRunning(TimeMs due_before, const std::function<Status(const casework::Case&)>& sink) = 0;
  virtual Result<int64_t> Count() = 0;
};

// The in-app notification centre.
class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // Inserts one notification per recipient (ids assigned).
  virtual Status Insert(const std::vector<notify::Notification>& notifications) = 0;
  // The user's notifications, newest first; unread only when asked.
  virtual Result<PageOf<notify::Notification>> List(int64_t user_id, bool unread_only, const PageRequest& page) = 0;
  virtual Result<int64_t> UnreadCount(int64_t user_id) = 0;
  // Marks the user's notifications read (all of them when `ids` is empty); returns how many changed.
  virtual Result<int64_t> MarkRead(int64_t user_id, const std::vector<int64_t>& ids, TimeMs at) = 0;
};

// API keys of machine clients (auth/api_key.h), found by the hash of the key a request presents.
class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;
  virtual Result<std::optional<auth::ApiKey>> Get(int64_t id) = 0;
  virtual Result<std::optional<auth::ApiKey>> GetByHash(const std::string& key_hash) = 0;
  // Every key, revoked ones too, newest first, with unit names.
  virtual Result<std::vector<auth::ApiKey>> List() = 0;
  // AlreadyExists when the hash is taken.
  virtual Result<int64_t> Insert(const auth::ApiKey& key) = 0;
  // Sets revoked_at unless it is set already; NotFound for an unknown id.
  virtual Status Revoke(int64_t id, TimeMs at) = 0;
  virtual Status Touch(int64_t id, TimeMs last_used_at) = 0;
};

// The Open311 side of a case filed through GeoReport v2 (issue 6): the key that filed it and the
// request's fields a case has no place for. One row per such case.
struct Open311Request {
  int64_t case_id = 0;
  int64_t api_key_id = 0;
  std::optional<double> lat;  // WGS 84, as the client sent them
  std::optional<double> lon;
  std::string address_id;
  std::string email;
  std::string device_id;
  std::string account_id;
  std::string media_url;
  bool operator==(const Open311Request&) const = default;
};

struct Open311Query {
  int64_t api_key_id = 0;                    // only what this key filed
  std::vector<std::string> numbers;          // only these case numbers, when not empty
  std::string category_code;                 // exactly this category, when not empty
  std::vector<casework::CaseState> states;   // in one of these states, when not empty
  std::optional<TimeMs> created_from;        // cases.created_at >= this
  std::optional<TimeMs> created_to;          // cases.created_at < this
  int limit = 1000;
};

class Open311Repository {
 public:
  virtual ~Open311Repository() = default;
  // AlreadyExists when the case has its row.
  virtual Status Insert(const Open311Request& request) = 0;
  virtual Result<std::optional<Open311Request>> Get(int64_t case_id) = 0;
  // The rows matching `query` (filters on the case joined), newest case first (created_at, then
  // id, descending), at most query.limit.
  virtual Result<std::vector<Open311Request>> List(const Open311Query& query) = 0;
};

// A photo documenting a case (io/image.h cleans photos before they get here), or a file of a policy
// document (io/document.h). An upload is first staged — stored, but attached to nothing — and
// attached to its case or policy in the write transaction that uses it (a patrol finding's create,
// a wish delivery's reply, a policy's create or update), so the record and its files commit
// together; staged uploads nobody attached are deleted after a day.
struct Attachment {
  int64_t id = 0;
  std::optional<int64_t> case_id;    // the case it documents; unset while staged or for a policy's
  std::optional<int64_t> policy_id;  // the policy it belongs to; unset while staged or for a case's
  std::optional<int32_t> event_seq;  // the case event it documents (a delivery's reply), if any
  std::string media_type;            // "image/jpeg", "application/pdf", … (io/document.h)
  int64_t byte_size = 0;
  std::string sha256;                // hex, of the stored bytes
  int32_t width = 0;                 // pixels (0 when unknown)
  int32_t height = 0;
  std::string name;                  // the uploader's file name, for display only
  int64_t created_by = 0;            // user id (0 for the system)
  TimeMs created_at = 0;
  bool operator==(const Attachment&) const = default;
};

class AttachmentRepository {
 public:
  virtual ~AttachmentRepository() = default;
  // Stores the row and its bytes (staged unless case_id or policy_id is set); returns the id.
  virtual Result<int64_t> Insert(const Attachment& attachment, std::string_view content) = 0;
  virtual Result<std::optional<Attachment>> Get(int64_t id) = 0;
  // The stored bytes; nullopt for an unknown id.
  virtual Result<std::optional<std::string>> Content(int64_t id) = 0;
  // Attaches staged uploads `ids`, all created by `user_id`, to the case (and event). NotFound
  // naming "attachment_ids" when one is unknown, not staged or another user's; nothing changes then.
  virtual Status Attach(const std::vector<int64_t>& ids, int64_t user_id, int64_t case_id,
                        std::optional<int32_t> event_seq) = 0;
  // The case's attachments, oldest first.
  virtual Result<std::vector<Attachment>> ForCase(int64_t case_id) = 0;
  // Attaches staged uploads `ids`, all created by `user_id`, to the policy. NotFound naming
  // "attachment_ids" when one is unknown, not staged or another user's; nothing changes then.
  virtual Status AttachToPolicy(const std::vector<int64_t>& ids, int64_t user_id, int64_t policy_id) = 0;
  // The policy's attachments, oldest first.
  virtual Result<std::vector<Attachment>> ForPolicy(int64_t policy_id) = 0;
  // Deletes the attachments `ids` (rows and bytes; unknown ids are skipped); returns how many.
  virtual Result<int64_t> Delete(const std::vector<int64_t>& ids) = 0;
  // Deletes the staged uploads created before `before` (rows and bytes); returns how many.
  virtual Result<int64_t> DeleteStaged(TimeMs before) = 0;
};

// Building meetings (楼栋会, casework/meeting.h): each community's schedule, its meetings with
// their attendees, and the cases on each meeting's agenda.
struct MeetingQuery {
  std::optional<int64_t> community_unit_id;      // one community's meetings, when set
  std::optional<casework::MeetingState> state;   // in this state, when set
  auth::ScopeFilter scope;                       // over the community unit (its id and path)
  PageRequest page;
};

// A meeting as lists show it: with its attendees, the community's name and the agenda's length.
struct MeetingRow {
  casework::Meeting meeting;
  std::string community_name;
  int64_t items = 0;
};

class MeetingRepository {
 public:
  virtual ~MeetingRepository() = default;
  // nullopt when the community has no schedule of its own (it then meets on the default day).
  virtual Result<std::optional<casework::MeetingSchedule>> GetSchedule(int64_t community_unit_id) = 0;
  // Inserts or replaces the community's schedule.
  virtual Status PutSchedule(const casework::MeetingSchedule& schedule) = 0;
  // Inserts the meeting and its attendees (in order); returns the meeting's id. AlreadyExists
  // naming "scheduled_on" when the community has a meeting on that date.
  virtual Result<int64_t> Insert(const casework::Meeting& meeting) = 0;
  // The meeting with its attendees (ids filled, in order); nullopt for an unknown id.
  virtual Result<std::optional<casework::Meeting>> Get(int64_t id) = 0;
  // The meetings in scope matching the query, latest date first (then id descending).
  virtual Result<PageOf<MeetingRow>> List(const MeetingQuery& query) = 0;
  // Writes place, state, held_at, minutes, minutes_at and updated_at (not the date, the
  // community or the attendees). NotFound for an unknown id.
  virtual Status Update(const casework::Meeting& meeting) = 0;
  // Replaces the meeting's attendees with `attendees`, in order (their ids are assigned anew).
  virtual Status ReplaceAttendees(int64_t meeting_id, const std::vector<casework::Attendee>& attendees) = 0;
  // The community's meeting with the latest date (with attendees); nullopt when it has none.
  virtual Result<std::optional<casework::Meeting>> Latest(int64_t community_unit_id) = 0;
  // The community's meeting dated just before `date` (with attendees); nullopt when none.
  virtual Result<std::optional<casework::Meeting>> Previous(int64_t community_unit_id, const std::string& date) = 0;

  // Puts the case on the meeting's agenda after the rows already there; returns the row.
  // AlreadyExists when the case is on that agenda already.
  virtual Result<casework::MeetingItem> AddItem(int64_t meeting_id, int64_t case_id, bool raised, TimeMs at) = 0;
  // The meeting's agenda in order.
  virtual Result<std::vector<casework::MeetingItem>> Items(int64_t meeting_id) = 0;
  // Every agenda row of the case, earliest meeting first (by date).
  virtual Result<std::vector<casework::MeetingItem>> ItemsOfCase(int64_t case_id) = 0;
  // The cases on the agendas of the community's meetings dated before `date` whose state is one
  // of `states` and which are not on the agenda of `meeting_id`, each once, in the order of their
  // first agenda (date, then position).
  virtual Result<std::vector<int64_t>> OpenItemsBefore(int64_t community_unit_id, const std::string& date,
                                                       int64_t meeting_id,
                                                       const std::vector<casework::CaseState>& states) = 0;
  // The cases on the meeting's agenda that are also on the agenda of a later meeting (dated after
  // it) of the same community.
  virtual Result<std::vector<int64_t>> OnLaterAgenda(int64_t meeting_id) = 0;
};

// Micro-wishes (微心愿, casework/wish.h): campaigns and the wish row beside each micro_wish case.
struct WishCampaignQuery {
  std::string q;  // name contains, when not empty
  PageRequest page;
};

// A campaign as lists show it: with the organiser's name.
struct WishCampaignRow {
  casework::WishCampaign campaign;
  std::string organiser_name;
};

struct WishQuery {
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> station_unit_id;
  std::optional<casework::WishState> state;
  bool published_only = false;  // the public list: published, case neither rejected nor merged
  auth::ScopeFilter scope;      // over the station unit (its id and path) and the recording user
  PageRequest page;
};

// A wish as lists show it, with what it refers to.
struct WishRow {
  casework::Wish wish;
  std::string case_number;
  casework::CaseState case_state = casework::CaseState::kReceived;
  std::string child_alias;  // the case's subject name (services mask it for the public)
  std::string station_name;
  std::string station_region_code;
  std::string campaign_name;
  std::string opens_on;
  std::string deadline_on;
};

struct WishCounts {
  int64_t recorded = 0;
  int64_t published = 0;  // ever published
  int64_t claimed = 0;    // ever claimed
  int64_t delivered = 0;
  int64_t delivered_on_time = 0;  // delivered before the campaign's closes_at
  bool operator==(const WishCounts&) const = default;
};

struct StationWishCounts {
  int64_t station_unit_id = 0;
  std::string station_name;
  std::string region_code;
  WishCounts counts;
};

struct WishFigureQuery {
  std::optional<int64_t> campaign_id;
  std::string region_code;  // stations whose region starts with this, when not empty
  auth::ScopeFilter scope;  // over the station unit
};

class WishRepository {
 public:
  virtual ~WishRepository() = default;
  // Inserts the campaign (closes_at stored as given); returns its id.
  virtual Result<int64_t> InsertCampaign(const casework::WishCampaign& campaign, TimeMs closes_at) = 0;
  virtual Result<std::optional<WishCampaignRow>> GetCampaign(int64_t id) = 0;
  // Writes every field but id, created_by and created_at. NotFound for an unknown id.
  virtual Status UpdateCampaign(const casework::WishCampaign& campaign, TimeMs closes_at) = 0;
  // FailedPrecondition naming "id" while wishes belong to it; NotFound for an unknown id.
  virtual Status DeleteCampaign(int64_t id) = 0;
  // Campaigns matching the query, latest deadline first (then id descending).
  virtual Result<PageOf<WishCampaignRow>> Campaigns(const WishCampaignQuery& query) = 0;

  // Inserts the wish row of a case (published, claim and delivery as given). AlreadyExists when
  // the case has its row.
  virtual Status Insert(const casework::Wish& wish) = 0;
  virtual Result<std::optional<WishRow>> Get(int64_t case_id) = 0;
  // Sets published_at if it is unset; false (nothing written) when the wish is unknown or published.
  virtual Result<bool> MarkPublished(int64_t case_id, TimeMs at) = 0;
  // The claim: one conditional UPDATE that sets the donor, claimed_by and claimed_at only while
  // the wish is published and unclaimed; false (nothing written) otherwise. Of two claims at once
  // exactly one returns true.
  virtual Result<bool> Claim(int64_t case_id, const casework::Donor& donor, std::optional<int64_t> claimed_by,
                             TimeMs at) = 0;
  // Sets delivered_at while claimed and not delivered; false (nothing written) otherwise.
  virtual Result<bool> MarkDelivered(int64_t case_id, TimeMs at) = 0;
  // Wishes in scope matching the query, newest case first.
  virtual Result<PageOf<WishRow>> List(const WishQuery& query) = 0;
  // Counts per station in scope (stations with at least one wish), ordered by station name then id.
  virtual Result<std::vector<StationWishCounts>> Figures(const WishFigureQuery& query) = 0;
};

// Enterprise visits (走访, casework/field_service.h) and the problems raised at them, with the
// lists and figures of the field staff who serve enterprises.
struct VisitQuery {
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> visitor_user_id;
  std::vector<casework::FieldRole> roles;  // any of these (all when empty)
  std::string region_code;                 // the enterprise lies in this region or below (prefix)
  casework::DatePeriod period;             // visited_on within (both ends included)
  // When set: only visits this user paid, or to enterprises where this user is commissioner or
  // monitoring-point contact (what a field worker without oversight may read).
  std::optional<int64_t> served_by_user_id;
  PageRequest page;
};

// A visit as lists show it.
struct VisitRow {
  casework::Visit visit;
  std::string credit_code;
  std::string enterprise_name;
  std::string visitor_name;
};

// Which enterprises the commissioner list shows.
struct AssignmentQuery {
  std::string q;                         // enterprise name or credit code contains
  std::string region_code;               // the enterprise lies in this region or below (prefix)
  std::optional<bool> assigned;          // with (true) or without (false) a commissioner
  std::optional<int64_t> commissioner_user_id;  // the enterprises of one commissioner
  PageRequest page;
};

// An enterprise with its commissioners (usually one) and the tally of its field service.
struct FieldTally {
  int64_t visits = 0;
  std::string last_visited_on;  // "" when never visited
  int64_t problems = 0;         // cases on the commissioner and liaison channels
  int64_t open_problems = 0;    // not closed, archived, rejected or merged
  int64_t solved = 0;           // closed or archived with outcome resolved
};
struct AssignmentRow {
  chain::Enterprise enterprise;  // with region_name
  std::vector<org::Position> commissioners;  // with user_name
  FieldTally tally;
};

// The figures of a period: positions held now, visits and problems of the period.
struct FieldFigureQuery {
  std::string region_code;  // enterprises (and holders' units) in this region or below; "" = all
  casework::DatePeriod period;
  casework::FieldProgram program = casework::FieldProgram::kAll;
};
struct FieldFigures {
  int64_t commissioners = 0;         // distinct users holding commissioner of an enterprise in the region
  int64_t enterprises_assigned = 0;  // distinct enterprises of the region with a commissioner
  int64_t liaison_officers = 0;      // distinct holders whose unit lies in the region
  int64_t supervisors = 0;           // distinct holders whose unit lies in the region
  int64_t monitoring_points = 0;     // distinct enterprises of the region serving as monitoring points
  int64_t enterprises_served = 0;    // distinct enterprises visited or with a problem filed in the period
  int64_t visits = 0;
  int64_t funds_paid_yuan = 0;
  int64_t workers_recruited = 0;     // sum over the period's visits
  int64_t problems_raised = 0;       // cases on the program's channels created in the period
  int64_t problems_solved = 0;       // of those, closed or archived with outcome resolved
};

class VisitRepository {
 public:
  virtual ~VisitRepository() = default;
  // Inserts the visit (not its problems); returns its id.
  virtual Result<int64_t> Insert(const casework::Visit& visit) = 0;
  // Records that `case_id` was raised at the visit, after the problems listed already.
  // AlreadyExists when the case was raised at a visit already.
  virtual Status AddProblem(int64_t visit_id, int64_t case_id) = 0;
  // The visit with problem_case_ids in order; nullopt for an unknown id.
  virtual Result<std::optional<casework::Visit>> Get(int64_t id) = 0;
  // The visit a case was raised at, if any.
  virtual Result<std::optional<int64_t>> VisitOfCase(int64_t case_id) = 0;
  // Visits matching the query, latest date first (then id descending), with problem_case_ids.
  virtual Result<PageOf<VisitRow>> List(const VisitQuery& query) = 0;
  // The enterprises with their commissioners and tallies, by name.
  virtual Result<PageOf<AssignmentRow>> Assignments(const AssignmentQuery& query) = 0;
  // The tally of one enterprise.
  virtual Result<FieldTally> Tally(int64_t enterprise_id) = 0;
  // The ids of the enterprises `user_id` has visited, by name.
  virtual Result<std::vector<int64_t>> VisitedBy(int64_t user_id) = 0;
  // The ids of the cases on the commissioner and liaison channels about the enterprise, newest first.
  virtual Result<std::vector<int64_t>> ProblemsOf(int64_t enterprise_id) = 0;
  virtual Result<FieldFigures> Figures(const FieldFigureQuery& query) = 0;
};

// The policy set (policy/policy.h): documents with their chains and measures, the enterprises a
// measure's conditions select, and the policy funds paid out (grants).
struct PolicyQuery {
  std::string q;                          // title or document number contains (SQL)
  std::optional<std::vector<int64_t>> ids;  // only these policies (the text index's hits), when set
  std::optional<policy::PolicyType> type;
  std::optional<int64_t> chain_id;        // backs this chain
  std::optional<int64_t> issuer_unit_id;
  int year = 0;                           // issued in this year (0: any)
  PageRequest page;
};

// A policy as lists show it: the document without its text and measures, with figures.
struct PolicyRow {
  policy::Policy policy;   // text empty, measures empty, issuer_name filled
  int64_t measure_count = 0;
  int64_t grant_count = 0;
  int64_t granted_yuan = 0;
};

// A policy's texts for the text index.
struct PolicyText {
  int64_t id = 0;
  std::string doc_number;
  std::string title;
  std::string text;
  std::string measures;  // the measures' titles and contents, one a line
};

// A measure with the policy it belongs to, for matching an enterprise against every measure.
struct MeasureRow {
  policy::Measure measure;
  std::string policy_title;
  std::string doc_number;
  policy::PolicyType policy_type = policy::PolicyType::kSpecial;
};

struct GrantQuery {
  std::optional<int64_t> policy_id;
  std::optional<int64_t> measure_id;
  std::optional<int64_t> enterprise_id;
  PageRequest page;
};

// The grants of one enterprise or one policy, summed.
struct GrantSum {
  int64_t id = 0;      // enterprise id or policy id
  std::string name;    // enterprise name or policy title
  std::string code;    // credit code or document number
  int64_t grants = 0;
  int64_t total_yuan = 0;
};

class PolicyRepository {
 public:
  virtual ~PolicyRepository() = default;
  // The policy with its chains and measures (in order) and issuer_name; nullopt for an unknown id.
  virtual Result<std::optional<policy::Policy>> Get(int64_t id) = 0;
  // The id of the policy with this document number, if any.
  virtual Result<std::optional<int64_t>> FindByDocNumber(const std::string& doc_number) = 0;
  // Policies matching the query, latest issue date first (then id descending).
  virtual Result<PageOf<PolicyRow>> List(const PolicyQuery& query) = 0;
  // Every policy's texts in id order (the text index's reload).
  virtual Status ForEachText(const std::function<Status(const PolicyText&)>& sink) = 0;
  // The texts of one policy; nullopt for an unknown id.
  virtual Result<std::optional<PolicyText>> Text(int64_t id) = 0;
  // Inserts the policy with its chains and measures; sets the ids of the policy and its measures.
  // AlreadyExists naming "doc_number" when the number is taken. Publishes topic::kPolicy.
  virtual Result<int64_t> Insert(policy::Policy& policy) = 0;
  // Updates the document, replaces its chains, and brings its measures to `policy.measures`:
  // a measure with an id of this policy is updated, one with id 0 is inserted (its id set), a
  // stored measure not listed is deleted. AlreadyExists naming "doc_number" when taken by another.
  // Publishes topic::kPolicy.
  virtual Status Update(policy::Policy& policy) = 0;
  // Deletes the policy with its chains and measures (not its grants: the service refuses).
  // Publishes topic::kPolicy.
  virtual Status Delete(int64_t id) = 0;
  // The measure; nullopt for an unknown id.
  virtual Result<std::optional<policy::Measure>> GetMeasure(int64_t id) = 0;
  // Every measure of every policy, by policy (latest issue first) and position.
  virtual Result<std::vector<MeasureRow>> AllMeasures() = 0;
  // The enterprises of the registry the conditions select (the SQL form of policy::Match), by
  // name then id, with region_name.
  virtual Result<PageOf<chain::Enterprise>> MatchingEnterprises(const policy::Conditions& conditions,
                                                               const PageRequest& page) = 0;

  // Inserts a grant; returns its id.
  virtual Result<int64_t> InsertGrant(const policy::Grant& grant) = 0;
  // Grants matching the query, latest payment date first (then id descending), display fields filled.
  virtual Result<PageOf<policy::Grant>> ListGrants(const GrantQuery& query) = 0;
  // Grants under the policy (or measure, when measure_id is set).
  virtual Result<int64_t> CountGrants(int64_t policy_id, std::optional<int64_t> measure_id) = 0;
  // Sums per enterprise (of one policy when set), largest total first, at most `limit`.
  virtual Result<std::vector<GrantSum>> SumsByEnterprise(std::optional<int64_t> policy_id, int limit) = 0;
  // Sums per policy (for one enterprise when set), largest total first, at most `limit`.
  virtual Result<std::vector<GrantSum>> SumsByPolicy(std::optional<int64_t> enterprise_id, int limit) = 0;
};

// ---- Investment pipeline (issue 7 points 1–2, domain/investment). -------------------------------

struct ProjectQuery {
  std::string q;                          // project or investor name contains
  std::optional<int64_t> chain_id;
  std::optional<int64_t> segment_id;
  std::optional<int64_t> investor_id;
  std::optional<int64_t> event_id;
  std::vector<investment::Stage> stages;  // any of these (all when empty)
  std::optional<investment::Purpose> purpose;
  std::string signed_from;                // signed_on within (both ends included; "" = open)
  std::string signed_to;
  auth::ScopeFilter scope;                // over the responsible unit and the creating user
  PageRequest page;
};

struct EventQuery {
  std::string q;                    // event name or city contains
  std::optional<int64_t> chain_id;
  int year = 0;                     // held in this year, when not 0
  PageRequest page;
};

// One responsible unit's investment projects, for the assessment's projects_landed.
struct UnitLandings {
  int64_t unit_id = 0;
  int64_t projects = 0;  // projects the unit is responsible for, at any stage
  int64_t landed = 0;    // of these, the projects moved to 投产 on a date in the range asked
  bool operator==(const UnitLandings&) const = default;
};

struct EventFigureQuery {
  int year = 0;                     // this year only, when not 0
  std::optional<int64_t> chain_id;  // this chain only, when set
  std::string held_from;            // held_on within (both ends included; "" = open)
  std::string held_to;
};

// The pipeline's figures for the cockpit (issue 7 point 6).
struct ProjectStageFigure {
  int64_t chain_id = 0;
  investment::Stage stage = investment::Stage::kLead;
  int64_t count = 0;
  int64_t agreed_amount = 0;   // yuan, summed
  int64_t paid_in_amount = 0;  // yuan, summed
  bool operator==(const ProjectStageFigure&) const = default;
};
struct SignedMonthFigure {
  int64_t chain_id = 0;
  int month = 0;  // 1..12 of the year asked, by signed_on
  int64_t count = 0;
  int64_t agreed_amount = 0;
  bool operator==(const SignedMonthFigure&) const = default;
};
// How much a chain is to sign in a year (签约目标), yuan.
struct SigningTarget {
  int64_t chain_id = 0;
  int year = 0;
  int64_t amount = 0;
  int64_t set_by = 0;
  TimeMs set_at = 0;
  bool operator==(const SigningTarget&) const = default;
};

// Projects with their stage history, and promotion events with their units and invited firms.
// Reads fill the display fields. Publishes nothing (the registry writes beside them do).
class InvestmentRepository {
 public:
  virtual ~InvestmentRepository() = default;
  // Inserts the project (every field but id and the display fields); returns its id.
  virtual Result<int64_t> InsertProject(const investment::Project& project) = 0;
  // Writes every field but id, created_by and created_at. NotFound for an unknown id.
  virtual Status UpdateProject(const investment::Project& project) = 0;
  virtual Result<std::optional<investment::Project>> GetProject(int64_t id) = 0;
  // Projects matching the query, by stage date descending then id descending.
  virtual Result<PageOf<investment::Project>> Projects(const ProjectQuery& query) = 0;
  // Every project matching the query in id order, ignoring paging (exports, the board).
  virtual Status ForEachProject(const ProjectQuery& query,
                                const std::function<Status(const investment::Project&)>& sink) = 0;
  // Appends a history row; returns its id.
  virtual Result<int64_t> AppendStageChange(const investment::StageChange& change) = 0;
  // The history of a project, oldest first, with by_name.
  virtual Result<std::vector<investment::StageChange>> StageHistory(int64_t project_id) = 0;
  // Per unit responsible for any project, by unit id: its projects and how many of them have a
  // move to 投产 dated from `from_on` to `to_on` (local dates, both included; a project counts
  // once however often it moved there, and whatever its stage now).
  virtual Result<std::vector<UnitLandings>> LandingsByUnit(const std::string& from_on, const std::string& to_on) = 0;

  // Inserts the event with its units and invited firms; returns its id.
  virtual Result<int64_t> InsertEvent(const investment::PromotionEvent& event) = 0;
  // Writes every field but id, created_by and created_at, replacing units and firms. NotFound
  // for an unknown id.
  virtual Status UpdateEvent(const investment::PromotionEvent& event) = 0;
  // FailedPrecondition naming "id" while projects link to it; NotFound for an unknown id.
  virtual Status DeleteEvent(int64_t id) = 0;
  // The event with units, firms and its figures (projects_signed, amount_signed).
  virtual Result<std::optional<investment::PromotionEvent>> GetEvent(int64_t id) = 0;
  // Events matching the query, latest first, with units and figures (invited firms not filled).
  virtual Result<PageOf<investment::PromotionEvent>> Events(const EventQuery& query) = 0;
  // Figures per (year, chain) of the events matching the query, by year descending then chain
  // name (events for no chain last).
  virtual Result<std::vector<investment::EventFigures>> EventFigures(const EventFigureQuery& query) = 0;

  // Every project counted per (chain, stage) with the amounts summed, by chain id then stage order;
  // only the pairs that have projects.
  virtual Result<std::vector<ProjectStageFigure>> StageFigures() = 0;
  // The projects whose signed_on falls in `year` (those at 签约 or later), per (chain, month), by
  // chain id then month; only the pairs that have projects.
  virtual Result<std::vector<SignedMonthFigure>> SignedByMonth(int year) = 0;
  // Sets the chain's signing target for the year (amount > 0) or removes it (amount 0).
  virtual Status SetSigningTarget(const SigningTarget& target) = 0;
  // The targets set for `year`, by chain id.
  virtual Result<std::vector<SigningTarget>> SigningTargets(int year) = 0;
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
// The bodies that support the chains and open challenges (chain/advisory.h).
struct SupportBodyQuery {
  std::optional<chain::BodyKind> kind;
  std::optional<int64_t> chain_id;
  std::string region_code;  // in this region or below
  std::string q;            // name contains
  PageRequest page;
};
struct SupportBodyRow {
  chain::SupportBody body;  // with members
  std::string chain_name;
  int64_t academicians = 0;
};
struct ChallengeQuery {
  std::optional<chain::ChallengeState> state;
  std::optional<int64_t> chain_id;
  std::optional<int64_t> enterprise_id;
  std::string q;  // title contains
  PageRequest page;
};
struct ChallengeRow {
  chain::Challenge challenge;  // with milestones
  std::string enterprise_name;
  std::string credit_code;
  std::string chain_name;
  std::string segment_name;
  int64_t applications = 0;
};
// Counts over the bodies and challenges of a region (and below; "" = all).
struct SupportFigures {
  int64_t advisory_committees = 0;
  int64_t industry_alliances = 0;
  int64_t research_institutes = 0;
  int64_t testing_centres = 0;
  int64_t academicians = 0;  // members with title academician, over all bodies
  int64_t challenges_open = 0;
  int64_t challenges_awarded = 0;
  int64_t challenges_completed = 0;
  int64_t rewards_yuan = 0;  // offered by the challenges not cancelled
};

class SupportRepository {
 public:
  virtual ~SupportRepository() = default;
  // Bodies. InsertBody returns the id; AlreadyExists naming "name" when the name is taken.
  virtual Result<int64_t> InsertBody(const chain::SupportBody& body) = 0;
  virtual Result<std::optional<SupportBodyRow>> GetBody(int64_t id) = 0;
  // Replaces the fields and the members. NotFound for an unknown id; AlreadyExists naming "name".
  virtual Status UpdateBody(const chain::SupportBody& body) = 0;
  virtual Status DeleteBody(int64_t id) = 0;  // with its members; NotFound for an unknown id
  virtual Result<PageOf<SupportBodyRow>> Bodies(const SupportBodyQuery& query) = 0;  // by name

  // Challenges. The milestones are written by AddMilestones (at the award).
  virtual Result<int64_t> InsertChallenge(const chain::Challenge& challenge) = 0;
  virtual Result<std::optional<ChallengeRow>> GetChallenge(int64_t id) = 0;
  // Writes state, award, closing note and updated_at if the stored state is still `expected`;
  // false (nothing written) when it is not (another write won).
  virtual Result<bool> MoveChallenge(const chain::Challenge& challenge, chain::ChallengeState expected) = 0;
  virtual Status AddMilestones(int64_t challenge_id, const std::vector<chain::ChallengeMilestone>& milestones) = 0;
  // Sets done_on if unset; false when already done or unknown.
  virtual Result<bool> MarkMilestoneDone(int64_t challenge_id, int32_t position, const std::string& done_on) = 0;
  virtual Result<PageOf<ChallengeRow>> Challenges(const ChallengeQuery& query) = 0;  // newest first
  virtual Result<int64_t> InsertApplication(const chain::ChallengeApplication& application) = 0;
  virtual Result<std::vector<chain::ChallengeApplication>> Applications(int64_t challenge_id) = 0;  // in order
  virtual Result<SupportFigures> Figures(const std::string& region_code) = 0;
};

// Work-plan tasks (工作要点, plan/work_task.h): the task row and its milestones beside each
// work_plan case. Lists go through CaseRepository (the case's state, units and scope) with the ids
// TaskIds gives.
struct WorkTaskFilter {
  std::optional<int32_t> year;
  std::optional<int64_t> chain_id;
};
// Work-plan tasks still open (their case open), per chain, and of them the overdue ones.
struct OpenTaskFigure {
  std::optional<int64_t> chain_id;  // nullopt: tasks about no chain
  int64_t open = 0;
  int64_t overdue = 0;  // running (not suspended) with the due time before `now`
  bool operator==(const OpenTaskFigure&) const = default;
};

class WorkTaskRepository {
 public:
  virtual ~WorkTaskRepository() = default;
  // Inserts the task and its milestones (positions as given). AlreadyExists when the case has one.
  virtual Status Insert(const plan::WorkTask& task) = 0;
  // The task with its milestones in position order; nullopt when the case has none.
  virtual Result<std::optional<plan::WorkTask>> Get(int64_t case_id) = 0;
  // The tasks of these cases (those that have one), by case id.
  virtual Result<std::map<int64_t, plan::WorkTask>> GetMany(const std::vector<int64_t>& case_ids) = 0;
  // The case ids of the tasks matching the filter, ascending.
  virtual Result<std::vector<int64_t>> TaskIds(const WorkTaskFilter& filter) = 0;
  // The case ids of the tasks whose deadline_on is from `from_on` to `to_on` (local dates, both
  // included), ascending.
  virtual Result<std::vector<int64_t>> TaskIdsDue(const std::string& from_on, const std::string& to_on) = 0;
  // Sets the progress last reported. NotFound for a case without a task.
  virtual Status SetProgress(int64_t case_id, int32_t progress) = 0;
  // Marks a milestone done on `done_on` by `user_id` if it is not yet; false (nothing written)
  // when it is done already or unknown.
  virtual Result<bool> MarkMilestoneDone(int64_t case_id, int32_t position, const std::string& done_on,
                                         int64_t user_id) = 0;
  // The open tasks per chain at `now`, tasks about no chain first, then by chain id.
  virtual Result<std::vector<OpenTaskFigure>> OpenByChain(TimeMs now) = 0;
};

// Assessment schemes (考核方案, assess/assessment.h). Rankings are computed, not stored.
class AssessmentRepository {
 public:
  virtual ~AssessmentRepository() = default;
  // Inserts the scheme (every field but id); returns its id. AlreadyExists naming "name" when
  // another scheme has the name.
  virtual Result<int64_t> Insert(const assess::Scheme& scheme) = 0;
  // Writes name, weights, is_default and updated_at. NotFound for an unknown id; AlreadyExists
  // naming "name" when another scheme has the name.
  virtual Status Update(const assess::Scheme& scheme) = 0;
  // NotFound for an unknown id.
  virtual Status Delete(int64_t id) = 0;
  virtual Result<std::optional<assess::Scheme>> Get(int64_t id) = 0;
  // Every scheme, by name (then id).
  virtual Result<std::vector<assess::Scheme>> All() = 0;
  // Clears is_default on every scheme but `keep_id`.
  virtual Status ClearDefaultExcept(int64_t keep_id) = 0;
};

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
  virtual CatalogueRepository& catalogue() = 0;
  virtual CaseRepository& cases() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual ApiKeyRepository& api_keys() = 0;
  virtual Open311Repository& open311() = 0;
  virtual MeetingRepository& meetings() = 0;
  virtual VisitRepository& visits() = 0;
  virtual WishRepository& wishes() = 0;
  virtual InvestmentRepository& investments() = 0;
  virtual AttachmentRepository& attachments() = 0;
  virtual PolicyRepository& policies() = 0;
  virtual WorkTaskRepository& work_tasks() = 0;
  virtual SupportRepository& support() = 0;
  virtual AssessmentRepository& assessments() = 0;
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
