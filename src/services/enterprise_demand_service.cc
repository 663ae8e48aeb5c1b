// EnterpriseDemandService: an enterprise account's demands — the form, filing, its own list and
// pages, and the rating by the contact who filed it.
#include "services/enterprise_demand_service.h"

#include <algorithm>
#include <map>

#include "common/enum_names.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/chain/credit_code.h"
#include "domain/org/position.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
using casework::Case;
using casework::CaseState;

std::string Str(int64_t v) { return std::to_string(v); }

bool InStatus(CaseState s, DemandStatus status) {
  switch (status) {
    case DemandStatus::kAll: return true;
    case DemandStatus::kToRate: return s == CaseState::kReplied;
    case DemandStatus::kDone:
      return s == CaseState::kClosed || s == CaseState::kArchived || s == CaseState::kRejected ||
             s == CaseState::kMerged;
    case DemandStatus::kInProgress:
      return s != CaseState::kReplied && !InStatus(s, DemandStatus::kDone);
  }
  return false;
}

std::vector<CaseState> StatesOf(DemandStatus status) {
  std::vector<CaseState> out;
  if (status == DemandStatus::kAll) return out;
  for (int i = static_cast<int>(CaseState::kReceived); i <= static_cast<int>(CaseState::kMerged); ++i) {
    if (InStatus(static_cast<CaseState>(i), status)) out.push_back(static_cast<CaseState>(i));
  }
  return out;
}

using N = std::string_view;
constexpr auto kStatusNames =
    MakeEnumNames<DemandStatus>(std::pair{DemandStatus::kAll, N("all")}, std::pair{DemandStatus::kInProgress, N("in_progress")},
                                std::pair{DemandStatus::kToRate, N("to_rate")}, std::pair{DemandStatus::kDone, N("done")});

}  // namespace

bool IsEnterpriseCategory(std::string_view code) {
  return code.size() >= 2 && (code.substr(0, 2) == "05" || code.substr(0, 2) == "06");
}

std::optional<DemandStatus> ParseDemandStatus(std::string_view name) { return kStatusNames.Parse(name); }

Result<std::vector<DemandEnterprise>> EnterpriseDemandService::EnterprisesOf(storage::Repositories& repos,
                                                                             const Actor& actor) {
  std::vector<DemandEnterprise> out;
  if (actor.user_id == 0) return out;
  storage::PositionQuery q;
  q.user_id = actor.user_id;
  q.kind = org::PositionKind::kEnterpriseContact;  // (context_type filters need a context_ref)
  q.scope = auth::ScopeFilter::All();
  q.page = storage::PageRequest{1, storage::PageRequest::kMaxPageSize};
  ASSIGN_OR_RETURN(auto positions, repos.positions().List(q));
  for (const org::Position& p : positions.items) {
    if (p.context_type != org::ContextType::kEnterprise) continue;
    ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(p.context_ref));
    if (!firm) continue;  // the enterprise left the registry
    if (std::any_of(out.begin(), out.end(), [&](const DemandEnterprise& e) { return e.id == firm->id; })) continue;
    out.push_back(DemandEnterprise{firm->id, firm->credit_code, firm->name, firm->region_code});
  }
  return out;
}

Result<std::optional<Case>> EnterpriseDemandService::OwnDemand(storage::Repositories& repos,
                                                               const std::vector<DemandEnterprise>& mine,
                                                               int64_t case_id) {
  ASSIGN_OR_RETURN(auto c, repos.cases().Get(case_id));
  if (!c || c->facts.channel != kEnterpriseChannel || !c->facts.enterprise_id) return std::optional<Case>();
  const int64_t firm = *c->facts.enterprise_id;
  if (std::none_of(mine.begin(), mine.end(), [&](const DemandEnterprise& e) { return e.id == firm; })) {
    return std::optional<Case>();
  }
  return c;
}

Result<DemandSummary> EnterpriseDemandService::Summarise(storage::Repositories& repos, const Actor& actor, Case c,
                                                         const std::vector<DemandEnterprise>& mine) {
  DemandSummary s;
  for (const auto& e : mine) {
    if (c.facts.enterprise_id && e.id == *c.facts.enterprise_id) s.enterprise_name = e.name;
  }
  ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(c.facts.category_code));
  if (category) s.category_name = category->name;
  if (c.lead_unit_id) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(*c.lead_unit_id));
    if (unit) s.unit_name = unit->name;
  }
  s.can_rate = c.state == CaseState::kReplied && actor.user_id != 0 && c.facts.reporter_user_id == actor.user_id;
  s.c = std::move(c);
  return s;
}

Result<DemandForm> EnterpriseDemandService::Form(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDemand, "demand.form", "enterprise_demand"));
  DemandForm form;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(form.enterprises, EnterprisesOf(repos, actor));
    ASSIGN_OR_RETURN(auto all, repos.catalogue().Categories());
    for (auto& c : all) {
      if (c.active && IsEnterpriseCategory(c.code)) form.categories.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  if (form.enterprises.empty()) {
    return FailedPrecondition("this account speaks for no enterprise: an administrator gives it an "
                              "enterprise_contact position first");
  }
  return form;
}

