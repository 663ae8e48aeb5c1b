// PolicyService: policies with their measures, the library's search, matching enterprises and
// measures, and the policy funds paid out (grants).
#include "services/policy_service.h"

#include <algorithm>

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/casework/meeting.h"
#include "domain/chain/credit_code.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

std::string Str(int64_t v) { return std::to_string(v); }

constexpr int kFigureRows = 20;
constexpr int kAllPolicies = 100'000;

Result<chain::Enterprise> EnterpriseByCode(storage::Repositories& repos, const std::string& credit_code) {
  const std::string code = chain::NormaliseCreditCode(credit_code);
  if (code.empty()) return InvalidArgument("the enterprise's credit code is required", "credit_code");
  ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(code));
  if (!firm) return InvalidArgument("no enterprise is registered with credit code " + code, "credit_code");
  return std::move(*firm);
}

}  // namespace

// ---- Helpers. -------------------------------------------------------------------------------------

Status PolicyService::Check(storage::Repositories& repos, policy::Policy& p) {
  // Look up what the document refers to, then let the domain rule name the first unknown one.
  const policy::Referenced refs = policy::ReferencesOf(p);
  policy::KnownRefs known;
  for (int64_t id : refs.chain_ids) {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(id));
    if (c) known.chain_ids.insert(id);
  }
  for (int64_t id : refs.segment_ids) {
    ASSIGN_OR_RETURN(auto s, repos.chains().GetSegment(id));
    if (s) known.segment_chain.emplace(id, s->chain_id);
  }
  for (const auto& code : refs.region_codes) {
    ASSIGN_OR_RETURN(auto r, repos.regions().Get(code));
    if (r) known.region_codes.insert(code);
  }
  RETURN_IF_ERROR(policy::NormalisePolicy(p, known));
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(p.issuer_unit_id));
  if (!unit) return InvalidArgument("unit " + Str(p.issuer_unit_id) + " does not exist", "issuer_unit_id");
  return Status::Ok();
}

Result<policy::EnterpriseFacts> PolicyService::FactsOf(storage::Repositories& repos, const chain::Enterprise& e) {
  policy::EnterpriseFacts f;
  f.size = e.size;
  f.region_code = e.region_code;
  f.local = e.local;
  f.revenue_yuan = e.revenue;
  f.employees = e.employees;
  ASSIGN_OR_RETURN(auto memberships, repos.enterprises().Memberships(e.id, 0));
  for (const auto& m : memberships) {
    f.segment_ids.insert(m.segment_id);
    f.chain_ids.insert(m.chain_id);
  }
  return f;
}

// ---- Policies. ------------------------------------------------------------------------------------

Result<std::string> PolicyService::KeepAttachments(storage::Repositories& repos, const Actor& actor,
                                                   int64_t policy_id, const std::vector<int64_t>& ids) {
  std::vector<int64_t> listed = ids;
  std::sort(listed.begin(), listed.end());
  listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  if (listed.size() > kMaxPolicyAttachments) {
    return InvalidArgument("a policy carries at most " + std::to_string(kMaxPolicyAttachments) + " files",
                           "attachment_ids");
  }
  ASSIGN_OR_RETURN(auto stored, repos.attachments().ForPolicy(policy_id));
  std::vector<int64_t> dropped;
  for (const auto& a : stored) {
    auto at = std::lower_bound(listed.begin(), listed.end(), a.id);
    if (at != listed.end() && *at == a.id) {
      listed.erase(at);  // kept
    } else {
      dropped.push_back(a.id);
    }
  }
  // What is left must be the actor's staged uploads.
  RETURN_IF_ERROR(repos.attachments().AttachToPolicy(listed, actor.user_id, policy_id));
  RETURN_IF_ERROR(repos.attachments().Delete(dropped).status());
  if (listed.empty() && dropped.empty()) return std::string();
  return "；附件 +" + Str(static_cast<int64_t>(listed.size())) + " −" + Str(static_cast<int64_t>(dropped.size()));
}

Result<PolicyDetail> PolicyService::Create(const Actor& actor, policy::Policy input,
                                           std::vector<int64_t> attachment_ids) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyWrite, "policy.create", "policy"));
  policy::Policy p = std::move(input);
  p.id = 0;
  for (auto& m : p.measures) m.id = 0;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(Check(repos, p));
    p.created_by = actor.user_id;
    p.created_at = p.updated_at = clock_.NowMs();
    ASSIGN_OR_RETURN(p.id, repos.policies().Insert(p));
    ASSIGN_OR_RETURN(std::string files, KeepAttachments(repos, actor, p.id, attachment_ids));
    return audit_.Record(repos, actor, "policy.create", "policy", Str(p.id),
                         p.doc_number + " " + p.title + "（措施 " + Str(static_cast<int64_t>(p.measures.size())) +
                             " 条" + files + "）");
  });
  RETURN_IF_ERROR(st);
  return Get(actor, p.id);
}

