// ChainService: chains, segments, segment links.
#include "services/chain_service.h"

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "services/still_named.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

chain::Chain ChainOf(const ChainInput& in) {
  chain::Chain c;
  c.name = in.name;
  c.description = in.description;
  c.region_code = in.region_code;
  c.lead_unit_id = in.lead_unit_id;
  c.responsible_unit_ids = in.responsible_unit_ids;
  c.target_revenue = in.target_revenue;
  c.target_year = in.target_year;
  c.example = in.example;
  return c;
}

void Apply(const SegmentInput& in, chain::Segment& s) {
  s.name = in.name;
  s.stage = in.stage;
  s.parent_id = in.parent_id;
  s.industry_code = in.industry_code;
  s.description = in.description;
  s.sort_order = in.sort_order;
}

}  // namespace

Status ChainService::CheckChain(storage::Repositories& repos, chain::Chain& c) {
  RETURN_IF_ERROR(chain::NormaliseChainFields(c));
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(c.region_code));
  if (!region) return InvalidArgument("region " + c.region_code + " does not exist", "region_code");
  if (c.lead_unit_id) {
    ASSIGN_OR_RETURN(auto lead, repos.units().Get(*c.lead_unit_id));
    if (!lead) return InvalidArgument("lead unit " + std::to_string(*c.lead_unit_id) + " does not exist", "lead_unit_id");
  }
  std::sort(c.responsible_unit_ids.begin(), c.responsible_unit_ids.end());
  c.responsible_unit_ids.erase(std::unique(c.responsible_unit_ids.begin(), c.responsible_unit_ids.end()),
                               c.responsible_unit_ids.end());
  for (int64_t id : c.responsible_unit_ids) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(id));
    if (!unit) return InvalidArgument("responsible unit " + std::to_string(id) + " does not exist", "responsible_unit_ids");
  }
  ASSIGN_OR_RETURN(auto same_name, repos.chains().FindByName(c.name));
  if (same_name && *same_name != c.id) return AlreadyExists("a chain named " + c.name + " already exists", "name");
  return Status::Ok();
}

Result<chain::Segment> ChainService::SegmentOf(storage::Repositories& repos, int64_t chain_id, int64_t segment_id,
                                               const std::string& field) {
  ASSIGN_OR_RETURN(auto s, repos.chains().GetSegment(segment_id));
  if (s && s->chain_id == chain_id) return std::move(*s);
  std::string what = "segment " + std::to_string(segment_id) +
                     (s ? " belongs to another chain" : " does not exist");
  if (field.empty()) return NotFound(what);
  return InvalidArgument(what, field);
}

Status ChainService::CheckSegment(storage::Repositories& repos, chain::Segment& s) {
  RETURN_IF_ERROR(chain::NormaliseSegmentFields(s));
  if (s.parent_id) {
    ASSIGN_OR_RETURN(auto parent, SegmentOf(repos, s.chain_id, *s.parent_id, "parent_id"));
    // Walk up from the new parent: reaching the segment itself would close a cycle.
    int64_t up = parent.id;  // 0: reached a top-level segment
    for (int depth = 0; up != 0; ++depth) {
      if (up == s.id) return InvalidArgument("a segment cannot be placed below itself or its own sub-segments", "parent_id");
      if (depth > 64) return FailedPrecondition("the segment tree is deeper than 64 levels");
      ASSIGN_OR_RETURN(auto next, repos.chains().GetSegment(up));
      up = next && next->parent_id ? *next->parent_id : 0;
    }
  }
  ASSIGN_OR_RETURN(auto same_name, repos.chains().FindSegment(s.chain_id, s.name));
  if (same_name && *same_name != s.id) {
    return AlreadyExists("this chain already has a segment named " + s.name, "name");
  }
  return Status::Ok();
}

Result<storage::PageOf<chain::Chain>> ChainService::List(const Actor& actor, const storage::ChainQuery& query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "chain.list", "chain"));
  storage::ChainQuery q = query;
  q.q = text::Trim(q.q);
  q.page = q.page.Clamped();
  storage::PageOf<chain::Chain> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.chains().List(q));
    return Status::Ok();
  }));
  return page;
}

Result<ChainDetail> ChainService::Get(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "chain.get", "chain", std::to_string(id)));
  ChainDetail d;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(id));
    if (!c) return NotFound("chain " + std::to_string(id) + " not found");
    d.chain = std::move(*c);
    for (int64_t unit_id : d.chain.responsible_unit_ids) {
      ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
      if (unit) d.responsible_units.push_back({unit->id, unit->name});
    }
    ASSIGN_OR_RETURN(d.segments, repos.chains().Segments(id));
    ASSIGN_OR_RETURN(d.links, repos.chains().SegmentLinks(id));
    return Status::Ok();
  }));
  return d;
}

Result<chain::Chain> ChainService::Create(const Actor& actor, const ChainInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "chain.create", "chain"));
  chain::Chain c = ChainOf(input);
  c.created_by = actor.user_id;
  c.created_at = c.updated_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckChain(repos, c));
    ASSIGN_OR_RETURN(c.id, repos.chains().Insert(c));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "chain.create", "chain", std::to_string(c.id), c.name));
    ASSIGN_OR_RETURN(auto stored, repos.chains().Get(c.id));
    c = std::move(*stored);
    return Status::Ok();
  }));
  return c;
}

