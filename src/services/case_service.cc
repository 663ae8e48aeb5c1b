// CaseService: catalogue, registration, lifecycle actions with parties and scopes, escalation
// timer and notifications.
#include "services/case_service.h"

#include "services/unit_scope.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/enum_names.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/plan/work_task.h"
#include "services/case_search.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
using casework::Case;
using casework::CaseEvent;
using casework::EventType;
using casework::Party;

// The catalogue's categories by code (the timer looks one up per running case).
class CategoryIndex {
 public:
  explicit CategoryIndex(std::vector<casework::Category> all) : all_(std::move(all)) {
    for (const auto& c : all_) by_code_.emplace(c.code, &c);
  }
  const casework::Category* ByCode(const std::string& code) const {
    auto it = by_code_.find(code);
    return it == by_code_.end() ? nullptr : it->second;
  }
  const std::vector<casework::Category>& all() const { return all_; }

 private:
  std::vector<casework::Category> all_;
  std::unordered_map<std::string, const casework::Category*> by_code_;
};

// The category ids from `code` up to its top level, most specific first.
std::vector<int64_t> CategoryChain(const CategoryIndex& cats, std::string code) {
  std::vector<int64_t> ids;
  for (; !code.empty(); code = casework::ParentCode(code)) {
    if (const auto* c = cats.ByCode(code)) ids.push_back(c->id);
  }
  return ids;
}

// Personal data hidden: reporter name and phone, a resident's or child's name.
void Mask(Case& c) {
  c.facts.reporter_name = casework::MaskName(c.facts.reporter_name);
  c.facts.reporter_phone = text::MaskPhone(c.facts.reporter_phone);
  c.facts.subject_name = casework::MaskName(c.facts.subject_name);
}

std::string Str(int64_t v) { return std::to_string(v); }

// True when the user holds a chain_leader or deputy_chain_leader position on the chain.
Result<bool> LeadsChain(storage::Repositories& repos, int64_t user_id, int64_t chain_id) {
  storage::PositionQuery q;
  q.user_id = user_id;
  q.context_type = org::ContextType::kChain;
  q.context_ref = std::to_string(chain_id);
  q.scope = auth::ScopeFilter::All();
  q.page = storage::PageRequest{1, storage::PageRequest::kMaxPageSize};
  ASSIGN_OR_RETURN(auto held, repos.positions().List(q));
  for (const auto& p : held.items) {
    if (p.kind == org::PositionKind::kChainLeader || p.kind == org::PositionKind::kDeputyChainLeader) return true;
  }
  return false;
}

// A probe of each action with plausible fields: allowed unless the state or party forbids it.
bool ProbeAllowed(const Case& c, casework::Command probe, const casework::DecideContext& ctx) {
  probe.note = "-";
  if (!probe.unit_id) probe.unit_id = -1;
  probe.days = 1;
  probe.outcome = casework::Outcome::kResolved;
  probe.rating = 5;
  probe.related_case_id = -1;
  probe.escalation = casework::Escalation::kEscalate;
  auto r = casework::Decide(c, probe, ctx);
  if (r.ok()) return true;
  return r.status().code() == StatusCode::kInvalidArgument;
}

// names[id] = the name of each of `ids` that `get` (id → Result<optional<row with a name>>) finds.
template <typename Get>
Status CollectNames(const std::set<int64_t>& ids, Get&& get, std::map<int64_t, std::string>& names) {
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto found, get(id));
    if (found) names[id] = found->name;
  }
  return Status::Ok();
}

// The zh-CN title of a notification about an event.
std::string NotificationTitle(const CaseEvent& e, const Case& c) {
  switch (e.type) {
    case EventType::kDispatch:
    case EventType::kArbitrate:
    case EventType::kReassign: return "新工单待签收：" + c.number;
    case EventType::kReturn: return "工单被退回：" + c.number;
    case EventType::kRequestExtension: return "延期申请待审批：" + c.number;
    case EventType::kApproveExtension: return "延期申请已批准：" + c.number;
    case EventType::kRefuseExtension: return "延期申请被驳回：" + c.number;
    case EventType::kReply: return "工单已答复，待回访：" + c.number;
    case EventType::kCallback:  // only a dissatisfied rating, which reopens the case, concerns the units
      if (e.to_state == casework::CaseState::kClosed) return "";
      return "工单重办：" + c.number;
    case EventType::kReopen: return "工单重办：" + c.number;
    case EventType::kEscalate:
      switch (e.escalation.value_or(casework::Escalation::kNone)) {
        case casework::Escalation::kWarning: return "工单即将到期（预警）：" + c.number;
        case casework::Escalation::kUrge: return "工单已到期（催办）：" + c.number;
        case casework::Escalation::kSupervise: return "工单超期（督办）：" + c.number;
        case casework::Escalation::kCirculate: return "工单超期（通报）：" + c.number;
        case casework::Escalation::kEscalate: return "工单提级督办：" + c.number;
        case casework::Escalation::kNone: break;
      }
      break;
    default: break;
  }
  return "";
}

}  // namespace

namespace {
using N = std::string_view;
constexpr auto kInboxNames = MakeEnumNames<Inbox>(
    std::pair{Inbox::kToDispatch, N("to_dispatch")}, std::pair{Inbox::kReturned, N("returned")},
    std::pair{Inbox::kToCallback, N("to_callback")}, std::pair{Inbox::kToSign, N("to_sign")},
    std::pair{Inbox::kToHandle, N("to_handle")}, std::pair{Inbox::kOverdue, N("overdue")},
    std::pair{Inbox::kMine, N("mine")});

}  // namespace