Result<PolicyDetail> PolicyService::Update(const Actor& actor, int64_t id, policy::Policy input,
                                           std::optional<std::vector<int64_t>> attachment_ids) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyWrite, "policy.update", "policy", Str(id)));
  policy::Policy p = std::move(input);
  p.id = id;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto stored, repos.policies().Get(id));
    if (!stored) return NotFound("policy " + Str(id) + " not found");
    for (size_t i = 0; i < p.measures.size(); ++i) {
      const int64_t mid = p.measures[i].id;
      if (mid == 0) continue;
      bool ours = false;
      for (const auto& m : stored->measures) ours = ours || m.id == mid;
      if (!ours) {
        return InvalidArgument("measure " + Str(mid) + " is not a measure of this policy",
                               "measures[" + std::to_string(i) + "].id");
      }
    }
    for (const auto& m : stored->measures) {
      bool kept = false;
      for (const auto& n : p.measures) kept = kept || n.id == m.id;
      if (kept) continue;
      ASSIGN_OR_RETURN(int64_t grants, repos.policies().CountGrants(id, m.id));
      if (grants > 0) {
        return FailedPrecondition("measure " + m.title + " cannot be removed: funds were paid under it", "measures");
      }
    }
    RETURN_IF_ERROR(Check(repos, p));
    p.created_by = stored->created_by;
    p.created_at = stored->created_at;
    p.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(repos.policies().Update(p));
    std::string files;
    if (attachment_ids) {
      ASSIGN_OR_RETURN(files, KeepAttachments(repos, actor, id, *attachment_ids));
    }
    return audit_.Record(repos, actor, "policy.update", "policy", Str(id), p.doc_number + " " + p.title + files);
  });
  RETURN_IF_ERROR(st);
  return Get(actor, id);
}

Status PolicyService::Delete(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyWrite, "policy.delete", "policy", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto stored, repos.policies().Get(id));
    if (!stored) return NotFound("policy " + Str(id) + " not found");
    ASSIGN_OR_RETURN(int64_t grants, repos.policies().CountGrants(id, std::nullopt));
    if (grants > 0) return FailedPrecondition("funds were paid under this policy; it cannot be deleted");
    ASSIGN_OR_RETURN(auto files, repos.attachments().ForPolicy(id));
    std::vector<int64_t> file_ids;
    for (const auto& a : files) file_ids.push_back(a.id);
    RETURN_IF_ERROR(repos.attachments().Delete(file_ids).status());
    RETURN_IF_ERROR(repos.policies().Delete(id));
    return audit_.Record(repos, actor, "policy.delete", "policy", Str(id), stored->doc_number + " " + stored->title);
  });
}

Result<PolicyDetail> PolicyService::Get(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.read", "policy", Str(id)));
  std::optional<policy::Policy> p;
  PolicyDetail out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(p, repos.policies().Get(id));
    if (p) {
      ASSIGN_OR_RETURN(out.attachments, repos.attachments().ForPolicy(id));
    }
    return Status::Ok();
  }));
  if (!p) return NotFound("policy " + Str(id) + " not found");
  out.policy = std::move(*p);
  return out;
}

Result<storage::PageOf<storage::PolicyRow>> PolicyService::List(const Actor& actor, storage::PolicyQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.list", "policy"));
  query.page = query.page.Clamped();
  query.q = text::Trim(query.q);
  if (!query.q.empty() && search_ != nullptr) {
    auto hits = search_->SearchAll(query.q);
    if (hits.ok()) {
      query.ids = std::move(*hits);
      query.q.clear();
    } else if (hits.status().code() != StatusCode::kInvalidArgument || text::Utf8Length(query.q) > 1) {
      return hits.status();
    }
    // A single character ("3", "号") is not a word for the index: looked for in SQL instead.
  }
  storage::PageOf<storage::PolicyRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.policies().List(query));
    return Status::Ok();
  }));
  return out;
}

// ---- 惠企政策匹配. ---------------------------------------------------------------------------------

Result<MeasureEnterprises> PolicyService::MatchingEnterprises(const Actor& actor, int64_t measure_id,
                                                             storage::PageRequest page) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.match", "measure", Str(measure_id)));
  MeasureEnterprises out;
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto m, repos.policies().GetMeasure(measure_id));
    if (!m) return Status::Ok();
    found = true;
    out.measure = std::move(*m);
    ASSIGN_OR_RETURN(auto p, repos.policies().Get(out.measure.policy_id));
    if (p) out.policy_title = p->title;
    ASSIGN_OR_RETURN(out.enterprises, repos.policies().MatchingEnterprises(out.measure.conditions, page.Clamped()));
    return Status::Ok();
  }));
  if (!found) return NotFound("measure " + Str(measure_id) + " not found");
  return out;
}

