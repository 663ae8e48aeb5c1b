// CaseService: the casework loop's use cases (issue 5) — registering a case from any channel,
// every lifecycle action (domain/casework/lifecycle.h) with the party and unit checks that map
// the domain's parties to permissions and data scopes, the unit the routing table proposes, the
// escalation timer's rungs, and the notifications each step sends.
//
// Parties: intake = case:case:dispatch over a case in the actor's data scope; lead / co-unit =
// case:case:handle and the case's lead (co-) unit is the actor's unit or within the actor's scope;
// arbiter = case:case:arbitrate; reporter = the account that filed the case. Reading needs
// case:case:read and the case in scope (a case belongs to every unit that took part in it), or a
// chain_leader / deputy_chain_leader position on the case's chain (the chain-leader system).
// Registering needs case:case:create. A case outside the scope is NotFound, and the refusal is
// logged. Personal data (reporter's name and phone, a resident's or child's name) is masked in
// lists, and in details for anyone but the intake and the handling units.
//
// Every action is one write transaction: events appended, projection saved with the optimistic
// version check (two racing handlers: exactly one wins, the other gets FailedPrecondition),
// notifications written, and one operation-log row. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/case.h"
#include "domain/casework/catalogue.h"
#include "domain/casework/lifecycle.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/role_permissions.h"
#include "storage/repositories.h"

namespace lz::services {

struct NewCaseInput {
  casework::CaseFacts facts;            // enterprise_id is resolved from the credit code
  std::string enterprise_credit_code;   // the subject enterprise, for enterprise cases
  bool accept = true;                   // accept at once (the intake registering a call)
  // The calling service has authorised the actor to accept on its channel as the intake (a field
  // worker's problem checked on site), so the accept needs no case:case:dispatch. Only services
  // set it, never a request body.
  bool accept_vouched_by_channel = false;
  std::optional<int64_t> intake_unit_id;  // the unit registering it; the actor's unit when unset
  // Runs inside the case's write transaction once the case and its events are stored (c.id set),
  // so that a channel's own rows beside the case (Open311's request fields) commit with it or not
  // at all. May be empty.
  std::function<Status(storage::Repositories&, const casework::Case&)> alongside;
  // The actor's staged uploads (AttachmentService::Stage) that document the case: a patrol
  // finding's photos. Attached in the case's transaction; NotFound naming "attachment_ids" when one
  // is not the actor's staged upload.
  std::vector<int64_t> attachment_ids;
};

// What a channel adds to one lifecycle action, inside its write transaction.
struct ActOptions {
  // The actor's staged uploads documenting the action (a delivery's photo), attached to the case
  // and the action's event.
  std::vector<int64_t> attachment_ids;
  // Runs after the case is loaded and the actor's party resolved, before the action is decided:
  // may refuse it (its Status is returned, nothing written) or complete the command (a building
  // meeting's sign-off checks the meeting and names the signer in the note). May be empty.
  std::function<Status(storage::Repositories&, const casework::Case&, casework::Command&)> precondition;
};

// A case as its page shows it.
struct CaseDetail {
  casework::Case c;
  std::vector<casework::CaseEvent> events;
  std::map<int64_t, std::string> unit_names;  // every unit the case and its events name
  std::map<int64_t, std::string> user_names;  // every user its events name
  std::vector<storage::Attachment> attachments;  // photos and files, oldest first
  std::string category_name;
  std::string channel_name;
  std::string region_name;
  std::string enterprise_name;
  std::optional<casework::RoutingRule> proposed_route;  // when waiting for dispatch
  std::vector<casework::EventType> allowed;  // the actions this actor may take now
  bool masked = false;                       // personal data masked for this actor
};

// The names a list of cases shows beside ids: lead and co-units, subject enterprises.
struct CaseListNames {
  std::map<int64_t, std::string> units;
  std::map<int64_t, std::string> enterprises;
};

// A page of cases and the names it refers to, read from one snapshot.
struct CasePage {
  storage::PageOf<casework::Case> page;
  CaseListNames names;
};

// One case's result in a bulk action.
struct BulkItem {
  int64_t case_id = 0;
  Status status;  // OK, or why this case was refused
};

// The work lists of the inbox page. Unit boxes show a unit's cases (the actor's unit unless
// another in scope is named): to sign for, in handling, overdue. Intake boxes show what waits for
// the dispatch centre: to dispatch, returned (and in arbitration), to call back. "mine" is what
// the actor handles.
enum class Inbox { kToDispatch, kReturned, kToCallback, kToSign, kToHandle, kOverdue, kMine };
std::string_view InboxName(Inbox box);  // "to_dispatch", "returned", "to_callback", "to_sign", "to_handle", "overdue", "mine"
std::optional<Inbox> ParseInbox(std::string_view name);
std::vector<Inbox> AllInboxes();

class CaseSearch;

class CaseService {
 public:
  // `roles` (the server's role → permissions cache, for choosing whom to notify) and `search`
  // (not owned, may be null: q is then matched in SQL only) must outlive the service.
  CaseService(storage::Store& store, const Clock& clock, const AuditTrail& audit,
              const casework::WorkingTime& working, const RolePermissions& roles, const CaseSearch* search = nullptr)
      : store_(store), clock_(clock), audit_(audit), working_(working), roles_(roles), search_(search) {}

