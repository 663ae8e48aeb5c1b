// Routes: /api/meetings and /api/meeting-schedules — building meetings (楼栋会): a community's
// schedule, its meetings (schedule, hold, minutes), agenda items raised as cases and the residents'
// representatives' sign-off. Thin: parse, call MeetingService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/meeting_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json AttendeeView(const cw::Attendee& a) {
  return {{"id", a.id},
          {"role", std::string(cw::AttendeeRoleName(a.role))},
          {"name", a.name},
          {"affiliation", a.affiliation},
          {"user_id", OptId(a.user_id)}};
}

json MeetingView(const cw::Meeting& m) {
  return {{"id", m.id},
          {"community_unit_id", m.community_unit_id},
          {"scheduled_on", m.scheduled_on},
          {"place", m.place},
          {"state", std::string(cw::MeetingStateName(m.state))},
          {"held_at", views::OptTime(m.held_at)},
          {"minutes", m.minutes},
          {"minutes_at", views::OptTime(m.minutes_at)},
          {"attendees", views::Array(m.attendees, AttendeeView)},
          {"created_at", views::Time(m.created_at)},
          {"updated_at", views::Time(m.updated_at)}};
}

json MeetingRowView(const storage::MeetingRow& r) {
  json j = MeetingView(r.meeting);
  j["community_name"] = r.community_name;
  j["item_count"] = r.items;
  return j;
}

json ScheduleView(const cw::MeetingSchedule& s) {
  return {{"community_unit_id", s.community_unit_id},
          {"day_of_month", s.day_of_month},
          {"place", s.place},
          {"buildings", s.buildings},
          {"residents", s.residents}};
}

json AgendaView(const services::AgendaEntry& e) {
  const cw::Case& c = e.c;
  return {{"case_id", c.id},
          {"number", c.number},
          {"position", e.item.position},
          {"raised", e.item.raised},
          {"title", c.facts.title},
          {"address", c.facts.address},
          {"raised_by", c.facts.reporter_name},
          {"category_code", c.facts.category_code},
          {"category_name", e.category_name},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"lead_unit_id", OptId(c.lead_unit_id)},
          {"lead_unit_name", e.lead_unit_name},
          {"due_at", views::OptTime(c.due_at)},
          {"replied_at", views::OptTime(c.replied_at)},
          {"closed_at", views::OptTime(c.closed_at)},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)},
          {"reply", e.reply},
          {"sign_off", e.sign_off},
          {"signed_off_at", views::OptTime(e.signed_off_at)},
          {"status", std::string(cw::ItemStatusName(e.status))}};
}

json DetailView(const services::MeetingDetail& d) {
  json previous = nullptr;
  if (d.previous) previous = {{"id", d.previous->id}, {"scheduled_on", d.previous->scheduled_on},
                              {"state", std::string(cw::MeetingStateName(d.previous->state))}};
  return {{"meeting", MeetingView(d.meeting)},
          {"community_name", d.community_name},
          {"schedule", ScheduleView(d.schedule)},
          {"previous", previous},
          {"agenda", views::Array(d.agenda, AgendaView)},
          {"to_carry", views::Array(d.to_carry, AgendaView)}};
}

json ItemCaseView(const cw::Case& c) {
  return {{"case_id", c.id},
          {"number", c.number},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)}};
}

// The attendees in a body (validated: role from the enum, name a string).
std::optional<std::vector<cw::Attendee>> AttendeesOf(const json& body) {
  if (!body.contains("attendees")) return std::nullopt;
  std::vector<cw::Attendee> out;
  for (const json& a : body.at("attendees")) {
    cw::Attendee at;
    at.role = cw::ParseAttendeeRole(a.at("role").get<std::string>()).value_or(cw::AttendeeRole::kOther);
    at.name = a.at("name").get<std::string>();
    at.affiliation = views::OptString(a, "affiliation").value_or("");
    at.user_id = views::OptInt(a, "user_id");
    out.push_back(std::move(at));
  }
  return out;
}

}  // namespace