std::string_view InboxName(Inbox box) { return kInboxNames.Name(box); }
std::optional<Inbox> ParseInbox(std::string_view name) { return kInboxNames.Parse(name); }
std::vector<Inbox> AllInboxes() { return kInboxNames.Values(); }

struct CaseService::Loaded {
  Case c;
  casework::Category category;
  casework::Channel channel;
};

// ---- Catalogue. ---------------------------------------------------------------------------------

Result<std::vector<casework::Channel>> CaseService::Channels(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.channel.list", "case_channel"));
  std::vector<casework::Channel> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.catalogue().Channels());
    return Status::Ok();
  }));
  return out;
}

Result<casework::Channel> CaseService::PutChannel(const Actor& actor, casework::Channel channel) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.channel.put", "case_channel", channel.code));
  RETURN_IF_ERROR(casework::ValidateChannel(channel));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(repos.catalogue().PutChannel(channel));
    return audit_.Record(repos, actor, "case.channel.put", "case_channel", channel.code, channel.name);
  }));
  return channel;
}

Result<std::vector<casework::Category>> CaseService::Categories(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.category.list", "case_category"));
  std::vector<casework::Category> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.catalogue().Categories());
    return Status::Ok();
  }));
  return out;
}

Result<casework::Category> CaseService::CreateCategory(const Actor& actor, casework::Category category) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.category.create", "case_category"));
  RETURN_IF_ERROR(casework::ValidateCategory(category));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    category.parent_id.reset();
    if (std::string parent = casework::ParentCode(category.code); !parent.empty()) {
      ASSIGN_OR_RETURN(auto p, repos.catalogue().GetCategoryByCode(parent));
      if (!p) return InvalidArgument("the parent category " + parent + " does not exist", "code");
      category.parent_id = p->id;
    }
    ASSIGN_OR_RETURN(auto taken, repos.catalogue().GetCategoryByCode(category.code));
    if (taken) return AlreadyExists("category " + category.code + " exists already", "code");
    ASSIGN_OR_RETURN(category.id, repos.catalogue().InsertCategory(category));
    return audit_.Record(repos, actor, "case.category.create", "case_category", Str(category.id),
                         category.code + " " + category.name);
  }));
  return category;
}

Result<casework::Category> CaseService::UpdateCategory(const Actor& actor, int64_t id, casework::Category category) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.category.update", "case_category", Str(id)));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.catalogue().GetCategory(id));
    if (!existing) return NotFound("category " + Str(id) + " not found");
    category.id = id;
    category.code = existing->code;
    category.parent_id = existing->parent_id;
    RETURN_IF_ERROR(casework::ValidateCategory(category));
    RETURN_IF_ERROR(repos.catalogue().UpdateCategory(category));
    return audit_.Record(repos, actor, "case.category.update", "case_category", Str(id), category.code + " " + category.name);
  }));
  return category;
}

Status CaseService::DeleteCategory(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.category.delete", "case_category", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.catalogue().GetCategory(id));
    if (!existing) return NotFound("category " + Str(id) + " not found");
    ASSIGN_OR_RETURN(int64_t children, repos.catalogue().CountChildCategories(id));
    if (children > 0) return FailedPrecondition("the category has sub-categories");
    storage::CaseQuery q;
    q.category_code = existing->code;
    q.scope = auth::ScopeFilter::All();
    q.page.page_size = 1;
    ASSIGN_OR_RETURN(auto used, repos.cases().List(q));
    if (used.total > 0) return FailedPrecondition("cases use the category; deactivate it instead");
    RETURN_IF_ERROR(repos.catalogue().DeleteCategory(id));
    return audit_.Record(repos, actor, "case.category.delete", "case_category", Str(id), existing->code);
  });
}

Result<std::vector<casework::RoutingRule>> CaseService::Routes(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.route.list", "case_route"));
  std::vector<casework::RoutingRule> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.catalogue().Routes({}));
    return Status::Ok();
  }));
  return out;
}

Result<casework::RoutingRule> CaseService::PutRoute(const Actor& actor, casework::RoutingRule rule) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.route.put", "case_route"));
  rule.region_code = text::Trim(rule.region_code);
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto cat, repos.catalogue().GetCategory(rule.category_id));
    if (!cat) return InvalidArgument("unknown category", "category_id");
    if (!rule.region_code.empty()) {
      ASSIGN_OR_RETURN(auto region, repos.regions().Get(rule.region_code));
      if (!region) return InvalidArgument("unknown region " + rule.region_code, "region_code");
    }
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(rule.unit_id));
    if (!unit) return InvalidArgument("unknown unit", "unit_id");
    ASSIGN_OR_RETURN(rule.id, repos.catalogue().PutRoute(rule));
    return audit_.Record(repos, actor, "case.route.put", "case_route", Str(rule.id),
                         cat->code + " " + (rule.region_code.empty() ? "*" : rule.region_code) + " → " + unit->name);
  }));
  return rule;
}

Status CaseService::DeleteRoute(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.route.delete", "case_route", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(repos.catalogue().DeleteRoute(id));
    return audit_.Record(repos, actor, "case.route.delete", "case_route", Str(id));
  });
}

// ---- Cases. -------------------------------------------------------------------------------------

