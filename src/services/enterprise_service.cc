// EnterpriseService: registry, memberships, supply links.
#include "services/enterprise_service.h"

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "services/still_named.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

chain::Enterprise EnterpriseOf(const EnterpriseInput& in) {
  chain::Enterprise e;
  e.credit_code = in.credit_code;
  e.name = in.name;
  e.region_code = in.region_code;
  e.local = in.local;
  e.size = in.size;
  e.revenue = in.revenue;
  e.employees = in.employees;
  e.founded = in.founded;
  return e;
}

Result<chain::Enterprise> MustGet(storage::Repositories& repos, int64_t id, const std::string& field = {}) {
  ASSIGN_OR_RETURN(auto e, repos.enterprises().Get(id));
  if (e) return std::move(*e);
  std::string what = "enterprise " + std::to_string(id) + " does not exist";
  return field.empty() ? NotFound(what) : InvalidArgument(what, field);
}

}  // namespace

Status EnterpriseService::Check(storage::Repositories& repos, chain::Enterprise& e,
                                std::vector<chain::Enterprise>& similar) const {
  RETURN_IF_ERROR(chain::NormaliseEnterpriseFields(e));
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(e.region_code));
  if (!region) return InvalidArgument("region " + e.region_code + " does not exist", "region_code");
  ASSIGN_OR_RETURN(auto same_code, repos.enterprises().GetByCreditCode(e.credit_code));
  if (same_code && same_code->id != e.id) {
    return AlreadyExists("credit code " + e.credit_code + " is already registered to " + same_code->name,
                         "credit_code");
  }
  ASSIGN_OR_RETURN(similar, repos.enterprises().FindByNameKey(e.name_key, e.id));
  return Status::Ok();
}

Status EnterpriseService::CheckNew(storage::Repositories& repos, chain::Enterprise& e,
                                   std::vector<chain::Enterprise>& similar) const {
  e.id = 0;
  return Check(repos, e, similar);
}

Result<storage::PageOf<chain::Enterprise>> EnterpriseService::List(const Actor& actor,
                                                                   const storage::EnterpriseQuery& query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseRead, "enterprise.list", "enterprise"));
  storage::EnterpriseQuery q = query;
  q.q = text::Trim(q.q);
  q.page = q.page.Clamped();
  storage::PageOf<chain::Enterprise> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.enterprises().List(q));
    return Status::Ok();
  }));
  return page;
}

Status EnterpriseService::ForEach(const Actor& actor, const storage::EnterpriseQuery& query,
                                  const std::function<Status(const chain::Enterprise&)>& sink) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseRead, "enterprise.export", "enterprise"));
  storage::EnterpriseQuery q = query;
  q.q = text::Trim(q.q);
  return store_.Read([&](storage::Repositories& repos) { return repos.enterprises().ForEach(q, sink); });
}

Result<EnterpriseProfile> EnterpriseService::Get(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseRead, "enterprise.get", "enterprise", std::to_string(id)));
  EnterpriseProfile p;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(p.enterprise, MustGet(repos, id));
    ASSIGN_OR_RETURN(p.memberships, repos.enterprises().Memberships(id, 0));
    RETURN_IF_ERROR(repos.enterprises().ForEachLink(id, false, [&](const chain::SupplyLink& l) {
      p.suppliers.push_back(l);
      return Status::Ok();
    }));
    RETURN_IF_ERROR(repos.enterprises().ForEachLink(id, true, [&](const chain::SupplyLink& l) {
      p.buyers.push_back(l);
      return Status::Ok();
    }));
    ASSIGN_OR_RETURN(p.similar, repos.enterprises().FindByNameKey(p.enterprise.name_key, id));
    return Status::Ok();
  }));
  return p;
}

Result<EnterpriseSaved> EnterpriseService::Create(const Actor& actor, const EnterpriseInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.create", "enterprise"));
  EnterpriseSaved saved;
  saved.enterprise = EnterpriseOf(input);
  chain::Enterprise& e = saved.enterprise;
  e.created_by = actor.user_id;
  e.created_at = e.updated_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckNew(repos, e, saved.similar));
    ASSIGN_OR_RETURN(e.id, repos.enterprises().Insert(e));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "enterprise.create", "enterprise", std::to_string(e.id),
                                  e.credit_code + " " + e.name));
    ASSIGN_OR_RETURN(e, MustGet(repos, e.id));
    return Status::Ok();
  }));
  return saved;
}

Result<EnterpriseSaved> EnterpriseService::Update(const Actor& actor, int64_t id, const EnterpriseInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.update", "enterprise", std::to_string(id)));
  EnterpriseSaved saved;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, MustGet(repos, id));
    chain::Enterprise& e = saved.enterprise;
    e = EnterpriseOf(input);
    e.id = id;
    e.created_by = existing.created_by;
    e.created_at = existing.created_at;
    e.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(Check(repos, e, saved.similar));
    RETURN_IF_ERROR(repos.enterprises().Update(e));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "enterprise.update", "enterprise", std::to_string(id),
                                  e.credit_code + " " + e.name));
    ASSIGN_OR_RETURN(e, MustGet(repos, id));
    return Status::Ok();
  }));
  return saved;
}

