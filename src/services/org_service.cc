// OrgService: regions, units, positions.
#include "services/org_service.h"

#include <charconv>

#include "common/csv.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/chain/credit_code.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

storage::UnitQuery ToQuery(const Actor& actor, const UnitFilter& f) {
  storage::UnitQuery q;
  q.q = text::Trim(f.q);
  q.kind = f.kind;
  q.region_code = f.region_code;
  q.parent_id = f.parent_id;
  q.scope = actor.Filter();
  q.page = f.page.Clamped();
  return q;
}

}  // namespace

// --- regions ---

Result<std::vector<org::Region>> OrgService::RegionChildren(const Actor& actor, const std::string& parent_code) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRegionRead, "region.list", "region", parent_code));
  std::vector<org::Region> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    if (!parent_code.empty()) {
      ASSIGN_OR_RETURN(auto parent, repos.regions().Get(parent_code));
      if (!parent) return NotFound("region " + parent_code + " not found");
    }
    ASSIGN_OR_RETURN(out, repos.regions().Children(parent_code));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<org::Region>> OrgService::SearchRegions(const Actor& actor, const std::string& q) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRegionRead, "region.search", "region"));
  std::string needle = text::Trim(q);
  if (needle.empty()) return InvalidArgument("search text is required", "q");
  std::vector<org::Region> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.regions().Search(needle, 50));
    return Status::Ok();
  }));
  return out;
}

Result<RegionDetail> OrgService::GetRegion(const Actor& actor, const std::string& code) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRegionRead, "region.get", "region", code));
  RegionDetail detail;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto region, repos.regions().Get(code));
    if (!region) return NotFound("region " + code + " not found");
    detail.region = *region;
    std::string next = region->parent_code;
    detail.path.push_back(*region);
    while (!next.empty()) {
      ASSIGN_OR_RETURN(auto parent, repos.regions().Get(next));
      if (!parent) break;
      next = parent->parent_code;
      detail.path.insert(detail.path.begin(), std::move(*parent));
    }
    return Status::Ok();
  }));
  return detail;
}

Result<org::Region> OrgService::CreateRegion(const Actor& actor, const org::Region& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRegionWrite, "region.create", "region", input.code));
  org::Region region = input;
  region.name = text::Trim(region.name);
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto parent, repos.regions().Get(region.parent_code));
    if (!parent) return InvalidArgument("parent region " + region.parent_code + " does not exist", "parent_code");
    RETURN_IF_ERROR(org::ValidateNewRegion(region, *parent));
    region.level = *org::LevelOfCode(region.code);
    ASSIGN_OR_RETURN(auto existing, repos.regions().Get(region.code));
    if (existing) return AlreadyExists("region code " + region.code + " is already used by " + existing->name, "code");
    RETURN_IF_ERROR(repos.regions().Insert(region, "local"));
    return audit_.Record(repos, actor, "region.create", "region", region.code, region.name);
  }));
  return region;
}

// --- units ---

Result<org::Unit> OrgService::LoadVisibleUnit(storage::Repositories& repos, const Actor& actor, int64_t id,
                                              Refusal& refusal, const std::string& field) {
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(id));
  auto not_found = [&] {
    Status st = NotFound("unit " + std::to_string(id) + " not found");
    return field.empty() ? st : InvalidArgument("unit " + std::to_string(id) + " does not exist", field);
  };
  if (!unit) return not_found();
  if (!actor.Filter().Allows(unit->id, unit->path, unit->created_by)) {
    refusal.Set(std::to_string(id));
    return not_found();
  }
  return std::move(*unit);
}

Status OrgService::CheckUnitInput(storage::Repositories& repos, const Actor& actor, org::Unit& unit,
                                  Refusal& refusal) {
  RETURN_IF_ERROR(org::NormaliseUnitFields(unit));
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(unit.region_code));
  if (!region) return InvalidArgument("region " + unit.region_code + " does not exist", "region_code");
  if (unit.parent_id) {
    ASSIGN_OR_RETURN(auto parent, LoadVisibleUnit(repos, actor, *unit.parent_id, refusal, "parent_id"));
    if (unit.id != 0 && parent.path.starts_with(unit.path)) {
      return InvalidArgument("a unit cannot be moved below itself", "parent_id");
    }
  } else if (actor.Filter().kind != auth::ScopeKind::kAll) {
    refusal.Set(unit.id ? std::to_string(unit.id) : std::string());
    return PermissionDenied("only users with scope 'all' may create or move units at the top level");
  }
  ASSIGN_OR_RETURN(bool taken, repos.units().NameTakenUnderParent(unit.name, unit.parent_id, unit.id));
  if (taken) return AlreadyExists("a unit named " + unit.name + " already exists under the same parent", "name");
  return Status::Ok();
}