Result<CaseService::Loaded> CaseService::Load(storage::Repositories& repos, const Actor& actor, int64_t id,
                                              Refusal& refusal) {
  ASSIGN_OR_RETURN(auto c, repos.cases().Get(id));
  if (!c) return NotFound("case " + Str(id) + " not found");
  bool reporter = actor.user_id != 0 && c->facts.reporter_user_id == actor.user_id;
  if (!reporter) {
    ASSIGN_OR_RETURN(bool visible, repos.cases().Visible(id, actor.Filter()));
    // The chain-leader system: a chain's leaders read its cases whatever their data scope.
    if (!visible && c->facts.chain_id && actor.user_id != 0 && actor.Has(perm::kCaseRead)) {
      ASSIGN_OR_RETURN(visible, LeadsChain(repos, actor.user_id, *c->facts.chain_id));
    }
    if (!visible) {
      refusal.Set(Str(id));
      return NotFound("case " + Str(id) + " not found");
    }
  }
  Loaded out;
  out.c = std::move(*c);
  ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(out.c.facts.category_code));
  if (!category) return Internal("case " + Str(id) + " has an unknown category " + out.c.facts.category_code);
  out.category = std::move(*category);
  ASSIGN_OR_RETURN(auto channel, repos.catalogue().GetChannel(out.c.facts.channel));
  if (!channel) return Internal("case " + Str(id) + " has an unknown channel " + out.c.facts.channel);
  out.channel = std::move(*channel);
  return out;
}

Status CaseService::ResolveParty(storage::Repositories& repos, const Actor& actor, const Case& c, casework::Command& cmd) {
  cmd.actor_user_id = actor.user_id;
  auto unit_in_scope = [&](int64_t unit_id) -> Result<bool> {
    if (actor.system || unit_id == actor.unit_id) return true;
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
    return unit && CoversUnit(actor, *unit);
  };
  for (Party party : casework::PartiesFor(cmd.type)) {
    cmd.party = party;
    switch (party) {
      case Party::kIntake:
        if (actor.Has(perm::kCaseDispatch)) {
          cmd.actor_unit_id = actor.unit_id ? std::optional<int64_t>(actor.unit_id) : std::nullopt;
          return Status::Ok();
        }
        // A patroller settles their own finding where they found it (the channel must allow it:
        // Decide checks); everything else about it is the dispatcher's.
        if (cmd.type == EventType::kResolveOnSpot && actor.Has(perm::kCasePatrol) && actor.user_id != 0 &&
            c.facts.reporter_user_id == actor.user_id) {
          cmd.actor_unit_id = actor.unit_id ? std::optional<int64_t>(actor.unit_id) : std::nullopt;
          return Status::Ok();
        }
        break;
      case Party::kLeadUnit:
        if (actor.Has(perm::kCaseHandle) && c.lead_unit_id) {
          ASSIGN_OR_RETURN(bool ok, unit_in_scope(*c.lead_unit_id));
          if (ok) {
            cmd.actor_unit_id = c.lead_unit_id;
            return Status::Ok();
          }
        }
        break;
      case Party::kCoUnit:
        if (actor.Has(perm::kCaseHandle)) {
          for (const auto& co : c.co_units) {
            ASSIGN_OR_RETURN(bool ok, unit_in_scope(co.unit_id));
            if (ok) {
              cmd.actor_unit_id = co.unit_id;
              return Status::Ok();
            }
          }
        }
        break;
      case Party::kArbiter:
        if (actor.Has(perm::kCaseArbitrate)) return Status::Ok();
        break;
      case Party::kReporter:
        if (actor.user_id != 0 && c.facts.reporter_user_id == actor.user_id) return Status::Ok();
        break;
      case Party::kSystem:
        if (actor.system) return Status::Ok();
        break;
    }
  }
  return PermissionDenied("you may not " + std::string(casework::EventTypeName(cmd.type)) + " this case");
}

Status CaseService::ApplyEvents(storage::Repositories& repos, Case& c, std::vector<CaseEvent> events) {
  const int32_t previous = c.version;
  for (CaseEvent& e : events) {
    e.case_id = c.id;
    RETURN_IF_ERROR(casework::Apply(c, e));
  }
  RETURN_IF_ERROR(repos.cases().AppendEvents(events));
  RETURN_IF_ERROR(repos.cases().SaveProjection(c, previous));
  RETURN_IF_ERROR(repos.changes().Publish(std::string(storage::topic::kCase), Str(c.id)));
  for (const CaseEvent& e : events) RETURN_IF_ERROR(Notify(repos, c, e));
  return Status::Ok();
}

