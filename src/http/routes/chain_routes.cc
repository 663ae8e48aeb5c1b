// Routes: /api/chains (with segments and segment links), /api/enterprises (with memberships),
// /api/supply-links, and the enterprise sheets (template, export, import as a background job).
// Bodies and queries are validated against openapi.json before they get here.
#include "http/routes/job_views.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"

namespace lz::http {
namespace {

using nlohmann::json;

json ChainView(const chain::Chain& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"description", c.description},
          {"region_code", c.region_code},
          {"region_name", c.region_name},
          {"lead_unit_id", c.lead_unit_id ? json(*c.lead_unit_id) : json(nullptr)},
          {"lead_unit_name", c.lead_unit_id ? json(c.lead_unit_name) : json(nullptr)},
          {"responsible_unit_ids", c.responsible_unit_ids},
          {"target_revenue", c.target_revenue},
          {"target_year", c.target_year},
          {"example", c.example},
          {"segment_count", c.segment_count},
          {"created_at", views::Time(c.created_at)},
          {"updated_at", views::Time(c.updated_at)}};
}

json SegmentView(const chain::Segment& s) {
  return {{"id", s.id},
          {"chain_id", s.chain_id},
          {"name", s.name},
          {"stage", std::string(chain::StageName(s.stage))},
          {"parent_id", s.parent_id ? json(*s.parent_id) : json(nullptr)},
          {"industry_code", s.industry_code},
          {"description", s.description},
          {"sort_order", s.sort_order}};
}

json EnterpriseView(const chain::Enterprise& e) {
  return {{"id", e.id},
          {"credit_code", e.credit_code},
          {"name", e.name},
          {"region_code", e.region_code},
          {"region_name", e.region_name},
          {"local", e.local},
          {"size", std::string(chain::SizeClassName(e.size))},
          {"revenue", e.revenue},
          {"employees", e.employees},
          {"founded", e.founded.empty() ? json(nullptr) : json(e.founded)},
          {"created_at", views::Time(e.created_at)},
          {"updated_at", views::Time(e.updated_at)}};
}

json LinkView(const chain::SupplyLink& l) {
  return {{"id", l.id},           {"supplier_id", l.supplier_id}, {"supplier_name", l.supplier_name},
          {"buyer_id", l.buyer_id}, {"buyer_name", l.buyer_name},   {"volume", l.volume},
          {"note", l.note}};
}

json MembershipView(const chain::Membership& m) {
  return {{"enterprise_id", m.enterprise_id}, {"enterprise_name", m.enterprise_name},
          {"segment_id", m.segment_id},       {"segment_name", m.segment_name},
          {"chain_id", m.chain_id},           {"role", std::string(chain::MemberRoleName(m.role))}};
}

json SavedView(const services::EnterpriseSaved& s) {
  json j = EnterpriseView(s.enterprise);
  j["similar"] = views::Array(s.similar, EnterpriseView);
  return j;
}

services::ChainInput ChainInputOf(const json& b) {
  services::ChainInput in;
  in.name = b.at("name").get<std::string>();
  in.description = views::OptString(b, "description").value_or("");
  in.region_code = b.at("region_code").get<std::string>();
  in.lead_unit_id = views::OptInt(b, "lead_unit_id");
  if (auto it = b.find("responsible_unit_ids"); it != b.end()) in.responsible_unit_ids = it->get<std::vector<int64_t>>();
  in.target_revenue = views::OptInt(b, "target_revenue").value_or(0);
  in.target_year = static_cast<int>(views::OptInt(b, "target_year").value_or(0));
  in.example = b.value("example", false);
  return in;
}

services::SegmentInput SegmentInputOf(const json& b) {
  services::SegmentInput in;
  in.name = b.at("name").get<std::string>();
  in.stage = chain::ParseStage(b.at("stage").get<std::string>()).value_or(chain::Stage::kMidstream);
  in.parent_id = views::OptInt(b, "parent_id");
  in.industry_code = views::OptString(b, "industry_code").value_or("");
  in.description = views::OptString(b, "description").value_or("");
  in.sort_order = static_cast<int>(views::OptInt(b, "sort_order").value_or(0));
  return in;
}

services::EnterpriseInput EnterpriseInputOf(const json& b) {
  services::EnterpriseInput in;
  in.credit_code = b.at("credit_code").get<std::string>();
  in.name = b.at("name").get<std::string>();
  in.region_code = b.at("region_code").get<std::string>();
  in.local = b.at("local").get<bool>();
  in.size = chain::ParseSizeClass(b.at("size").get<std::string>()).value_or(chain::SizeClass::kSmall);
  in.revenue = views::OptInt(b, "revenue").value_or(0);
  in.employees = views::OptInt(b, "employees").value_or(0);
  in.founded = views::OptString(b, "founded").value_or("");
  return in;
}

