// Routes: /api/regions, /api/units, /api/positions.
#include "http/routes/views.h"

namespace lz::http {
namespace {

services::UnitFilter UnitFilterOf(const Request& r) {
  services::UnitFilter f;
  f.q = views::QueryText(r, "q");
  f.kind = org::ParseUnitKind(views::QueryText(r, "kind"));
  f.region_code = views::QueryText(r, "region_code");
  f.parent_id = views::QueryOptInt(r, "parent_id");
  f.page = views::QueryPage(r);
  return f;
}

Result<services::UnitInput> UnitInputOf(const nlohmann::json& b) {
  services::UnitInput in;
  in.name = b.at("name").get<std::string>();
  auto kind = org::ParseUnitKind(b.at("kind").get<std::string>());
  if (!kind) return InvalidArgument("unknown unit kind", "kind");
  in.kind = *kind;
  in.region_code = b.at("region_code").get<std::string>();
  in.parent_id = views::OptInt(b, "parent_id");
  in.code = views::OptString(b, "code");
  return in;
}

}  // namespace

void RegisterOrgRoutes(Router& router, services::Platform& platform) {
  auto& org = platform.org();

  router.Add({Method::kGet, "/api/regions", "listRegions", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto q = ctx.request.Query("q");
                auto regions = q ? org.SearchRegions(ctx.actor, *q)
                                 : org.RegionChildren(ctx.actor, views::QueryText(ctx.request, "parent_code"));
                return views::Answer(regions, [](const std::vector<org::Region>& list) {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& r : list) items.push_back(views::Region(r));
                  return nlohmann::json{{"items", items}};
                });
              }});
  router.Add({Method::kGet, "/api/regions/{code}", "getRegion", Access::kAuthenticated, [&org](RouteContext& ctx) {
                return views::Answer(org.GetRegion(ctx.actor, ctx.request.path_params.at("code")),
                                     [](const services::RegionDetail& d) {
                                       nlohmann::json j = views::Region(d.region);
                                       j["path"] = nlohmann::json::array();
                                       for (const auto& p : d.path) j["path"].push_back({{"code", p.code}, {"name", p.name}});
                                       return j;
                                     });
              }});
  router.Add({Method::kPost, "/api/regions", "createRegion", Access::kAuthenticated, [&org](RouteContext& ctx) {
                org::Region r;
                r.code = ctx.body.at("code").get<std::string>();
                r.name = ctx.body.at("name").get<std::string>();
                r.parent_code = ctx.body.at("parent_code").get<std::string>();
                return views::Answer(org.CreateRegion(ctx.actor, r), views::Region, 201);
              }});

  router.Add({Method::kGet, "/api/units", "listUnits", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto filter = UnitFilterOf(ctx.request);
                return views::Answer(org.ListUnits(ctx.actor, filter), [&](const storage::PageOf<org::Unit>& page) {
                  return views::Page(page, filter.page, views::Unit);
                });
              }});
  router.Add({Method::kGet, "/api/units/export", "exportUnits", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto csv = org.ExportUnitsCsv(ctx.actor, UnitFilterOf(ctx.request));
                if (!csv.ok()) return Response::Error(csv.status());
                Response r;
                r.content_type = "text/csv; charset=utf-8";
                r.body = std::move(*csv);
                r.headers.emplace_back("Content-Disposition", "attachment; filename=\"units.csv\"");
                return r;
              }});
  router.Add({Method::kGet, "/api/units/{id}", "getUnit", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(org.GetUnit(ctx.actor, *id), views::Unit);
              }});
  router.Add({Method::kPost, "/api/units", "createUnit", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto in = UnitInputOf(ctx.body);
                if (!in.ok()) return Response::Error(in.status());
                return views::Answer(org.CreateUnit(ctx.actor, *in), views::Unit, 201);
              }});
  router.Add({Method::kPut, "/api/units/{id}", "updateUnit", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                auto in = UnitInputOf(ctx.body);
                if (!in.ok()) return Response::Error(in.status());
                return views::Answer(org.UpdateUnit(ctx.actor, *id, *in), views::Unit);
              }});
  router.Add({Method::kDelete, "/api/units/{id}", "deleteUnit", Access::kAuthenticated, [&org](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(org.DeleteUnit(ctx.actor, *id));
              }});

  router.Add({Method::kGet, "/api/positions", "listPositions", Access::kAuthenticated, [&org](RouteContext& ctx) {
                services::PositionFilter f;
                f.user_id = views::QueryOptInt(ctx.request, "user_id");
                f.kind = org::ParsePositionKind(views::QueryText(ctx.request, "kind"));
                f.page = views::QueryPage(ctx.request);
                return views::Answer(org.ListPositions(ctx.actor, f), [&](const storage::PageOf<org::Position>& page) {
                  return views::Page(page, f.page, views::Position);
                });
              }});
  router.Add({Method::kPost, "/api/positions", "createPosition", Access::kAuthenticated, [&org](RouteContext& ctx) {
                services::PositionInput in;
                in.user_id = ctx.body.at("user_id").get<int64_t>();
                auto kind = org::ParsePositionKind(ctx.body.at("kind").get<std::string>());
                auto type = org::ParseContextType(ctx.body.at("context_type").get<std::string>());
                if (!kind) return Response::Error(InvalidArgument("unknown position kind", "kind"));
                if (!type) return Response::Error(InvalidArgument("unknown context type", "context_type"));
                in.kind = *kind;
                in.context_type = *type;
                in.context_ref = ctx.body.at("context_ref").get<std::string>();
                in.context_name = views::OptString(ctx.body, "context_name").value_or("");
                return views::Answer(org.CreatePosition(ctx.actor, in), views::Position, 201);
              }});
  router.Add({Method::kDelete, "/api/positions/{id}", "deletePosition", Access::kAuthenticated,
              [&org](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(org.DeletePosition(ctx.actor, *id));
              }});
}

}  // namespace lz::http