Status CaseService::Notify(storage::Repositories& repos, const Case& c, const CaseEvent& e) {
  std::string title = NotificationTitle(e, c);
  if (title.empty()) return Status::Ok();
  std::set<int64_t> users;
  // Through the server's role → permissions cache, not a role read per user.
  auto granted = [&](const auth::User& u, std::string_view permission) -> Result<bool> {
    RolePermissions::Permissions held;
    for (int64_t role_id : u.role_ids) RETURN_IF_ERROR(roles_.AddTo(repos, role_id, held));
    return held.contains(permission);
  };
  // The active users of a unit whose roles grant `permission`: those who act on or oversee the
  // case there, not everyone on the unit's staff.
  auto unit_users = [&](int64_t unit_id, std::string_view permission) -> Status {
    storage::UserQuery q;
    q.unit_id = unit_id;
    q.scope = auth::ScopeFilter::All();
    q.page.page_size = storage::PageRequest::kMaxPageSize;
    ASSIGN_OR_RETURN(auto page, repos.users().List(q));
    for (const auto& u : page.items) {
      if (u.status != auth::UserStatus::kActive) continue;
      ASSIGN_OR_RETURN(bool may, granted(u, permission));
      if (may) users.insert(u.id);
    }
    return Status::Ok();
  };
  // The holders of `kind` positions in one context (a unit's heads, a chain's leaders).
  auto holders = [&](org::PositionKind kind, org::ContextType context_type, const std::string& ref) -> Status {
    storage::PositionQuery q;
    q.kind = kind;
    q.context_type = context_type;
    q.context_ref = ref;
    q.scope = auth::ScopeFilter::All();
    q.page.page_size = storage::PageRequest::kMaxPageSize;
    ASSIGN_OR_RETURN(auto positions, repos.positions().List(q));
    for (const auto& p : positions.items) users.insert(p.user_id);
    return Status::Ok();
  };
  // The dispatcher: whoever last sent the case to a unit.
  auto dispatcher = [&]() -> Status {
    ASSIGN_OR_RETURN(auto events, repos.cases().Events(c.id));
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if ((it->type == EventType::kDispatch || it->type == EventType::kArbitrate || it->type == EventType::kReassign) &&
          it->actor_user_id != 0) {
        users.insert(it->actor_user_id);
        break;
      }
    }
    return Status::Ok();
  };
  auto lead_and_co = [&]() -> Status {
    if (c.lead_unit_id) RETURN_IF_ERROR(unit_users(*c.lead_unit_id, auth::perm::kCaseHandle));
    for (const auto& co : c.co_units) RETURN_IF_ERROR(unit_users(co.unit_id, auth::perm::kCaseHandle));
    return Status::Ok();
  };
  switch (e.type) {
    case EventType::kDispatch:
    case EventType::kArbitrate:
    case EventType::kReassign:
    case EventType::kReopen:
      RETURN_IF_ERROR(lead_and_co());
      break;
    case EventType::kCallback:
      RETURN_IF_ERROR(lead_and_co());  // only reopening callbacks have a title
      break;
    case EventType::kReturn:
    case EventType::kRequestExtension:
    case EventType::kReply:
      RETURN_IF_ERROR(dispatcher());
      break;
    case EventType::kApproveExtension:
    case EventType::kRefuseExtension:
      if (c.handler_user_id) users.insert(*c.handler_user_id);
      break;
    case EventType::kEscalate: {
      auto level = e.escalation.value_or(casework::Escalation::kNone);
      if (level <= casework::Escalation::kUrge && c.handler_user_id) {
        users.insert(*c.handler_user_id);
      } else {
        RETURN_IF_ERROR(lead_and_co());
      }
      if (level >= casework::Escalation::kSupervise) RETURN_IF_ERROR(dispatcher());
      // 通报 and 提级: the head of the lead unit (a unit_head position).
      if (level >= casework::Escalation::kCirculate && c.lead_unit_id) {
        RETURN_IF_ERROR(holders(org::PositionKind::kUnitHead, org::ContextType::kUnit, Str(*c.lead_unit_id)));
      }
      if (level == casework::Escalation::kEscalate) {
        // 提级: also the people of the unit above the lead unit who oversee cases (case:case:read)
        // and its head, and the leaders of the enterprise's chain.
        if (c.lead_unit_id) {
          ASSIGN_OR_RETURN(auto lead, repos.units().Get(*c.lead_unit_id));
          if (lead && lead->parent_id) {
            RETURN_IF_ERROR(unit_users(*lead->parent_id, auth::perm::kCaseRead));
            RETURN_IF_ERROR(holders(org::PositionKind::kUnitHead, org::ContextType::kUnit, Str(*lead->parent_id)));
          }
        }
        if (c.facts.chain_id) {
          RETURN_IF_ERROR(holders(org::PositionKind::kChainLeader, org::ContextType::kChain, Str(*c.facts.chain_id)));
        }
      }
      break;
    }
    default:
      break;
  }
  users.erase(0);
  std::vector<notify::Notification> out;
  for (int64_t user : users) {
    notify::Notification n;
    n.user_id = user;
    n.kind = "case." + std::string(casework::EventTypeName(e.type));
    if (e.escalation) n.kind += "." + std::string(casework::EscalationName(*e.escalation));
    n.title = title;
    n.body = c.facts.title + (e.note.empty() ? "" : "（" + e.note + "）");
    n.case_id = c.id;
    n.link = "/cases/" + Str(c.id);
    n.created_at = e.at;
    out.push_back(std::move(n));
  }
  if (out.empty()) return Status::Ok();
  return repos.notifications().Insert(out);
}

Result<Case> CaseService::Create(const Actor& actor, NewCaseInput input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCreate, "case.create", "case"));
  Case c;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(c, CreateWithin(repos, actor, std::move(input)));
    return Status::Ok();
  }));
  return c;
}