Result<chain::Chain> ChainService::Update(const Actor& actor, int64_t id, const ChainInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "chain.update", "chain", std::to_string(id)));
  chain::Chain c;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.chains().Get(id));
    if (!existing) return NotFound("chain " + std::to_string(id) + " not found");
    c = ChainOf(input);
    c.id = id;
    c.created_by = existing->created_by;
    c.created_at = existing->created_at;
    c.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(CheckChain(repos, c));
    RETURN_IF_ERROR(repos.chains().Update(c));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "chain.update", "chain", std::to_string(id), c.name));
    ASSIGN_OR_RETURN(auto stored, repos.chains().Get(id));
    c = std::move(*stored);
    return Status::Ok();
  }));
  return c;
}

Status ChainService::Delete(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "chain.delete", "chain", std::to_string(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.chains().Get(id));
    if (!existing) return NotFound("chain " + std::to_string(id) + " not found");
    storage::CaseQuery cases;
    cases.chain_id = id;
    cases.scope = auth::ScopeFilter::All();
    cases.page.page_size = 1;
    ASSIGN_OR_RETURN(auto used, repos.cases().List(cases));
    if (used.total > 0) return FailedPrecondition(std::to_string(used.total) + " cases belong to the chain");
    RETURN_IF_ERROR(StillNamed(repos.chains().Delete(id),
                               "investment projects, promotion events, work-plan tasks, support bodies or open "
                               "challenges name the chain; remove or move them first"));
    return audit_.Record(repos, actor, "chain.delete", "chain", std::to_string(id), existing->name);
  });
}

Result<chain::Segment> ChainService::CreateSegment(const Actor& actor, int64_t chain_id, const SegmentInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "segment.create", "chain", std::to_string(chain_id)));
  chain::Segment s;
  s.chain_id = chain_id;
  Apply(input, s);
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
    if (!c) return NotFound("chain " + std::to_string(chain_id) + " not found");
    RETURN_IF_ERROR(CheckSegment(repos, s));
    ASSIGN_OR_RETURN(s.id, repos.chains().InsertSegment(s));
    return audit_.Record(repos, actor, "segment.create", "segment", std::to_string(s.id), c->name + " / " + s.name);
  }));
  return s;
}

Result<chain::Segment> ChainService::UpdateSegment(const Actor& actor, int64_t chain_id, int64_t segment_id,
                                                   const SegmentInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "segment.update", "segment", std::to_string(segment_id)));
  chain::Segment s;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(s, SegmentOf(repos, chain_id, segment_id));
    Apply(input, s);
    RETURN_IF_ERROR(CheckSegment(repos, s));
    RETURN_IF_ERROR(repos.chains().UpdateSegment(s));
    return audit_.Record(repos, actor, "segment.update", "segment", std::to_string(s.id), s.name);
  }));
  return s;
}

Status ChainService::DeleteSegment(const Actor& actor, int64_t chain_id, int64_t segment_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "segment.delete", "segment", std::to_string(segment_id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto s, SegmentOf(repos, chain_id, segment_id));
    ASSIGN_OR_RETURN(int64_t children, repos.chains().CountChildSegments(segment_id));
    if (children > 0) {
      return FailedPrecondition("segment " + s.name + " has " + std::to_string(children) +
                                " sub-segments; delete or move them first");
    }
    RETURN_IF_ERROR(StillNamed(repos.chains().DeleteSegment(segment_id),
                               "investment projects or open challenges name segment " + s.name +
                                   "; remove or move them first"));
    return audit_.Record(repos, actor, "segment.delete", "segment", std::to_string(segment_id), s.name);
  });
}

Status ChainService::LinkSegments(const Actor& actor, int64_t chain_id, const chain::SegmentLink& link) {
  std::string ref = std::to_string(link.from_segment_id) + "->" + std::to_string(link.to_segment_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "segment.link", "chain", std::to_string(chain_id)));
  if (link.from_segment_id == link.to_segment_id) {
    return InvalidArgument("a segment cannot supply itself", "to_segment_id");
  }
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
    if (!c) return NotFound("chain " + std::to_string(chain_id) + " not found");
    RETURN_IF_ERROR(SegmentOf(repos, chain_id, link.from_segment_id, "from_segment_id").status());
    RETURN_IF_ERROR(SegmentOf(repos, chain_id, link.to_segment_id, "to_segment_id").status());
    RETURN_IF_ERROR(repos.chains().AddSegmentLink(chain_id, link));
    return audit_.Record(repos, actor, "segment.link", "chain", std::to_string(chain_id), ref);
  });
}

Status ChainService::UnlinkSegments(const Actor& actor, int64_t chain_id, const chain::SegmentLink& link) {
  std::string ref = std::to_string(link.from_segment_id) + "->" + std::to_string(link.to_segment_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "segment.unlink", "chain", std::to_string(chain_id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(SegmentOf(repos, chain_id, link.from_segment_id).status());
    RETURN_IF_ERROR(repos.chains().RemoveSegmentLink(chain_id, link));
    return audit_.Record(repos, actor, "segment.unlink", "chain", std::to_string(chain_id), ref);
  });
}

}  // namespace lz::services