  // ---- Catalogue. Reading needs case:case:read, changing case:catalogue:write. --------------
  Result<std::vector<casework::Channel>> Channels(const Actor& actor);
  Result<casework::Channel> PutChannel(const Actor& actor, casework::Channel channel);
  Result<std::vector<casework::Category>> Categories(const Actor& actor);
  // The parent is derived from the code ("0103" → "01"), which must exist.
  Result<casework::Category> CreateCategory(const Actor& actor, casework::Category category);
  // Changes the name, limits, ladder, activity and order (not the code).
  Result<casework::Category> UpdateCategory(const Actor& actor, int64_t id, casework::Category category);
  // FailedPrecondition while sub-categories or cases use it.
  Status DeleteCategory(const Actor& actor, int64_t id);
  Result<std::vector<casework::RoutingRule>> Routes(const Actor& actor);
  Result<casework::RoutingRule> PutRoute(const Actor& actor, casework::RoutingRule rule);
  Status DeleteRoute(const Actor& actor, int64_t id);

  // ---- Cases. ---------------------------------------------------------------------------------
  // Registers a case (and accepts it unless told not to): facts checked (category and channel
  // active, region known, enterprise by credit code), number assigned, events written.
  Result<casework::Case> Create(const Actor& actor, NewCaseInput input);
  // Create inside the caller's write transaction `repos`, for a channel that writes several cases
  // and rows of its own at once (a visit with the problems raised at it: all or nothing). Checks
  // case:case:create itself (PermissionDenied, not logged: the caller's Require logs refusals);
  // an error leaves the caller to roll back. Writes the case's operation-log row.
  Result<casework::Case> CreateWithin(storage::Repositories& repos, const Actor& actor, NewCaseInput input);
  Result<CaseDetail> Get(const Actor& actor, int64_t id);
  Result<CaseDetail> GetByNumber(const Actor& actor, const std::string& number);
  // Cases in the actor's scope, with the names they refer to; personal data masked. A q of digits, '-' and spaces (a case number,
  // phone digits) is matched in SQL (CaseQuery::q); any other q is searched as words in the titles
  // and texts (CaseSearch): the hits within the scope, combined with the other filters, counted
  // exactly, newest first (order=due orders them by due time when at most kMaxOrderedHits match).
  // InvalidArgument naming "q" for single characters only, or when filters must be combined with
  // more than engines::search::kMaxWindow hits; naming "page" past that window.
  Result<CasePage> List(const Actor& actor, storage::CaseQuery query);
  static constexpr size_t kMaxOrderedHits = 4096;
  // One inbox, newest first (overdue: due soonest first), as List answers it.
  Result<CasePage> InboxPage(const Actor& actor, Inbox box, std::optional<int64_t> unit_id,
                             const storage::PageRequest& page);
  // How many cases each inbox holds, for the badges.
  Result<std::vector<std::pair<Inbox, int64_t>>> InboxCounts(const Actor& actor, std::optional<int64_t> unit_id);
  // Takes one lifecycle action. The party is the first of PartiesFor(type) the actor qualifies
  // for; the command's actor fields are filled here. Needs case:case:read, except the reporter's
  // callback (rating) on a case the actor itself reported, which needs nothing more (an enterprise
  // account's rating of its own demand); without case:case:read any other case is NotFound. A merge also appends the absorb event to the
  // original, in the same transaction.
  Result<casework::Case> Act(const Actor& actor, int64_t id, casework::Command command,
                             const ActOptions& options = {});
  // Act inside the caller's write transaction `repos`, for a channel whose own write takes case
  // actions too (a work-plan task registered and dispatched at once; a wish recorded, dispatched
  // and signed): all or nothing. Checks what Act checks, except that refusals are not logged (the
  // caller's Require logs them); an error leaves the caller to roll back. Writes the action's
  // operation-log row.
  Result<casework::Case> ActWithin(storage::Repositories& repos, const Actor& actor, int64_t id,
                                   casework::Command command, const ActOptions& options = {});
  // The same action on several cases, each in its own transaction (one refusal stops no other).
  std::vector<BulkItem> ActOnMany(const Actor& actor, const std::vector<int64_t>& ids, const casework::Command& command);