Result<Case> CaseService::CreateWithin(storage::Repositories& repos, const Actor& actor, NewCaseInput input) {
  if (!actor.Has(perm::kCaseCreate)) return PermissionDenied("registering a case needs case:case:create");
  casework::CaseFacts& f = input.facts;
  std::string credit_code = text::Trim(input.enterprise_credit_code);
  if (!credit_code.empty()) f.enterprise_id = 0;  // resolved below; keeps NormaliseFacts' subject check
  if (Status st = casework::NormaliseFacts(f); !st.ok()) {
    return st.field() == "enterprise" ? Status(st.code(), st.message(), "enterprise_credit_code") : st;
  }
  const TimeMs now = clock_.NowMs();
  Case c;
  {
    ASSIGN_OR_RETURN(auto channel, repos.catalogue().GetChannel(f.channel));
    if (!channel || !channel->active) return InvalidArgument("unknown or inactive channel " + f.channel, "channel");
    ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(f.category_code));
    if (!category || !category->active) {
      return InvalidArgument("unknown or inactive category " + f.category_code, "category_code");
    }
    ASSIGN_OR_RETURN(auto region, repos.regions().Get(f.region_code));
    if (!region) return InvalidArgument("unknown region " + f.region_code, "region_code");
    if (f.subject_kind == casework::SubjectKind::kEnterprise) {
      ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(credit_code));
      if (!firm) return InvalidArgument("no enterprise with credit code " + credit_code, "enterprise_credit_code");
      f.enterprise_id = firm->id;
      if (!f.chain_id) {
        ASSIGN_OR_RETURN(auto memberships, repos.enterprises().Memberships(firm->id, 0));
        if (!memberships.empty()) f.chain_id = memberships.front().chain_id;
      } else {
        ASSIGN_OR_RETURN(auto chain, repos.chains().Get(*f.chain_id));
        if (!chain) return InvalidArgument("unknown chain", "chain_id");
      }
    }
    std::optional<int64_t> intake = input.intake_unit_id;
    if (!intake && actor.unit_id) intake = actor.unit_id;
    if (intake) {
      ASSIGN_OR_RETURN(auto unit, repos.units().Get(*intake));
      if (!unit) return InvalidArgument("unknown intake unit", "intake_unit_id");
    }
    if (!f.reporter_user_id && actor.user_id != 0 && !actor.Has(perm::kCaseDispatch)) f.reporter_user_id = actor.user_id;
    const std::string prefix = casework::CaseNumberPrefix(f.region_code, now);
    ASSIGN_OR_RETURN(int64_t seq, repos.cases().NextNumber(prefix));
    c = Case{};
    c.number = casework::CaseNumber(f.region_code, now, seq);
    c.facts = f;
    std::vector<CaseEvent> events = {casework::CreateEvent(actor.user_id, intake, now)};
    RETURN_IF_ERROR(casework::Apply(c, events[0]));
    if (input.accept) {
      casework::Command accept;
      accept.type = EventType::kAccept;
      if (input.accept_vouched_by_channel) {
        accept.party = Party::kIntake;
        accept.actor_user_id = actor.user_id;
        if (actor.unit_id) accept.actor_unit_id = actor.unit_id;
      } else {
        RETURN_IF_ERROR(ResolveParty(repos, actor, c, accept));
      }
      casework::DecideContext ctx{now, &*category, &*channel, &working_};
      ASSIGN_OR_RETURN(auto more, casework::Decide(c, accept, ctx));
      for (auto& e : more) {
        RETURN_IF_ERROR(casework::Apply(c, e));
        events.push_back(std::move(e));
      }
    }
    ASSIGN_OR_RETURN(c.id, repos.cases().Insert(c, intake));
    for (auto& e : events) e.case_id = c.id;
    RETURN_IF_ERROR(repos.cases().AppendEvents(events));
    if (!input.attachment_ids.empty()) {
      RETURN_IF_ERROR(repos.attachments().Attach(input.attachment_ids, actor.user_id, c.id, std::nullopt));
    }
    if (input.alongside) RETURN_IF_ERROR(input.alongside(repos, c));
    RETURN_IF_ERROR(repos.changes().Publish(std::string(storage::topic::kCase), Str(c.id)));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "case.create", "case", Str(c.id), c.number));
  }
  return c;
}

Result<CaseDetail> CaseService::Detail(storage::Repositories& repos, const Actor& actor, const Loaded& loaded) {
  CaseDetail d;
  d.c = loaded.c;
  d.category_name = loaded.category.name;
  d.channel_name = loaded.channel.name;
  ASSIGN_OR_RETURN(d.events, repos.cases().Events(d.c.id));
  ASSIGN_OR_RETURN(d.attachments, repos.attachments().ForCase(d.c.id));
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(d.c.facts.region_code));
  if (region) d.region_name = region->name;
  if (d.c.facts.enterprise_id) {
    ASSIGN_OR_RETURN(auto firm, repos.enterprises().Get(*d.c.facts.enterprise_id));
    if (firm) d.enterprise_name = firm->name;
  }
  std::set<int64_t> units, users;
  if (d.c.lead_unit_id) units.insert(*d.c.lead_unit_id);
  for (const auto& co : d.c.co_units) units.insert(co.unit_id);
  if (d.c.handler_user_id) users.insert(*d.c.handler_user_id);
  for (const auto& e : d.events) {
    if (e.actor_unit_id) units.insert(*e.actor_unit_id);
    if (e.unit_id) units.insert(*e.unit_id);
    for (int64_t u : e.co_unit_ids) units.insert(u);
    if (e.actor_user_id) users.insert(e.actor_user_id);
    if (e.handler_user_id) users.insert(*e.handler_user_id);
  }
  for (const auto& a : d.attachments) {
    if (a.created_by) users.insert(a.created_by);
  }
  if (d.c.state == casework::CaseState::kPendingDispatch || d.c.state == casework::CaseState::kReturned ||
      d.c.state == casework::CaseState::kArbitration) {
    ASSIGN_OR_RETURN(auto cats, repos.catalogue().Categories());
    CategoryIndex catalogue{std::move(cats)};
    std::vector<int64_t> chain = CategoryChain(catalogue, d.c.facts.category_code);
    ASSIGN_OR_RETURN(auto rules, repos.catalogue().Routes(chain));
    d.proposed_route = casework::ProposeRoute(rules, chain, d.c.facts.region_code);
    if (d.proposed_route) units.insert(d.proposed_route->unit_id);
  }
  RETURN_IF_ERROR(CollectNames(units, [&](int64_t id) { return repos.units().Get(id); }, d.unit_names));
  RETURN_IF_ERROR(CollectNames(users, [&](int64_t id) { return repos.users().Get(id); }, d.user_names));
  // What this actor may do now, and whether it sees personal data.
  casework::DecideContext ctx{clock_.NowMs(), &loaded.category, &loaded.channel, &working_};
  bool handles = false;
  for (int i = static_cast<int>(EventType::kAccept); i <= static_cast<int>(EventType::kMerge); ++i) {
    casework::Command probe;
    probe.type = static_cast<EventType>(i);
    if (!ResolveParty(repos, actor, d.c, probe).ok()) continue;
    if (probe.party == Party::kIntake || probe.party == Party::kLeadUnit || probe.party == Party::kCoUnit) handles = true;
    if (ProbeAllowed(d.c, probe, ctx)) d.allowed.push_back(probe.type);
  }
  bool reporter = actor.user_id != 0 && d.c.facts.reporter_user_id == actor.user_id;
  if (!handles && !reporter && !actor.system) {
    Mask(d.c);
    d.masked = true;
  }
  return d;
}