void RegisterMeetingRoutes(Router& router, services::Platform& platform) {
  services::MeetingService& meetings = platform.meetings();

  router.Add({Method::kGet, "/api/meeting-schedules/{community_unit_id}", "getMeetingSchedule", Access::kAuthenticated,
              [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request, "community_unit_id");
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(meetings.Schedule(ctx.actor, *id), ScheduleView);
              }});
  router.Add({Method::kPut, "/api/meeting-schedules/{community_unit_id}", "putMeetingSchedule", Access::kAuthenticated,
              [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request, "community_unit_id");
                if (!id.ok()) return Response::Error(id.status());
                cw::MeetingSchedule s;
                s.community_unit_id = *id;
                s.day_of_month = ctx.body.at("day_of_month").get<int>();
                s.place = views::OptString(ctx.body, "place").value_or("");
                s.buildings = static_cast<int32_t>(views::OptInt(ctx.body, "buildings").value_or(0));
                s.residents = static_cast<int32_t>(views::OptInt(ctx.body, "residents").value_or(0));
                return views::Answer(meetings.PutSchedule(ctx.actor, std::move(s)), ScheduleView);
              }});

  router.Add({Method::kGet, "/api/meetings", "listMeetings", Access::kAuthenticated, [&meetings](RouteContext& ctx) {
                storage::MeetingQuery q;
                q.community_unit_id = views::QueryOptInt(ctx.request, "community_unit_id");
                if (auto state = ctx.request.Query("state"); state && !state->empty()) {
                  q.state = cw::ParseMeetingState(*state);
                }
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(meetings.List(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::MeetingRow>& p) {
                                       return views::Page(p, page, MeetingRowView);
                                     });
              }});
  router.Add({Method::kPost, "/api/meetings", "createMeeting", Access::kAuthenticated, [&meetings](RouteContext& ctx) {
                services::NewMeeting in;
                in.community_unit_id = ctx.body.at("community_unit_id").get<int64_t>();
                in.scheduled_on = views::OptString(ctx.body, "scheduled_on");
                in.place = views::OptString(ctx.body, "place");
                in.attendees = AttendeesOf(ctx.body);
                return views::Answer(meetings.ScheduleMeeting(ctx.actor, std::move(in)), MeetingView, 201);
              }});
  router.Add({Method::kGet, "/api/meetings/{id}", "getMeeting", Access::kAuthenticated, [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(meetings.Get(ctx.actor, *id), DetailView);
              }});
  router.Add({Method::kPost, "/api/meetings/{id}/hold", "holdMeeting", Access::kAuthenticated,
              [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::HoldMeeting in;
                in.place = views::OptString(ctx.body, "place");
                in.attendees = AttendeesOf(ctx.body);
                return views::Answer(meetings.Hold(ctx.actor, *id, std::move(in)), MeetingView);
              }});
  router.Add({Method::kPut, "/api/meetings/{id}/minutes", "putMeetingMinutes", Access::kAuthenticated,
              [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(meetings.RecordMinutes(ctx.actor, *id, ctx.body.at("minutes").get<std::string>()),
                                     MeetingView);
              }});
  router.Add({Method::kPost, "/api/meetings/{id}/items", "addMeetingItem", Access::kAuthenticated,
              [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::NewMeetingItem in;
                in.title = ctx.body.at("title").get<std::string>();
                in.text = ctx.body.at("text").get<std::string>();
                if (auto code = views::OptString(ctx.body, "category_code")) in.category_code = *code;
                in.address = views::OptString(ctx.body, "address").value_or("");
                in.raised_by = views::OptString(ctx.body, "raised_by").value_or("");
                return views::Answer(meetings.AddItem(ctx.actor, *id, std::move(in)), ItemCaseView, 201);
              }});
  router.Add({Method::kPost, "/api/meetings/{id}/items/{case_id}/sign-off", "signOffMeetingItem",
              Access::kAuthenticated, [&meetings](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                auto case_id = views::PathId(ctx.request, "case_id");
                if (!case_id.ok()) return Response::Error(case_id.status());
                services::SignOff in;
                in.attendee_id = ctx.body.at("attendee_id").get<int64_t>();
                in.rating = ctx.body.at("rating").get<int32_t>();
                in.note = views::OptString(ctx.body, "note").value_or("");
                return views::Answer(meetings.SignOffItem(ctx.actor, *id, *case_id, std::move(in)), ItemCaseView);
              }});
}

}  // namespace lz::http
