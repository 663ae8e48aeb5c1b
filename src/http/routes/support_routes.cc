// Routes: /api/support-bodies and /api/challenges — the bodies supporting the chains (advisory
// committees with members, industry alliances, research institutes, testing centres) and open
// challenges (揭榜挂帅: posted, applied for, awarded with milestones, completed or cancelled).
// Thin: parse, call SupportService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/platform.h"
#include "services/support_service.h"

namespace lz::http {
namespace {

using nlohmann::json;

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json BodyView(const storage::SupportBodyRow& r) {
  const chain::SupportBody& b = r.body;
  json members = json::array();
  for (const auto& m : b.members) {
    members.push_back({{"name", m.name},
                       {"title", std::string(chain::MemberTitleName(m.title))},
                       {"affiliation", m.affiliation},
                       {"role", m.role}});
  }
  return {{"id", b.id},
          {"kind", std::string(chain::BodyKindName(b.kind))},
          {"name", b.name},
          {"chain_id", OptId(b.chain_id)},
          {"chain_name", r.chain_name},
          {"region_code", b.region_code},
          {"description", b.description},
          {"members", std::move(members)},
          {"academicians", r.academicians},
          {"created_at", views::Time(b.created_at)},
          {"updated_at", views::Time(b.updated_at)}};
}

chain::SupportBody BodyOf(const json& j) {
  chain::SupportBody b;
  b.kind = chain::ParseBodyKind(j.at("kind").get<std::string>()).value_or(chain::BodyKind::kAdvisoryCommittee);
  b.name = j.at("name").get<std::string>();
  b.chain_id = views::OptInt(j, "chain_id");
  b.region_code = j.at("region_code").get<std::string>();
  b.description = views::OptString(j, "description").value_or("");
  if (auto it = j.find("members"); it != j.end()) {
    for (const json& m : *it) {
      chain::BodyMember member;
      member.name = m.at("name").get<std::string>();
      member.title = chain::ParseMemberTitle(m.at("title").get<std::string>()).value_or(chain::MemberTitle::kExpert);
      member.affiliation = views::OptString(m, "affiliation").value_or("");
      member.role = views::OptString(m, "role").value_or("");
      b.members.push_back(std::move(member));
    }
  }
  return b;
}

json ChallengeRowView(const storage::ChallengeRow& r) {
  const chain::Challenge& c = r.challenge;
  json milestones = json::array();
  for (const auto& m : c.milestones) {
    milestones.push_back({{"position", m.position},
                          {"title", m.title},
                          {"due_on", m.due_on},
                          {"done_on", m.done_on ? json(*m.done_on) : json(nullptr)}});
  }
  return {{"id", c.id},
          {"enterprise_id", c.enterprise_id},
          {"enterprise_name", r.enterprise_name},
          {"credit_code", r.credit_code},
          {"chain_id", OptId(c.chain_id)},
          {"chain_name", r.chain_name},
          {"segment_id", OptId(c.segment_id)},
          {"segment_name", r.segment_name},
          {"title", c.title},
          {"need", c.need},
          {"reward_yuan", c.reward_yuan},
          {"apply_by", c.apply_by},
          {"state", std::string(chain::ChallengeStateName(c.state))},
          {"awarded_application_id", OptId(c.awarded_application_id)},
          {"awarded_on", c.awarded_on ? json(*c.awarded_on) : json(nullptr)},
          {"closing_note", c.closing_note},
          {"milestones", std::move(milestones)},
          {"applications_count", r.applications},
          {"created_at", views::Time(c.created_at)},
          {"updated_at", views::Time(c.updated_at)}};
}

json ChallengeView(const services::ChallengeDetail& d) {
  json j = ChallengeRowView(d.row);
  json applications = json::array();
  for (const auto& a : d.applications) {
    applications.push_back({{"id", a.id},
                            {"team", a.team},
                            {"leader", a.leader},
                            {"affiliation", a.affiliation},
                            {"proposal", a.proposal},
                            {"contact_phone", a.contact_phone},
                            {"submitted_at", views::Time(a.submitted_at)}});
  }
  j["applications"] = std::move(applications);
  return j;
}

json FiguresView(const storage::SupportFigures& f) {
  return {{"advisory_committees", f.advisory_committees}, {"industry_alliances", f.industry_alliances},
          {"research_institutes", f.research_institutes}, {"testing_centres", f.testing_centres},
          {"academicians", f.academicians},               {"challenges_open", f.challenges_open},
          {"challenges_awarded", f.challenges_awarded},   {"challenges_completed", f.challenges_completed},
          {"rewards_yuan", f.rewards_yuan}};
}

}  // namespace

void RegisterSupportRoutes(Router& router, services::Platform& platform) {
  services::SupportService& support = platform.support();

  router.Add({Method::kGet, "/api/support-bodies", "listSupportBodies", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                storage::SupportBodyQuery q;
                q.kind = chain::ParseBodyKind(views::QueryText(ctx.request, "kind"));
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.region_code = views::QueryText(ctx.request, "region_code");
                q.q = views::QueryText(ctx.request, "q");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(support.Bodies(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::SupportBodyRow>& p) {
                                       return views::Page(p, page, BodyView);
                                     });
              }});
  router.Add({Method::kPost, "/api/support-bodies", "createSupportBody", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                return views::Answer(support.CreateBody(ctx.actor, BodyOf(ctx.body)), BodyView, 201);
              }});
  router.Add({Method::kGet, "/api/support-bodies/figures", "getSupportFigures", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                return views::Answer(support.Figures(ctx.actor, views::QueryText(ctx.request, "region_code")),
                                     FiguresView);
              }});
  router.Add({Method::kGet, "/api/support-bodies/{id}", "getSupportBody", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.Body(ctx.actor, *id), BodyView);
              }});
  router.Add({Method::kPut, "/api/support-bodies/{id}", "updateSupportBody", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.UpdateBody(ctx.actor, *id, BodyOf(ctx.body)), BodyView);
              }});
  router.Add({Method::kDelete, "/api/support-bodies/{id}", "deleteSupportBody", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.DeleteBody(ctx.actor, *id));
              }});

  router.Add({Method::kGet, "/api/challenges", "listChallenges", Access::kAuthenticated, [&support](RouteContext& ctx) {
                storage::ChallengeQuery q;
                q.state = chain::ParseChallengeState(views::QueryText(ctx.request, "state"));
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.q = views::QueryText(ctx.request, "q");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(support.Challenges(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::ChallengeRow>& p) {
                                       return views::Page(p, page, ChallengeRowView);
                                     });
              }});
  router.Add({Method::kPost, "/api/challenges", "postChallenge", Access::kAuthenticated, [&support](RouteContext& ctx) {
                const json& b = ctx.body;
                services::NewChallenge in;
                in.credit_code = b.at("credit_code").get<std::string>();
                in.chain_id = views::OptInt(b, "chain_id");
                in.segment_id = views::OptInt(b, "segment_id");
                in.title = b.at("title").get<std::string>();
                in.need = b.at("need").get<std::string>();
                in.reward_yuan = b.at("reward_yuan").get<int64_t>();
                in.apply_by = b.at("apply_by").get<std::string>();
                return views::Answer(support.Post(ctx.actor, std::move(in)), ChallengeView, 201);
              }});
  router.Add({Method::kGet, "/api/challenges/{id}", "getChallenge", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.Challenge(ctx.actor, *id), ChallengeView);
              }});
  router.Add({Method::kPost, "/api/challenges/{id}/applications", "applyForChallenge", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                const json& b = ctx.body;
                chain::ChallengeApplication a;
                a.team = b.at("team").get<std::string>();
                a.leader = b.at("leader").get<std::string>();
                a.affiliation = views::OptString(b, "affiliation").value_or("");
                a.proposal = b.at("proposal").get<std::string>();
                a.contact_phone = b.at("contact_phone").get<std::string>();
                return views::Answer(support.Apply(ctx.actor, *id, std::move(a)), ChallengeView, 201);
              }});
  router.Add({Method::kPost, "/api/challenges/{id}/award", "awardChallenge", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                std::vector<chain::ChallengeMilestone> milestones;
                for (const json& m : ctx.body.at("milestones")) {
                  chain::ChallengeMilestone milestone;
                  milestone.title = m.at("title").get<std::string>();
                  milestone.due_on = m.at("due_on").get<std::string>();
                  milestones.push_back(std::move(milestone));
                }
                return views::Answer(support.Award(ctx.actor, *id, ctx.body.at("application_id").get<int64_t>(),
                                                   std::move(milestones)),
                                     ChallengeView);
              }});
  router.Add({Method::kPost, "/api/challenges/{id}/milestone-done", "completeChallengeMilestone",
              Access::kAuthenticated, [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.MilestoneDone(ctx.actor, *id, ctx.body.at("position").get<int32_t>()),
                                     ChallengeView);
              }});
  router.Add({Method::kPost, "/api/challenges/{id}/complete", "completeChallenge", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.Complete(ctx.actor, *id, ctx.body.at("note").get<std::string>()),
                                     ChallengeView);
              }});
  router.Add({Method::kPost, "/api/challenges/{id}/cancel", "cancelChallenge", Access::kAuthenticated,
              [&support](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(support.Cancel(ctx.actor, *id, ctx.body.at("note").get<std::string>()),
                                     ChallengeView);
              }});
}

}  // namespace lz::http