Result<CaseDetail> CaseService::Get(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.read", "case", Str(id)));
  CaseDetail out;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, Load(repos, actor, id, refusal));
    ASSIGN_OR_RETURN(out, Detail(repos, actor, loaded));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "case.read", "case", refusal, st));
  return out;
}

Result<CaseDetail> CaseService::GetByNumber(const Actor& actor, const std::string& number) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.read", "case", number));
  std::optional<int64_t> id;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.cases().GetByNumber(text::Trim(number)));
    if (c) id = c->id;
    return Status::Ok();
  }));
  if (!id) return NotFound("case " + number + " not found");
  return Get(actor, *id);
}

Result<CasePage> CaseService::List(const Actor& actor, storage::CaseQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.list", "case"));
  query.scope = actor.Filter();
  query.page = query.page.Clamped();
  const bool text = search_ != nullptr && IsTextQuery(query.q);
  CasePage out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    if (text) {
      ASSIGN_OR_RETURN(out.page, SearchText(repos, std::move(query)));
    } else {
      ASSIGN_OR_RETURN(out.page, repos.cases().List(query));
    }
    ASSIGN_OR_RETURN(out.names, NamesIn(repos, out.page.items));
    return Status::Ok();
  }));
  for (Case& c : out.page.items) Mask(c);
  return out;
}

Result<storage::PageOf<Case>> CaseService::SearchText(storage::Repositories& repos, storage::CaseQuery query) {
  const std::string words = std::move(query.q);
  query.q.clear();
  const size_t offset = static_cast<size_t>(query.page.Offset());
  const size_t limit = static_cast<size_t>(query.page.page_size);
  storage::PageOf<Case> out;
  // The cases of `ids` (in scope), in that order.
  auto fetch = [&](const std::vector<int64_t>& ids) -> Status {
    if (ids.empty()) return Status::Ok();
    storage::CaseQuery rows;
    rows.ids = ids;
    rows.scope = query.scope;
    rows.page = {1, static_cast<int64_t>(ids.size())};
    ASSIGN_OR_RETURN(auto page, repos.cases().List(rows));
    std::map<int64_t, Case> by_id;
    for (Case& c : page.items) by_id.emplace(c.id, std::move(c));
    for (int64_t id : ids) {
      auto it = by_id.find(id);
      if (it != by_id.end()) out.items.push_back(std::move(it->second));
    }
    return Status::Ok();
  };
  if (!query.HasFilters() && query.order == storage::CaseQuery::Order::kNewest) {
    // The index counts and pages by itself.
    ASSIGN_OR_RETURN(auto hits, search_->Search(repos, query.scope, words, offset, limit));
    out.total = hits.total;
    RETURN_IF_ERROR(fetch(hits.ids));
    return out;
  }
  // Other filters: every hit in scope, then the filters in SQL over the hits, a chunk at a time.
  ASSIGN_OR_RETURN(std::vector<int64_t> hits, search_->SearchAll(repos, query.scope, words));
  if (!query.ids.empty()) {  // the caller's own id filter: the hits among them
    const std::set<int64_t> only(query.ids.begin(), query.ids.end());
    hits.erase(std::remove_if(hits.begin(), hits.end(), [&](int64_t id) { return only.count(id) == 0; }), hits.end());
  }
  std::vector<int64_t> matching;
  constexpr size_t kChunk = 1024;
  for (size_t start = 0; start < hits.size(); start += kChunk) {
    storage::CaseQuery chunk = query;
    chunk.ids.assign(hits.begin() + start, hits.begin() + std::min(hits.size(), start + kChunk));
    ASSIGN_OR_RETURN(auto ids, repos.cases().Ids(chunk));
    matching.insert(matching.end(), ids.begin(), ids.end());
  }
  if (matching.empty()) return out;
  if (query.order != storage::CaseQuery::Order::kNewest) {
    if (matching.size() > kMaxOrderedHits) {
      return InvalidArgument("q matches " + std::to_string(matching.size()) +
                                 " cases with these filters, more than the " + std::to_string(kMaxOrderedHits) +
                                 " a search orders by due time; add a word",
                             "q");
    }
    // One statement orders, pages and counts them.
    query.ids = std::move(matching);
    return repos.cases().List(query);
  }
  std::sort(matching.begin(), matching.end(), std::greater<>());
  out.total = static_cast<int64_t>(matching.size());
  if (offset < matching.size()) {
    RETURN_IF_ERROR(fetch(std::vector<int64_t>(matching.begin() + offset,
                                               matching.begin() + std::min(matching.size(), offset + limit))));
  }
  return out;
}