storage::EnterpriseQuery EnterpriseQueryOf(const Request& r) {
  storage::EnterpriseQuery q;
  q.q = views::QueryText(r, "q");
  q.region_code = views::QueryText(r, "region_code");
  if (auto local = r.Query("local")) q.local = *local == "true";
  q.size = chain::ParseSizeClass(views::QueryText(r, "size"));
  q.segment_id = views::QueryOptInt(r, "segment_id");
  q.chain_id = views::QueryOptInt(r, "chain_id");
  q.page = views::QueryPage(r);
  return q;
}

json ReasonView(const engines::graph::Reason& r) {
  json j = {{"code", std::string(engines::graph::ReasonCodeName(r.code))}, {"points", r.points}};
  if (r.code == engines::graph::ReasonCode::kLinksWithLocal) {
    j["count"] = r.count;
    j["volume"] = r.volume;
  }
  if (r.code == engines::graph::ReasonCode::kSize) j["size"] = std::string(engines::graph::SizeClassName(r.size));
  return j;
}

// Both path ids of a /{id}/…/{segment_id} route.
Result<std::pair<int64_t, int64_t>> TwoIds(const Request& r) {
  ASSIGN_OR_RETURN(int64_t id, views::PathId(r));
  ASSIGN_OR_RETURN(int64_t segment_id, views::PathId(r, "segment_id"));
  return std::make_pair(id, segment_id);
}

}  // namespace