Result<storage::PageOf<org::Unit>> OrgService::ListUnits(const Actor& actor, const UnitFilter& filter) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitRead, "unit.list", "unit"));
  storage::PageOf<org::Unit> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.units().List(ToQuery(actor, filter)));
    return Status::Ok();
  }));
  return page;
}

Result<org::Unit> OrgService::GetUnit(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitRead, "unit.get", "unit", std::to_string(id)));
  org::Unit unit;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(unit, LoadVisibleUnit(repos, actor, id, refusal));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "unit.get", "unit", refusal, st));
  return unit;
}

Result<org::Unit> OrgService::CreateUnit(const Actor& actor, const UnitInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitWrite, "unit.create", "unit"));
  org::Unit unit;
  unit.name = input.name;
  unit.kind = input.kind;
  unit.region_code = input.region_code;
  unit.parent_id = input.parent_id;
  unit.code = input.code;
  unit.created_by = actor.user_id;
  unit.created_at = unit.updated_at = clock_.NowMs();
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckUnitInput(repos, actor, unit, refusal));
    RETURN_IF_ERROR(repos.units().Insert(unit).status());
    RETURN_IF_ERROR(audit_.Record(repos, actor, "unit.create", "unit", std::to_string(unit.id), unit.name));
    ASSIGN_OR_RETURN(auto stored, repos.units().Get(unit.id));
    unit = std::move(*stored);
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "unit.create", "unit", refusal, st));
  return unit;
}

Result<org::Unit> OrgService::UpdateUnit(const Actor& actor, int64_t id, const UnitInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitWrite, "unit.update", "unit", std::to_string(id)));
  org::Unit unit;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(unit, LoadVisibleUnit(repos, actor, id, refusal));
    std::string old_path = unit.path;
    unit.name = input.name;
    unit.kind = input.kind;
    unit.region_code = input.region_code;
    unit.code = input.code;
    bool parent_changed = unit.parent_id != input.parent_id;
    unit.parent_id = input.parent_id;
    RETURN_IF_ERROR(CheckUnitInput(repos, actor, unit, refusal));
    if (parent_changed) {
      std::string parent_path;
      if (unit.parent_id) {
        ASSIGN_OR_RETURN(auto parent, repos.units().Get(*unit.parent_id));
        parent_path = parent->path;
      }
      unit.path = org::UnitPath(parent_path, unit.id);
    }
    unit.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(repos.units().Update(unit, old_path));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "unit.update", "unit", std::to_string(id), unit.name));
    ASSIGN_OR_RETURN(auto stored, repos.units().Get(id));
    unit = std::move(*stored);
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "unit.update", "unit", refusal, st));
  return unit;
}

Status OrgService::DeleteUnit(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitWrite, "unit.delete", "unit", std::to_string(id)));
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto unit, LoadVisibleUnit(repos, actor, id, refusal));
    ASSIGN_OR_RETURN(int64_t children, repos.units().CountChildren(id));
    if (children > 0) return FailedPrecondition("the unit still has " + std::to_string(children) + " sub-units");
    ASSIGN_OR_RETURN(int64_t users, repos.users().CountInUnit(id));
    if (users > 0) return FailedPrecondition("the unit still has " + std::to_string(users) + " users");
    ASSIGN_OR_RETURN(int64_t positions, repos.positions().CountInContext(org::ContextType::kUnit, std::to_string(id)));
    if (positions > 0) {
      return FailedPrecondition("the unit is the context of " + std::to_string(positions) + " positions");
    }
    storage::CaseQuery cases;  // every case the unit took part in, and routing rules naming it
    cases.scope = auth::ScopeFilter{auth::ScopeKind::kUnits, {id}, {}, 0};
    cases.page.page_size = 1;
    ASSIGN_OR_RETURN(auto involved, repos.cases().List(cases));
    if (involved.total > 0) {
      return FailedPrecondition("the unit took part in " + std::to_string(involved.total) + " cases");
    }
    ASSIGN_OR_RETURN(auto routes, repos.catalogue().Routes({}));
    for (const auto& r : routes) {
      if (r.unit_id == id) return FailedPrecondition("routing rules send cases to the unit");
    }
    RETURN_IF_ERROR(repos.units().Delete(id));
    return audit_.Record(repos, actor, "unit.delete", "unit", std::to_string(id), unit.name);
  });
  return audit_.Finish(actor, "unit.delete", "unit", refusal, st);
}