storage::CaseQuery CaseService::InboxQuery(const Actor& actor, Inbox box, std::optional<int64_t> unit_id) const {
  using S = casework::CaseState;
  storage::CaseQuery q;
  const int64_t unit = unit_id.value_or(actor.unit_id);
  switch (box) {
    case Inbox::kToDispatch: q.states = {S::kPendingDispatch}; break;
    case Inbox::kReturned: q.states = {S::kReturned, S::kArbitration}; break;
    case Inbox::kToCallback: q.states = {S::kReplied}; break;
    case Inbox::kToSign:
      q.states = {S::kDispatched};
      q.unit_id = unit;
      break;
    case Inbox::kToHandle:
      q.states = {S::kHandling};
      q.unit_id = unit;
      break;
    case Inbox::kOverdue:
      q.due_before = clock_.NowMs();
      q.unit_id = unit;
      q.order = storage::CaseQuery::Order::kDueSoonest;
      break;
    case Inbox::kMine:
      q.states = {S::kHandling};
      q.handler_user_id = actor.user_id;
      break;
  }
  return q;
}

Result<CasePage> CaseService::InboxPage(const Actor& actor, Inbox box, std::optional<int64_t> unit_id,
                                        const storage::PageRequest& page) {
  storage::CaseQuery q = InboxQuery(actor, box, unit_id);
  q.page = page;
  return List(actor, std::move(q));
}

Result<CaseListNames> CaseService::NamesIn(storage::Repositories& repos, const std::vector<Case>& cases) {
  std::set<int64_t> units, enterprises;
  for (const Case& c : cases) {
    if (c.lead_unit_id) units.insert(*c.lead_unit_id);
    for (const auto& co : c.co_units) units.insert(co.unit_id);
    if (c.facts.enterprise_id) enterprises.insert(*c.facts.enterprise_id);
  }
  CaseListNames names;
  RETURN_IF_ERROR(CollectNames(units, [&](int64_t id) { return repos.units().Get(id); }, names.units));
  RETURN_IF_ERROR(CollectNames(enterprises, [&](int64_t id) { return repos.enterprises().Get(id); }, names.enterprises));
  return names;
}

Result<std::vector<std::pair<Inbox, int64_t>>> CaseService::InboxCounts(const Actor& actor,
                                                                         std::optional<int64_t> unit_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.list", "case"));
  std::vector<std::pair<Inbox, int64_t>> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    for (Inbox box : AllInboxes()) {
      storage::CaseQuery q = InboxQuery(actor, box, unit_id);
      q.scope = actor.Filter();
      q.page.page_size = 1;
      ASSIGN_OR_RETURN(auto page, repos.cases().List(q));
      out.emplace_back(box, page.total);
    }
    return Status::Ok();
  }));
  return out;
}

Result<Case> CaseService::Act(const Actor& actor, int64_t id, casework::Command command, const ActOptions& options) {
  const std::string action = "case." + std::string(casework::EventTypeName(command.type));
  if (command.type == EventType::kCreate || command.type == EventType::kEscalate || command.type == EventType::kAbsorb) {
    return InvalidArgument("not an action a user takes", "type");
  }
  // A reporter rates their own case (回访) by being its reporter: an account without case:case:read
  // (an enterprise's own account, 企业用户) may take this one action on the cases it filed, and no
  // other action on any case.
  const bool reporter_only = !actor.Has(perm::kCaseRead);
  if (!(reporter_only && command.type == EventType::kCallback && actor.user_id != 0)) {
    RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, action, "case", Str(id)));
  }
  Case result;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(result, ActIn(repos, actor, id, std::move(command), options, refusal));
    return Status::Ok();
  });
  if (st.code() == StatusCode::kPermissionDenied) return audit_.Deny(actor, action, "case", Str(id), st);
  RETURN_IF_ERROR(audit_.Finish(actor, action, "case", refusal, st));
  return result;
}

Result<Case> CaseService::ActWithin(storage::Repositories& repos, const Actor& actor, int64_t id,
                                    casework::Command command, const ActOptions& options) {
  if (command.type == EventType::kCreate || command.type == EventType::kEscalate || command.type == EventType::kAbsorb) {
    return InvalidArgument("not an action a user takes", "type");
  }
  if (!actor.Has(perm::kCaseRead)) return PermissionDenied("you may not read cases");
  Refusal ignored;  // the caller logs its own refusals
  return ActIn(repos, actor, id, std::move(command), options, ignored);
}