void RegisterChainRoutes(Router& router, services::Platform& platform) {
  auto& chains = platform.chains();
  auto& firms = platform.enterprises();
  auto& analysis = platform.analysis();
  auto& sheets = platform.sheets();
  auto& jobs = platform.jobs();

  router.Add({Method::kGet, "/api/enterprises/template", "enterpriseTemplate", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(sheets.EnterpriseTemplate(ctx.actor, views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/enterprises/export", "exportEnterprises", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(
                    sheets.ExportEnterprises(ctx.actor, EnterpriseQueryOf(ctx.request), views::SheetFormatOf(ctx.request)));
              }});
  // A background job (202, polled at /api/jobs/{id}); with ?wait=true the report itself (200).
  router.Add({Method::kPost, "/api/enterprises/import", "importEnterprises", Access::kAuthenticated,
              [&sheets, &jobs](RouteContext& ctx) {
                return views::JobStarted(jobs, ctx,
                                         sheets.StartEnterpriseImport(ctx.actor, std::move(ctx.request.body),
                                                                      views::ImportModeOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/chains/{id}/gaps/export", "exportChainGaps", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::SheetDownload(sheets.ExportGaps(ctx.actor, *id, views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/chains/{id}/segments/{segment_id}/targets/export", "exportTargets",
              Access::kAuthenticated, [&sheets](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                return views::SheetDownload(
                    sheets.ExportTargets(ctx.actor, ids->first, ids->second, views::SheetFormatOf(ctx.request)));
              }});

  router.Add({Method::kGet, "/api/chain-analysis", "analyseChains", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                return views::Answer(analysis.AnalyseAll(ctx.actor), [](const std::vector<services::ChainAnalysis>& all) {
                  return json{{"items", views::Array(all, views::ChainAnalysisSummary)}};
                });
              }});
  router.Add({Method::kGet, "/api/chains/{id}/analysis", "analyseChain", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(analysis.Analyse(ctx.actor, *id), views::ChainAnalysis);
              }});
  router.Add({Method::kGet, "/api/chains/{id}/segments/{segment_id}", "getSegment", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                return views::Answer(analysis.Segment(ctx.actor, ids->first, ids->second), [](const services::SegmentDetail& d) {
                  json j = views::NamedSegment(d.segment);
                  j["chain_id"] = d.chain_id;
                  j["strength"] = views::SegmentStrength(d.strength);
                  j["members"] = views::Array(d.members, [](const services::SegmentMemberView& m) {
                    json e = views::NamedEnterprise(m.enterprise);
                    e["role"] = std::string(chain::MemberRoleName(m.role));
                    return e;
                  });
                  j["supplied_by"] = views::Array(d.supplied_by, views::NamedSegment);
                  j["supplies_to"] = views::Array(d.supplies_to, views::NamedSegment);
                  return j;
                });
              }});
  router.Add({Method::kGet, "/api/chains/{id}/segments/{segment_id}/targets", "recommendTargets",
              Access::kAuthenticated, [&analysis](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                int limit = static_cast<int>(views::QueryInt(ctx.request, "limit", 20));
                return views::Answer(analysis.Targets(ctx.actor, ids->first, ids->second, limit),
                                     [](const std::vector<services::TargetView>& targets) {
                                       return json{{"items", views::Array(targets, [](const services::TargetView& t) {
                                                      json j = views::NamedEnterprise(t.enterprise);
                                                      j["score"] = t.score;
                                                      j["reasons"] = views::Array(t.reasons, ReasonView);
                                                      return j;
                                                    })}};
                                     });
              }});
  router.Add({Method::kGet, "/api/enterprises/{id}/exposure", "enterpriseExposure", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                namespace g = engines::graph;
                auto direction = views::QueryText(ctx.request, "direction") == "upstream" ? g::Direction::kUpstream
                                                                                          : g::Direction::kDownstream;
                auto reach = views::QueryText(ctx.request, "reach") == "all" ? g::Reach::kAll : g::Reach::kLocalOnly;
                int hops = static_cast<int>(views::QueryInt(ctx.request, "hops", 3));
                int64_t limit = views::QueryInt(ctx.request, "limit", 200);
                return views::Answer(analysis.Exposure(ctx.actor, *id, direction, hops, reach, limit),
                                     [](const services::ExposureView& e) {
                                       return json{{"start", views::NamedEnterprise(e.start)},
                                                   {"reached", e.counts.reached},
                                                   {"reached_local", e.counts.reached_local},
                                                   {"per_hop", e.counts.per_hop},
                                                   {"enterprises", views::Array(e.reached, [](const services::ReachedView& r) {
                                                      json j = views::NamedEnterprise(r.enterprise);
                                                      j["hops"] = r.hops;
                                                      return j;
                                                    })}};
                                     });
              }});

  router.Add({Method::kGet, "/api/chains", "listChains", Access::kAuthenticated, [&chains](RouteContext& ctx) {
                storage::ChainQuery q;
                q.q = views::QueryText(ctx.request, "q");
                q.region_code = views::QueryText(ctx.request, "region_code");
                q.page = views::QueryPage(ctx.request);
                return views::Answer(chains.List(ctx.actor, q), [&](const storage::PageOf<chain::Chain>& page) {
                  return views::Page(page, q.page, ChainView);
                });
              }});
  router.Add({Method::kPost, "/api/chains", "createChain", Access::kAuthenticated, [&chains](RouteContext& ctx) {
                return views::Answer(chains.Create(ctx.actor, ChainInputOf(ctx.body)), ChainView, 201);
              }});
  router.Add({Method::kGet, "/api/chains/{id}", "getChain", Access::kAuthenticated, [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(chains.Get(ctx.actor, *id), [](const services::ChainDetail& d) {
                  json j = ChainView(d.chain);
                  j["responsible_units"] = views::Array(d.responsible_units, [](const services::NamedUnit& u) {
                    return json{{"id", u.id}, {"name", u.name}};
                  });
                  j["segments"] = views::Array(d.segments, SegmentView);
                  j["links"] = views::Array(d.links, [](const chain::SegmentLink& l) {
                    return json{{"from_segment_id", l.from_segment_id}, {"to_segment_id", l.to_segment_id}};
                  });
                  return j;
                });
              }});
  router.Add({Method::kPut, "/api/chains/{id}", "updateChain", Access::kAuthenticated, [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(chains.Update(ctx.actor, *id, ChainInputOf(ctx.body)), ChainView);
              }});
  router.Add({Method::kDelete, "/api/chains/{id}", "deleteChain", Access::kAuthenticated, [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(chains.Delete(ctx.actor, *id));
              }});
  router.Add({Method::kPost, "/api/chains/{id}/segments", "createSegment", Access::kAuthenticated,
              [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(chains.CreateSegment(ctx.actor, *id, SegmentInputOf(ctx.body)), SegmentView, 201);
              }});
  router.Add({Method::kPut, "/api/chains/{id}/segments/{segment_id}", "updateSegment", Access::kAuthenticated,
              [&chains](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                return views::Answer(chains.UpdateSegment(ctx.actor, ids->first, ids->second, SegmentInputOf(ctx.body)),
                                     SegmentView);
              }});
  router.Add({Method::kDelete, "/api/chains/{id}/segments/{segment_id}", "deleteSegment", Access::kAuthenticated,
              [&chains](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                return views::Answer(chains.DeleteSegment(ctx.actor, ids->first, ids->second));
              }});
  router.Add({Method::kPost, "/api/chains/{id}/segment-links", "linkSegments", Access::kAuthenticated,
              [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                chain::SegmentLink link{ctx.body.at("from_segment_id").get<int64_t>(),
                                        ctx.body.at("to_segment_id").get<int64_t>()};
                return views::Answer(chains.LinkSegments(ctx.actor, *id, link));
              }});
  router.Add({Method::kDelete, "/api/chains/{id}/segment-links", "unlinkSegments", Access::kAuthenticated,
              [&chains](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                chain::SegmentLink link{views::QueryInt(ctx.request, "from_segment_id", 0),
                                        views::QueryInt(ctx.request, "to_segment_id", 0)};
                return views::Answer(chains.UnlinkSegments(ctx.actor, *id, link));
              }});

  router.Add({Method::kGet, "/api/enterprises", "listEnterprises", Access::kAuthenticated, [&firms](RouteContext& ctx) {
                auto q = EnterpriseQueryOf(ctx.request);
                return views::Answer(firms.List(ctx.actor, q), [&](const storage::PageOf<chain::Enterprise>& page) {
                  return views::Page(page, q.page, EnterpriseView);
                });
              }});
  router.Add({Method::kPost, "/api/enterprises", "createEnterprise", Access::kAuthenticated, [&firms](RouteContext& ctx) {
                return views::Answer(firms.Create(ctx.actor, EnterpriseInputOf(ctx.body)), SavedView, 201);
              }});
  router.Add({Method::kGet, "/api/enterprises/{id}", "getEnterprise", Access::kAuthenticated, [&firms](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(firms.Get(ctx.actor, *id), [](const services::EnterpriseProfile& p) {
                  json j = EnterpriseView(p.enterprise);
                  j["memberships"] = views::Array(p.memberships, MembershipView);
                  j["suppliers"] = views::Array(p.suppliers, LinkView);
                  j["buyers"] = views::Array(p.buyers, LinkView);
                  j["similar"] = views::Array(p.similar, EnterpriseView);
                  return j;
                });
              }});
  router.Add({Method::kPut, "/api/enterprises/{id}", "updateEnterprise", Access::kAuthenticated, [&firms](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(firms.Update(ctx.actor, *id, EnterpriseInputOf(ctx.body)), SavedView);
              }});
  router.Add({Method::kDelete, "/api/enterprises/{id}", "deleteEnterprise", Access::kAuthenticated,
              [&firms](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(firms.Delete(ctx.actor, *id));
              }});
  router.Add({Method::kPut, "/api/enterprises/{id}/memberships/{segment_id}", "setMembership", Access::kAuthenticated,
              [&firms](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                auto role = chain::ParseMemberRole(ctx.body.at("role").get<std::string>());
                if (!role) return Response::Error(InvalidArgument("unknown role", "role"));
                return views::Answer(firms.SetMembership(ctx.actor, ids->first, ids->second, *role));
              }});
  router.Add({Method::kDelete, "/api/enterprises/{id}/memberships/{segment_id}", "removeMembership",
              Access::kAuthenticated, [&firms](RouteContext& ctx) {
                auto ids = TwoIds(ctx.request);
                if (!ids.ok()) return Response::Error(ids.status());
                return views::Answer(firms.RemoveMembership(ctx.actor, ids->first, ids->second));
              }});
  router.Add({Method::kPost, "/api/supply-links", "createSupplyLink", Access::kAuthenticated, [&firms](RouteContext& ctx) {
                services::SupplyLinkInput in;
                in.supplier_id = ctx.body.at("supplier_id").get<int64_t>();
                in.buyer_id = ctx.body.at("buyer_id").get<int64_t>();
                in.volume = views::OptInt(ctx.body, "volume").value_or(0);
                in.note = views::OptString(ctx.body, "note").value_or("");
                return views::Answer(firms.CreateLink(ctx.actor, in), LinkView, 201);
              }});
  router.Add({Method::kPut, "/api/supply-links/{id}", "updateSupplyLink", Access::kAuthenticated,
              [&firms](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(firms.UpdateLink(ctx.actor, *id, ctx.body.at("volume").get<int64_t>(),
                                                      views::OptString(ctx.body, "note").value_or("")),
                                     LinkView);
              }});
  router.Add({Method::kDelete, "/api/supply-links/{id}", "deleteSupplyLink", Access::kAuthenticated,
              [&firms](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(firms.DeleteLink(ctx.actor, *id));
              }});
}

}  // namespace lz::http
