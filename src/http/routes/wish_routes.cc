// Routes: /api/wish-campaigns, /api/wishes and /api/public/wishes — micro-wishes (微心愿):
// campaigns and their figures, wishes recorded, published, claimed and delivered by station staff,
// and the public list with its claim (no account; 409 when the wish is already claimed, 429 with
// Retry-After when an address claims too often). Thin: parse, call WishService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/platform.h"
#include "services/wish_service.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json CampaignView(const storage::WishCampaignRow& r) {
  const cw::WishCampaign& k = r.campaign;
  return {{"id", k.id},
          {"name", k.name},
          {"organiser_unit_id", k.organiser_unit_id},
          {"organiser_name", r.organiser_name},
          {"region_code", k.region_code},
          {"opens_on", k.opens_on},
          {"deadline_on", k.deadline_on},
          {"description", k.description},
          {"created_at", views::Time(k.created_at)},
          {"updated_at", views::Time(k.updated_at)}};
}

json CountsView(const storage::WishCounts& c) {
  return {{"recorded", c.recorded},
          {"published", c.published},
          {"claimed", c.claimed},
          {"delivered", c.delivered},
          {"delivered_on_time", c.delivered_on_time}};
}

json FiguresView(const services::WishFigures& f) {
  json stations = json::array();
  for (const auto& s : f.stations) {
    json row = CountsView(s.counts);
    row["station_unit_id"] = s.station_unit_id;
    row["station_name"] = s.station_name;
    row["region_code"] = s.region_code;
    stations.push_back(std::move(row));
  }
  return {{"total", CountsView(f.total)}, {"stations", std::move(stations)}};
}

json WishView(const services::WishView& v) {
  const storage::WishRow& r = v.row;
  const cw::Wish& w = r.wish;
  json donor = nullptr;
  if (w.donor) {
    donor = {{"kind", std::string(cw::DonorKindName(w.donor->kind))}, {"name", w.donor->name}, {"phone", w.donor->phone}};
  }
  return {{"case_id", w.case_id},
          {"number", r.case_number},
          {"case_state", std::string(cw::CaseStateName(r.case_state))},
          {"campaign_id", w.campaign_id},
          {"campaign_name", r.campaign_name},
          {"opens_on", r.opens_on},
          {"deadline_on", r.deadline_on},
          {"station_unit_id", w.station_unit_id},
          {"station_name", r.station_name},
          {"item", w.item},
          {"kind", std::string(cw::WishKindName(w.kind))},
          {"child_alias", r.child_alias},
          {"child_age", w.child_age},
          {"story", w.story},
          {"state", std::string(cw::WishStateName(v.state))},
          {"recorded_at", views::Time(w.recorded_at)},
          {"published_at", views::OptTime(w.published_at)},
          {"claimed_at", views::OptTime(w.claimed_at)},
          {"delivered_at", views::OptTime(w.delivered_at)},
          {"delivered_on_time", v.on_time},
          {"donor", std::move(donor)},
          {"masked", v.masked}};
}

json PublicWishView(const services::PublicWish& p) {
  return {{"id", p.id},
          {"item", p.item},
          {"kind", std::string(cw::WishKindName(p.kind))},
          {"story", p.story},
          {"child_age", p.child_age},
          {"station_name", p.station_name},
          {"campaign_id", p.campaign_id},
          {"campaign_name", p.campaign_name},
          {"opens_on", p.opens_on},
          {"deadline_on", p.deadline_on},
          {"state", std::string(cw::WishStateName(p.state))}};
}

cw::WishCampaign CampaignOf(const json& b) {
  cw::WishCampaign k;
  k.name = b.at("name").get<std::string>();
  k.organiser_unit_id = b.at("organiser_unit_id").get<int64_t>();
  k.region_code = b.at("region_code").get<std::string>();
  k.opens_on = b.at("opens_on").get<std::string>();
  k.deadline_on = b.at("deadline_on").get<std::string>();
  k.description = views::OptString(b, "description").value_or("");
  return k;
}

// The donor of a claim body (validated: kind from the enum, name and phone strings).
cw::Donor DonorOf(const json& b) {
  cw::Donor d;
  d.kind = cw::ParseDonorKind(b.at("donor_kind").get<std::string>()).value_or(cw::DonorKind::kPerson);
  d.name = b.at("donor_name").get<std::string>();
  d.phone = b.at("donor_phone").get<std::string>();
  return d;
}

std::optional<cw::WishState> StateOf(const Request& r) {
  auto state = r.Query("state");
  if (!state || state->empty()) return std::nullopt;
  return cw::ParseWishState(*state);
}

}  // namespace