Status EnterpriseService::Delete(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.delete", "enterprise", std::to_string(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto e, MustGet(repos, id));
    storage::CaseQuery cases;
    cases.enterprise_id = id;
    cases.scope = auth::ScopeFilter::All();
    cases.page.page_size = 1;
    ASSIGN_OR_RETURN(auto used, repos.cases().List(cases));
    if (used.total > 0) {
      return FailedPrecondition("the enterprise is the subject of " + std::to_string(used.total) + " cases");
    }
    RETURN_IF_ERROR(StillNamed(repos.enterprises().Delete(id),
                               "investment projects, policy grants, visits or open challenges name the enterprise; "
                               "remove them first"));
    return audit_.Record(repos, actor, "enterprise.delete", "enterprise", std::to_string(id),
                         e.credit_code + " " + e.name);
  });
}

Status EnterpriseService::SetMembership(const Actor& actor, int64_t enterprise_id, int64_t segment_id,
                                        chain::MemberRole role) {
  std::string ref = std::to_string(enterprise_id) + "@" + std::to_string(segment_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "membership.set", "enterprise", ref));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto e, MustGet(repos, enterprise_id));
    ASSIGN_OR_RETURN(auto segment, repos.chains().GetSegment(segment_id));
    if (!segment) return InvalidArgument("segment " + std::to_string(segment_id) + " does not exist", "segment_id");
    chain::Membership m;
    m.enterprise_id = enterprise_id;
    m.segment_id = segment_id;
    m.role = role;
    RETURN_IF_ERROR(repos.enterprises().PutMembership(m));
    return audit_.Record(repos, actor, "membership.set", "enterprise", ref,
                         e.name + " → " + segment->name + " (" + std::string(chain::MemberRoleName(role)) + ")");
  });
}

Status EnterpriseService::RemoveMembership(const Actor& actor, int64_t enterprise_id, int64_t segment_id) {
  std::string ref = std::to_string(enterprise_id) + "@" + std::to_string(segment_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "membership.remove", "enterprise", ref));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(repos.enterprises().RemoveMembership(enterprise_id, segment_id));
    return audit_.Record(repos, actor, "membership.remove", "enterprise", ref);
  });
}

Result<chain::SupplyLink> EnterpriseService::CreateLink(const Actor& actor, const SupplyLinkInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "link.create", "supply_link"));
  chain::SupplyLink link;
  link.supplier_id = input.supplier_id;
  link.buyer_id = input.buyer_id;
  link.volume = input.volume;
  link.note = input.note;
  RETURN_IF_ERROR(chain::NormaliseSupplyLinkFields(link));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto supplier, MustGet(repos, link.supplier_id, "supplier_id"));
    ASSIGN_OR_RETURN(auto buyer, MustGet(repos, link.buyer_id, "buyer_id"));
    ASSIGN_OR_RETURN(auto existing, repos.enterprises().FindLink(link.supplier_id, link.buyer_id));
    if (existing) {
      return AlreadyExists(supplier.name + " is already recorded as a supplier of " + buyer.name, "buyer_id");
    }
    ASSIGN_OR_RETURN(link.id, repos.enterprises().InsertLink(link));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "link.create", "supply_link", std::to_string(link.id),
                                  supplier.name + " → " + buyer.name));
    ASSIGN_OR_RETURN(auto stored, repos.enterprises().GetLink(link.id));
    link = std::move(*stored);
    return Status::Ok();
  }));
  return link;
}

Result<chain::SupplyLink> EnterpriseService::UpdateLink(const Actor& actor, int64_t id, int64_t volume,
                                                        const std::string& note) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "link.update", "supply_link", std::to_string(id)));
  chain::SupplyLink link;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.enterprises().GetLink(id));
    if (!existing) return NotFound("supply link " + std::to_string(id) + " not found");
    link = std::move(*existing);
    link.volume = volume;
    link.note = note;
    RETURN_IF_ERROR(chain::NormaliseSupplyLinkFields(link));
    RETURN_IF_ERROR(repos.enterprises().UpdateLink(link));
    return audit_.Record(repos, actor, "link.update", "supply_link", std::to_string(id),
                         link.supplier_name + " → " + link.buyer_name);
  }));
  return link;
}

Status EnterpriseService::DeleteLink(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "link.delete", "supply_link", std::to_string(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.enterprises().GetLink(id));
    if (!existing) return NotFound("supply link " + std::to_string(id) + " not found");
    RETURN_IF_ERROR(repos.enterprises().DeleteLink(id));
    return audit_.Record(repos, actor, "link.delete", "supply_link", std::to_string(id),
                         existing->supplier_name + " → " + existing->buyer_name);
  });
}

}  // namespace lz::services