Result<Case> CaseService::ActIn(storage::Repositories& repos, const Actor& actor, int64_t id, casework::Command command,
                                const ActOptions& options, Refusal& refusal) {
  const std::string action = "case." + std::string(casework::EventTypeName(command.type));
  const bool reporter_only = !actor.Has(perm::kCaseRead);
  ASSIGN_OR_RETURN(Loaded loaded, Load(repos, actor, id, refusal));
  Case& c = loaded.c;
  if (reporter_only && c.facts.reporter_user_id != actor.user_id) {
    refusal.Set(Str(id));
    return NotFound("case " + Str(id) + " not found");
  }
  RETURN_IF_ERROR(ResolveParty(repos, actor, c, command));
  if (reporter_only && command.party != Party::kReporter) {
    return PermissionDenied("you may not " + std::string(casework::EventTypeName(command.type)) + " this case");
  }
  if (options.precondition) RETURN_IF_ERROR(options.precondition(repos, c, command));
  // References the domain cannot check.
  std::vector<int64_t> units = command.co_unit_ids;
  if (command.unit_id && command.type != EventType::kResolveOnSpot) units.push_back(*command.unit_id);
  for (int64_t u : units) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(u));
    if (!unit) return InvalidArgument("unknown unit " + Str(u), command.unit_id == u ? "unit_id" : "co_unit_ids");
  }
  std::optional<Loaded> original;
  if (command.type == EventType::kMerge && command.related_case_id && *command.related_case_id != id) {
    Refusal ignored;
    auto other = Load(repos, actor, *command.related_case_id, ignored);
    if (!other.ok()) return InvalidArgument("the original case was not found", "related_case_id");
    if (casework::IsTerminal(other->c.state)) {
      return InvalidArgument("the original case is " + std::string(casework::CaseStateName(other->c.state)),
                             "related_case_id");
    }
    original = std::move(*other);
  }
  // A work-plan task's deadline is the plan's date, not a handling limit: a (re)assignment keeps it.
  const bool assignment = command.type == EventType::kDispatch || command.type == EventType::kArbitrate ||
                          command.type == EventType::kReassign;
  if (assignment && !command.due_at && c.due_at && c.facts.category_code == plan::kWorkPlanCategory) {
    command.due_at = c.due_at;
  }
  const TimeMs now = clock_.NowMs();
  casework::DecideContext ctx{now, &loaded.category, &loaded.channel, &working_};
  ASSIGN_OR_RETURN(auto events, casework::Decide(c, command, ctx));
  const int32_t first_seq = events.empty() ? c.version : events.front().seq;
  RETURN_IF_ERROR(ApplyEvents(repos, c, std::move(events)));
  if (!options.attachment_ids.empty()) {
    RETURN_IF_ERROR(repos.attachments().Attach(options.attachment_ids, actor.user_id, id, first_seq));
  }
  if (original) {
    casework::Command absorb;
    absorb.type = EventType::kAbsorb;
    absorb.related_case_id = id;
    RETURN_IF_ERROR(ResolveParty(repos, actor, original->c, absorb));
    casework::DecideContext octx{now, &original->category, &original->channel, &working_};
    ASSIGN_OR_RETURN(auto more, casework::Decide(original->c, absorb, octx));
    RETURN_IF_ERROR(ApplyEvents(repos, original->c, std::move(more)));
  }
  RETURN_IF_ERROR(audit_.Record(repos, actor, action, "case", Str(id), c.number));
  return c;
}

std::vector<BulkItem> CaseService::ActOnMany(const Actor& actor, const std::vector<int64_t>& ids,
                                             const casework::Command& command) {
  std::vector<BulkItem> out;
  for (int64_t id : ids) {
    auto r = Act(actor, id, command);
    out.push_back({id, r.ok() ? Status::Ok() : r.status()});
  }
  return out;
}

Result<int64_t> CaseService::Escalate(const Actor& actor) {
  if (!actor.system) return PermissionDenied("only the server's timer escalates cases");
  const TimeMs now = clock_.NowMs();
  // Find the cases with a rung due (read), then write each in its own transaction, re-deciding
  // on the fresh state (a handler may have replied meanwhile).
  // The earliest rung is the warning, warn_before_days working days before the deadline: cases
  // due later than the longest warning from now (plus a day) have no rung due.
  std::vector<int64_t> due;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto cats, repos.catalogue().Categories());
    CategoryIndex catalogue{std::move(cats)};
    int longest_warning = 0;
    for (const auto& cat : catalogue.all()) longest_warning = std::max(longest_warning, cat.ladder.warn_before_days);
    ASSIGN_OR_RETURN(TimeMs due_before, working_.AddWorking(now, (longest_warning + 1) * casework::kWorkingDayMs));
    return repos.cases().ForEachRunning(due_before, [&](const Case& c) -> Status {
      const casework::Category* cat = catalogue.ByCode(c.facts.category_code);
      if (!cat) return Status::Ok();
      ASSIGN_OR_RETURN(auto rungs, casework::DueRungs(c, *cat, working_, now));
      if (!rungs.empty()) due.push_back(c.id);
      return Status::Ok();
    });
  }));
  int64_t written = 0;
  for (int64_t id : due) {
    RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
      Refusal ignored;
      ASSIGN_OR_RETURN(Loaded loaded, Load(repos, actor, id, ignored));
      ASSIGN_OR_RETURN(auto rungs, casework::DueRungs(loaded.c, loaded.category, working_, now));
      for (const casework::Rung& rung : rungs) {
        casework::Command up;
        up.type = EventType::kEscalate;
        up.party = Party::kSystem;
        up.escalation = rung.level;
        casework::DecideContext ctx{now, &loaded.category, &loaded.channel, &working_};
        ASSIGN_OR_RETURN(auto events, casework::Decide(loaded.c, up, ctx));
        RETURN_IF_ERROR(ApplyEvents(repos, loaded.c, std::move(events)));
        ++written;
      }
      if (rungs.empty()) return Status::Ok();
      return audit_.Record(repos, actor, "case.escalate", "case", Str(id),
                           std::string(casework::EscalationName(loaded.c.escalation)));
    }));
  }
  return written;
}

// ---- Notifications. -----------------------------------------------------------------------------

Result<storage::PageOf<notify::Notification>> CaseService::Notifications(const Actor& actor, bool unread_only,
                                                                         const storage::PageRequest& page) {
  if (actor.user_id == 0) return PermissionDenied("notifications belong to users");
  storage::PageOf<notify::Notification> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.notifications().List(actor.user_id, unread_only, page.Clamped()));
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> CaseService::UnreadCount(const Actor& actor) {
  if (actor.user_id == 0) return PermissionDenied("notifications belong to users");
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(n, repos.notifications().UnreadCount(actor.user_id));
    return Status::Ok();
  }));
  return n;
}

Result<int64_t> CaseService::MarkRead(const Actor& actor, const std::vector<int64_t>& ids) {
  if (actor.user_id == 0) return PermissionDenied("notifications belong to users");
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(n, repos.notifications().MarkRead(actor.user_id, ids, clock_.NowMs()));
    return Status::Ok();
  }));
  return n;
}

}  // namespace lz::services