void RegisterWishRoutes(Router& router, services::Platform& platform) {
  services::WishService& wishes = platform.wishes();

  // ---- Campaigns. ----
  router.Add({Method::kGet, "/api/wish-campaigns", "listWishCampaigns", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                storage::WishCampaignQuery q;
                q.q = views::QueryText(ctx.request, "q");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(wishes.Campaigns(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::WishCampaignRow>& p) {
                                       return views::Page(p, page, CampaignView);
                                     });
              }});
  router.Add({Method::kPost, "/api/wish-campaigns", "createWishCampaign", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                return views::Answer(wishes.CreateCampaign(ctx.actor, CampaignOf(ctx.body)), CampaignView, 201);
              }});
  router.Add({Method::kGet, "/api/wish-campaigns/{id}", "getWishCampaign", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.Campaign(ctx.actor, *id), CampaignView);
              }});
  router.Add({Method::kPut, "/api/wish-campaigns/{id}", "updateWishCampaign", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.UpdateCampaign(ctx.actor, *id, CampaignOf(ctx.body)), CampaignView);
              }});
  router.Add({Method::kDelete, "/api/wish-campaigns/{id}", "deleteWishCampaign", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.DeleteCampaign(ctx.actor, *id));
              }});
  router.Add({Method::kGet, "/api/wish-campaigns/{id}/figures", "getWishCampaignFigures", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.Figures(ctx.actor, *id, views::QueryText(ctx.request, "region_code")),
                                     FiguresView);
              }});
  router.Add({Method::kGet, "/api/wish-figures", "getWishFigures", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                return views::Answer(wishes.Figures(ctx.actor, views::QueryOptInt(ctx.request, "campaign_id"),
                                                    views::QueryText(ctx.request, "region_code")),
                                     FiguresView);
              }});

  // ---- Wishes (staff). ----
  router.Add({Method::kGet, "/api/wishes", "listWishes", Access::kAuthenticated, [&wishes](RouteContext& ctx) {
                storage::WishQuery q;
                q.campaign_id = views::QueryOptInt(ctx.request, "campaign_id");
                q.station_unit_id = views::QueryOptInt(ctx.request, "station_unit_id");
                q.state = StateOf(ctx.request);
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(wishes.List(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<services::WishView>& p) {
                                       return views::Page(p, page, WishView);
                                     });
              }});
  router.Add({Method::kPost, "/api/wishes", "recordWish", Access::kAuthenticated, [&wishes](RouteContext& ctx) {
                const json& b = ctx.body;
                services::NewWish in;
                in.campaign_id = b.at("campaign_id").get<int64_t>();
                in.station_unit_id = views::OptInt(b, "station_unit_id");
                in.item = b.at("item").get<std::string>();
                in.kind = cw::ParseWishKind(b.at("kind").get<std::string>()).value_or(cw::WishKind::kMaterial);
                in.child_alias = b.at("child_alias").get<std::string>();
                in.child_age = b.at("child_age").get<int32_t>();
                in.story = b.at("story").get<std::string>();
                return views::Answer(wishes.Record(ctx.actor, std::move(in)), WishView, 201);
              }});
  router.Add({Method::kGet, "/api/wishes/{id}", "getWish", Access::kAuthenticated, [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.Get(ctx.actor, *id), WishView);
              }});
  router.Add({Method::kPost, "/api/wishes/{id}/publish", "publishWish", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.Publish(ctx.actor, *id), WishView);
              }});
  router.Add({Method::kPost, "/api/wishes/{id}/claim", "recordWishClaim", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(wishes.RecordClaim(ctx.actor, *id, DonorOf(ctx.body)), WishView);
              }});
  router.Add({Method::kPost, "/api/wishes/{id}/delivery", "deliverWish", Access::kAuthenticated,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::DeliveryInput in;
                in.attachment_ids = ctx.body.at("attachment_ids").get<std::vector<int64_t>>();
                in.note = views::OptString(ctx.body, "note").value_or("");
                return views::Answer(wishes.Deliver(ctx.actor, *id, std::move(in)), WishView);
              }});

  // ---- Public. ----
  router.Add({Method::kGet, "/api/public/wishes", "listPublicWishes", Access::kPublic, [&wishes](RouteContext& ctx) {
                services::PublicWishQuery q;
                q.campaign_id = views::QueryOptInt(ctx.request, "campaign_id");
                q.state = StateOf(ctx.request);
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(wishes.PublicList(std::move(q)),
                                     [&](const storage::PageOf<services::PublicWish>& p) {
                                       return views::Page(p, page, PublicWishView);
                                     });
              }});
  router.Add({Method::kPost, "/api/public/wishes/{id}/claim", "claimPublicWish", Access::kPublic,
              [&wishes](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                TimeMs wait = 0;
                auto claimed = wishes.ClaimPublic(ctx.request.client_address, *id, DonorOf(ctx.body), &wait);
                if (!claimed.ok()) {
                  Response r = Response::Error(claimed.status());
                  if (claimed.status().code() == StatusCode::kResourceExhausted) {
                    r.headers.emplace_back("Retry-After", std::to_string(services::RetryAfterSeconds(wait)));
                  }
                  return r;
                }
                return Response::Json(PublicWishView(*claimed));
              }});
}

}  // namespace lz::http