Result<Case> EnterpriseDemandService::File(const Actor& actor, NewDemand input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDemand, "demand.file", "enterprise_demand"));
  std::vector<DemandEnterprise> mine;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(mine, EnterprisesOf(repos, actor));
    return Status::Ok();
  }));
  if (mine.empty()) {
    return FailedPrecondition("this account speaks for no enterprise: an administrator gives it an "
                              "enterprise_contact position first");
  }
  const std::string code = chain::NormaliseCreditCode(text::Trim(input.enterprise_credit_code));
  const DemandEnterprise* firm = nullptr;
  if (code.empty()) {
    if (mine.size() != 1) return InvalidArgument("choose the enterprise the demand is for", "enterprise_credit_code");
    firm = &mine.front();
  } else {
    for (const auto& e : mine) {
      if (e.credit_code == code) firm = &e;
    }
    if (!firm) return InvalidArgument("this account does not speak for enterprise " + code, "enterprise_credit_code");
  }
  const std::string category = text::Trim(input.category_code);
  if (!IsEnterpriseCategory(category)) {
    return InvalidArgument("choose one of the enterprise categories (企业服务, 营商环境)", "category_code");
  }
  if (text::Trim(input.title).empty()) return InvalidArgument("say in one line what the enterprise needs", "title");
  NewCaseInput in;
  casework::CaseFacts& f = in.facts;
  f.channel = std::string(kEnterpriseChannel);
  f.category_code = category;
  f.title = std::move(input.title);
  f.text = std::move(input.text);
  f.region_code = firm->region_code;
  f.address = std::move(input.address);
  f.reporter_name = text::Trim(input.contact_name).empty() ? actor.name : std::move(input.contact_name);
  f.reporter_phone = std::move(input.contact_phone);
  f.reporter_user_id = actor.user_id;
  f.subject_kind = casework::SubjectKind::kEnterprise;
  in.enterprise_credit_code = firm->credit_code;
  in.accept = false;  // the intake accepts and dispatches it
  auto created = cases_.Create(actor, std::move(in));
  // The case's reporter is the demand's contact: name the fields as this API calls them.
  if (!created.ok() && (created.status().field() == "reporter_phone" || created.status().field() == "reporter_name")) {
    const Status& st = created.status();
    return Status(st.code(), st.message(), st.field() == "reporter_phone" ? "contact_phone" : "contact_name");
  }
  return created;
}

Result<storage::PageOf<DemandSummary>> EnterpriseDemandService::List(const Actor& actor, const DemandQuery& query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDemand, "demand.list", "enterprise_demand"));
  const storage::PageRequest page = query.page.Clamped();
  storage::PageOf<DemandSummary> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto mine, EnterprisesOf(repos, actor));
    const std::string code = chain::NormaliseCreditCode(text::Trim(query.enterprise_credit_code));
    std::vector<Case> all;
    for (const auto& e : mine) {
      if (!code.empty() && e.credit_code != code) continue;
      storage::CaseQuery q;
      q.channel = std::string(kEnterpriseChannel);
      q.enterprise_id = e.id;
      q.states = StatesOf(query.status);
      q.scope = auth::ScopeFilter::All();  // the enterprise's own demands, whatever the account's scope
      RETURN_IF_ERROR(repos.cases().ForEach(q, [&](const Case& c) -> Status {
        all.push_back(c);
        return Status::Ok();
      }));
    }
    std::sort(all.begin(), all.end(), [](const Case& a, const Case& b) {
      return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
    });
    out.total = static_cast<int64_t>(all.size());
    for (int64_t i = page.Offset(); i < out.total && i < page.Offset() + page.page_size; ++i) {
      ASSIGN_OR_RETURN(auto s, Summarise(repos, actor, std::move(all[static_cast<size_t>(i)]), mine));
      out.items.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Result<DemandDetail> EnterpriseDemandService::Get(const Actor& actor, int64_t case_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDemand, "demand.read", "case", Str(case_id)));
  DemandDetail d;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto mine, EnterprisesOf(repos, actor));
    ASSIGN_OR_RETURN(auto c, OwnDemand(repos, mine, case_id));
    if (!c) {
      refusal.Set(Str(case_id));
      return NotFound("demand " + Str(case_id) + " not found");
    }
    d.filed_by_me = actor.user_id != 0 && c->facts.reporter_user_id == actor.user_id;
    ASSIGN_OR_RETURN(d.progress, PublicView(repos, *c));
    for (const auto& e : mine) {
      if (e.id == *c->facts.enterprise_id) d.enterprise_credit_code = e.credit_code;
    }
    ASSIGN_OR_RETURN(d.summary, Summarise(repos, actor, std::move(*c), mine));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "demand.read", "case", refusal, st));
  return d;
}

Result<Case> EnterpriseDemandService::Rate(const Actor& actor, int64_t case_id, int32_t rating, std::string note) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDemand, "demand.rate", "case", Str(case_id)));
  Refusal refusal;
  bool filed_by_me = false;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto mine, EnterprisesOf(repos, actor));
    ASSIGN_OR_RETURN(auto c, OwnDemand(repos, mine, case_id));
    if (!c) {
      refusal.Set(Str(case_id));
      return NotFound("demand " + Str(case_id) + " not found");
    }
    filed_by_me = actor.user_id != 0 && c->facts.reporter_user_id == actor.user_id;
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "demand.rate", "case", refusal, st));
  if (!filed_by_me) {
    return audit_.Deny(actor, "demand.rate", "case", Str(case_id),
                       PermissionDenied("only the contact who filed the demand rates it"));
  }
  casework::Command cmd;
  cmd.type = casework::EventType::kCallback;
  cmd.rating = rating;
  cmd.note = text::Trim(note);
  return cases_.Act(actor, case_id, std::move(cmd));
}

}  // namespace lz::services