Result<EnterpriseMeasures> PolicyService::MeasuresFor(const Actor& actor, const std::string& credit_code, bool all) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.match", "enterprise", credit_code));
  EnterpriseMeasures out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out.enterprise, EnterpriseByCode(repos, credit_code));
    ASSIGN_OR_RETURN(auto facts, FactsOf(repos, out.enterprise));
    ASSIGN_OR_RETURN(auto measures, repos.policies().AllMeasures());
    for (auto& row : measures) {
      policy::MatchResult match = policy::Match(row.measure.conditions, facts);
      if (match.applies || all) out.measures.push_back(MeasureMatch{std::move(row), std::move(match)});
    }
    return Status::Ok();
  }));
  return out;
}

// ---- Grants. --------------------------------------------------------------------------------------

Result<policy::Grant> PolicyService::RecordGrant(const Actor& actor, NewGrant input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyGrant, "policy.grant", "measure", Str(input.measure_id)));
  policy::Grant g;
  g.measure_id = input.measure_id;
  g.amount_yuan = input.amount_yuan;
  g.paid_on = std::move(input.paid_on);
  g.paid_by_unit_id = input.paid_by_unit_id != 0 ? input.paid_by_unit_id : actor.unit_id;
  g.override_reason = input.override_match ? std::move(input.override_reason) : std::string();
  g.note = std::move(input.note);
  g.created_by = actor.user_id;
  const TimeMs now = clock_.NowMs();
  g.created_at = now;
  RETURN_IF_ERROR(policy::NormaliseGrant(g, casework::MeetingDateOf(now)));
  if (input.override_match && g.override_reason.empty()) {
    return InvalidArgument("a reason is required to pay where the measure does not apply", "override_reason");
  }
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto m, repos.policies().GetMeasure(g.measure_id));
    if (!m) return InvalidArgument("measure " + Str(g.measure_id) + " does not exist", "measure_id");
    g.policy_id = m->policy_id;
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, input.credit_code));
    g.enterprise_id = firm.id;
    if (g.paid_by_unit_id == 0) return InvalidArgument("the paying unit is required", "paid_by_unit_id");
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(g.paid_by_unit_id));
    if (!unit) return InvalidArgument("unit " + Str(g.paid_by_unit_id) + " does not exist", "paid_by_unit_id");
    ASSIGN_OR_RETURN(auto facts, FactsOf(repos, firm));
    const policy::MatchResult match = policy::Match(m->conditions, facts);
    if (!match.applies && !input.override_match) {
      return FailedPrecondition("measure " + m->title + " does not apply to " + firm.name + "（" + match.reason +
                                    "）; pay anyway only with an override and a reason",
                                "credit_code");
    }
    if (match.applies) g.override_reason.clear();
    // The enterprise's and the policy's sums stay inside int64 (the figures add them up).
    ASSIGN_OR_RETURN(auto sums, repos.policies().SumsByPolicy(firm.id, kAllPolicies));
    int64_t firm_total = 0;
    for (const auto& s : sums) {
      ASSIGN_OR_RETURN(firm_total, policy::AddYuan(firm_total, s.total_yuan, "amount_yuan"));
    }
    RETURN_IF_ERROR(policy::AddYuan(firm_total, g.amount_yuan, "amount_yuan").status());
    ASSIGN_OR_RETURN(g.id, repos.policies().InsertGrant(g));
    g.enterprise_name = firm.name;
    g.credit_code = firm.credit_code;
    g.measure_title = m->title;
    g.paid_by_unit_name = unit->name;
    return audit_.Record(repos, actor, "policy.grant", "measure", Str(m->id),
                         firm.name + "：" + m->title + " " + Str(g.amount_yuan) + " 元" +
                             (g.override_reason.empty() ? "" : "（不符合条件，原因：" + g.override_reason + "）"));
  });
  RETURN_IF_ERROR(st);
  return g;
}

Result<storage::PageOf<policy::Grant>> PolicyService::Grants(const Actor& actor, storage::GrantQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.grants", "policy"));
  query.page = query.page.Clamped();
  storage::PageOf<policy::Grant> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.policies().ListGrants(query));
    return Status::Ok();
  }));
  return out;
}

Result<GrantFigures> PolicyService::Figures(const Actor& actor, std::optional<int64_t> policy_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPolicyRead, "policy.figures", "policy"));
  GrantFigures out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto by_policy, repos.policies().SumsByPolicy(std::nullopt, kAllPolicies));
    for (const auto& s : by_policy) {
      if (policy_id && s.id != *policy_id) continue;
      out.grants += s.grants;
      ASSIGN_OR_RETURN(out.total_yuan, policy::AddYuan(out.total_yuan, s.total_yuan, "total_yuan"));
      if (out.by_policy.size() < static_cast<size_t>(kFigureRows)) out.by_policy.push_back(s);
    }
    ASSIGN_OR_RETURN(out.by_enterprise, repos.policies().SumsByEnterprise(policy_id, kFigureRows));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