  // ---- Timer. ---------------------------------------------------------------------------------
  // Appends every escalation rung that has fallen due by now (one event per rung, in order) and
  // notifies the people concerned; returns the number of events written. Run by the server's
  // timer (and by tests with a simulated clock).
  Result<int64_t> Escalate(const Actor& actor);

  // ---- Notifications of the actor. ----------------------------------------------------------
  Result<storage::PageOf<notify::Notification>> Notifications(const Actor& actor, bool unread_only,
                                                              const storage::PageRequest& page);
  Result<int64_t> UnreadCount(const Actor& actor);
  Result<int64_t> MarkRead(const Actor& actor, const std::vector<int64_t>& ids);

 private:
  struct Loaded;  // a case with its category and channel, inside a transaction
  Result<Loaded> Load(storage::Repositories& repos, const Actor& actor, int64_t id, Refusal& refusal);
  Status ResolveParty(storage::Repositories& repos, const Actor& actor, const casework::Case& c,
               casework::Command& command);
  // The body of Act and ActWithin, inside `repos`; records who was refused in `refusal`.
  Result<casework::Case> ActIn(storage::Repositories& repos, const Actor& actor, int64_t id, casework::Command command,
                               const ActOptions& options, Refusal& refusal);
  Status ApplyEvents(storage::Repositories& repos, casework::Case& c, std::vector<casework::CaseEvent> events);
  Status Notify(storage::Repositories& repos, const casework::Case& c, const casework::CaseEvent& event);
  storage::CaseQuery InboxQuery(const Actor& actor, Inbox box, std::optional<int64_t> unit_id) const;
  Result<CaseDetail> Detail(storage::Repositories& repos, const Actor& actor, const Loaded& loaded);
  // The names of the units and enterprises `cases` refer to.
  static Result<CaseListNames> NamesIn(storage::Repositories& repos, const std::vector<casework::Case>& cases);
  // List's full-text path (query.q is a text query, query.scope resolved).
  Result<storage::PageOf<casework::Case>> SearchText(storage::Repositories& repos, storage::CaseQuery query);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const casework::WorkingTime& working_;
  const RolePermissions& roles_;
  const CaseSearch* search_;
};

}  // namespace lz::services