Result<std::string> OrgService::ExportUnitsCsv(const Actor& actor, const UnitFilter& filter) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUnitRead, "unit.export", "unit"));
  std::string out(csv::kUtf8Bom);
  csv::AppendRow(out, {"id", "名称 name", "类型 kind", "区划代码 region_code", "区划 region", "上级单位 parent",
                       "代码 code", "创建时间 created_at"});
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) {
    return repos.units().ForEach(ToQuery(actor, filter), [&](const org::Unit& u) {
      csv::AppendRow(out, {std::to_string(u.id), u.name, std::string(org::UnitKindName(u.kind)), u.region_code,
                           u.region_name, u.parent_name, u.code.value_or(""), FormatIsoTime(u.created_at)});
      return Status::Ok();
    });
  }));
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) {
    return audit_.Record(repos, actor, "unit.export", "unit", "", "");
  }));
  return out;
}

// --- positions ---

Result<storage::PageOf<org::Position>> OrgService::ListPositions(const Actor& actor, const PositionFilter& filter) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPositionRead, "position.list", "position"));
  storage::PositionQuery q;
  q.user_id = filter.user_id;
  q.kind = filter.kind;
  q.scope = actor.Filter();
  q.page = filter.page.Clamped();
  storage::PageOf<org::Position> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.positions().List(q));
    return Status::Ok();
  }));
  return page;
}

Result<org::Position> OrgService::CreatePosition(const Actor& actor, const PositionInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPositionWrite, "position.create", "position"));
  org::Position p;
  p.user_id = input.user_id;
  p.kind = input.kind;
  p.context_type = input.context_type;
  p.context_ref = input.context_ref;
  p.context_name = input.context_name;
  p.created_by = actor.user_id;
  p.created_at = clock_.NowMs();
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(org::NormalisePositionFields(p));
    ASSIGN_OR_RETURN(auto holder, repos.users().Get(p.user_id));
    if (!holder) return InvalidArgument("user " + std::to_string(p.user_id) + " does not exist", "user_id");
    if (!actor.Filter().Allows(holder->unit_id, holder->unit_path, holder->id)) {
      refusal.Set(std::to_string(p.user_id));
      return InvalidArgument("user " + std::to_string(p.user_id) + " does not exist", "user_id");
    }
    if (p.context_type == org::ContextType::kUnit) {
      int64_t unit_id = 0;
      auto [end, ec] = std::from_chars(p.context_ref.data(), p.context_ref.data() + p.context_ref.size(), unit_id);
      if (ec != std::errc() || end != p.context_ref.data() + p.context_ref.size()) {
        return InvalidArgument("a unit context is referenced by the unit's id", "context_ref");
      }
      ASSIGN_OR_RETURN(auto unit, LoadVisibleUnit(repos, actor, unit_id, refusal, "context_ref"));
      p.context_name = unit.name;
    } else if (p.context_type == org::ContextType::kRegion) {
      ASSIGN_OR_RETURN(auto region, repos.regions().Get(p.context_ref));
      if (!region) return InvalidArgument("region " + p.context_ref + " does not exist", "context_ref");
      p.context_name = region->name;
    } else if (p.context_type == org::ContextType::kChain) {
      int64_t chain_id = 0;
      auto [end, ec] = std::from_chars(p.context_ref.data(), p.context_ref.data() + p.context_ref.size(), chain_id);
      if (ec != std::errc() || end != p.context_ref.data() + p.context_ref.size()) {
        return InvalidArgument("a chain context is referenced by the chain's id", "context_ref");
      }
      ASSIGN_OR_RETURN(auto chain, repos.chains().Get(chain_id));
      if (!chain) return InvalidArgument("chain " + p.context_ref + " does not exist", "context_ref");
      p.context_name = chain->name;
    } else {
      // Enterprises are referenced by their unified social credit code.
      ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(chain::NormaliseCreditCode(p.context_ref)));
      if (!firm) return InvalidArgument("no enterprise is registered with credit code " + p.context_ref, "context_ref");
      p.context_ref = firm->credit_code;
      p.context_name = firm->name;
    }
    ASSIGN_OR_RETURN(p.id, repos.positions().Insert(p));
    p.user_name = holder->name;
    return audit_.Record(repos, actor, "position.create", "position", std::to_string(p.id),
                         std::string(org::PositionKindName(p.kind)) + " " + p.context_name);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "position.create", "position", refusal, st));
  return p;
}

Status OrgService::DeletePosition(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kPositionWrite, "position.delete", "position", std::to_string(id)));
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto p, repos.positions().Get(id));
    if (!p) return NotFound("position " + std::to_string(id) + " not found");
    ASSIGN_OR_RETURN(auto holder, repos.users().Get(p->user_id));
    if (holder && !actor.Filter().Allows(holder->unit_id, holder->unit_path, holder->id)) {
      refusal.Set(std::to_string(id));
      return NotFound("position " + std::to_string(id) + " not found");
    }
    RETURN_IF_ERROR(repos.positions().Delete(id));
    return audit_.Record(repos, actor, "position.delete", "position", std::to_string(id), p->context_name);
  });
  return audit_.Finish(actor, "position.delete", "position", refusal, st);
}

}  // namespace lz::services
