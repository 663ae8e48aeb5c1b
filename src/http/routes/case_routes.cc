// Casework routes: the catalogue (channels, categories, routing), cases (register, list, inboxes,
// detail, actions one by one or in bulk) and the notification centre. Thin: parse, call
// CaseService, render.
#include <nlohmann/json.hpp>

#include "common/china_time.h"
#include "common/text.h"
#include "http/app.h"
#include "http/routes/views.h"
#include "services/calendar_service.h"
#include "services/case_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json ChannelView(const cw::Channel& c) {
  return {{"code", c.code}, {"name", c.name}, {"on_the_spot", c.on_the_spot}, {"callback", c.callback}, {"active", c.active}};
}

json CategoryView(const cw::Category& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"name", c.name},
          {"parent_id", c.parent_id ? json(*c.parent_id) : json(nullptr)},
          {"sign_days", c.sign_days},
          {"handle_days", c.handle_days},
          {"max_extension_days", c.max_extension_days},
          {"ladder",
           {{"warn_before_days", c.ladder.warn_before_days},
            {"supervise_after_days", c.ladder.supervise_after_days},
            {"circulate_after_days", c.ladder.circulate_after_days},
            {"escalate_after_days", c.ladder.escalate_after_days}}},
          {"active", c.active},
          {"sort_order", c.sort_order}};
}

json RouteView(const cw::RoutingRule& r) {
  return {{"id", r.id}, {"category_id", r.category_id}, {"region_code", r.region_code}, {"unit_id", r.unit_id}};
}

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
template <typename T>
json OptNum(const std::optional<T>& v) { return v ? json(*v) : json(nullptr); }

json CaseView(const cw::Case& c) {
  const cw::CaseFacts& f = c.facts;
  return {{"id", c.id},
          {"number", c.number},
          {"channel", f.channel},
          {"category_code", f.category_code},
          {"title", f.title},
          {"text", f.text},
          {"region_code", f.region_code},
          {"address", f.address},
          {"reporter_name", f.reporter_name},
          {"reporter_phone", f.reporter_phone},
          {"subject_kind", std::string(cw::SubjectKindName(f.subject_kind))},
          {"enterprise_id", OptId(f.enterprise_id)},
          {"subject_name", f.subject_name},
          {"chain_id", OptId(f.chain_id)},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"version", c.version},
          {"created_at", views::Time(c.created_at)},
          {"updated_at", views::Time(c.updated_at)},
          {"accepted_at", views::OptTime(c.accepted_at)},
          {"lead_unit_id", OptId(c.lead_unit_id)},
          {"co_units", views::Array(c.co_units, [](const cw::CoUnit& co) {
             return json{{"unit_id", co.unit_id}, {"state", std::string(cw::CoStateName(co.state))}};
           })},
          {"handler_user_id", OptId(c.handler_user_id)},
          {"dispatched_at", views::OptTime(c.dispatched_at)},
          {"sign_due_at", views::OptTime(c.sign_due_at)},
          {"signed_at", views::OptTime(c.signed_at)},
          {"due_at", views::OptTime(c.due_at)},
          {"suspended", c.suspended_since.has_value()},
          {"extension_requested_days", OptNum(c.extension_requested_days)},
          {"extension_days", c.extension_days},
          {"replied_at", views::OptTime(c.replied_at)},
          {"outcome", c.outcome ? json(std::string(cw::OutcomeName(*c.outcome))) : json(nullptr)},
          {"closed_at", views::OptTime(c.closed_at)},
          {"rating", OptNum(c.rating)},
          {"on_the_spot", c.on_the_spot},
          {"return_count", c.return_count},
          {"reopen_count", c.reopen_count},
          {"arbitrated", c.arbitrated},
          {"escalation", std::string(cw::EscalationName(c.escalation))},
          {"merged_into", OptId(c.merged_into)},
          {"absorbed", c.absorbed}};
}

json EventView(const cw::CaseEvent& e) {
  return {{"seq", e.seq},
          {"type", std::string(cw::EventTypeName(e.type))},
          {"actor_user_id", e.actor_user_id == 0 ? json(nullptr) : json(e.actor_user_id)},
          {"actor_unit_id", OptId(e.actor_unit_id)},
          {"at", views::Time(e.at)},
          {"from_state", std::string(cw::CaseStateName(e.from_state))},
          {"to_state", std::string(cw::CaseStateName(e.to_state))},
          {"note", e.note},
          {"unit_id", OptId(e.unit_id)},
          {"co_unit_ids", e.co_unit_ids},
          {"handler_user_id", OptId(e.handler_user_id)},
          {"sign_due_at", views::OptTime(e.sign_due_at)},
          {"due_at", views::OptTime(e.due_at)},
          {"days", OptNum(e.days)},
          {"outcome", e.outcome ? json(std::string(cw::OutcomeName(*e.outcome))) : json(nullptr)},
          {"rating", OptNum(e.rating)},
          {"related_case_id", OptId(e.related_case_id)},
          {"escalation", e.escalation ? json(std::string(cw::EscalationName(*e.escalation))) : json(nullptr)}};
}

json NameMap(const std::map<int64_t, std::string>& names) {
  json out = json::object();
  for (const auto& [id, name] : names) out[std::to_string(id)] = name;
  return out;
}

// A page of cases with the names of the units and enterprises they refer to.
json CasePageView(const services::CasePage& p, const storage::PageRequest& request) {
  json j = views::Page(p.page, request, CaseView);
  j["unit_names"] = NameMap(p.names.units);
  j["enterprise_names"] = NameMap(p.names.enterprises);
  return j;
}

json DetailView(const services::CaseDetail& d) {
  json j = CaseView(d.c);
  j["events"] = views::Array(d.events, EventView);
  j["unit_names"] = NameMap(d.unit_names);
  j["user_names"] = NameMap(d.user_names);
  j["category_name"] = d.category_name;
  j["channel_name"] = d.channel_name;
  j["region_name"] = d.region_name;
  j["enterprise_name"] = d.enterprise_name;
  j["proposed_unit_id"] = d.proposed_route ? json(d.proposed_route->unit_id) : json(nullptr);
  j["allowed_actions"] = views::Array(d.allowed, [](cw::EventType t) { return std::string(cw::EventTypeName(t)); });
  j["masked"] = d.masked;
  j["attachments"] = views::Array(d.attachments, views::Attachment);
  return j;
}

json NotificationView(const notify::Notification& n) {
  return {{"id", n.id},       {"kind", n.kind},   {"title", n.title},
          {"body", n.body},   {"case_id", OptId(n.case_id)}, {"case_number", n.case_id ? json(n.case_number) : json(nullptr)},
          {"link", n.link},
          {"created_at", views::Time(n.created_at)}, {"read_at", views::OptTime(n.read_at)}};
}

cw::Category CategoryOf(const json& b) {
  cw::Category c;
  c.code = views::OptString(b, "code").value_or("");
  c.name = b.at("name").get<std::string>();
  c.sign_days = static_cast<int>(views::OptInt(b, "sign_days").value_or(1));
  c.handle_days = static_cast<int>(views::OptInt(b, "handle_days").value_or(10));
  c.max_extension_days = static_cast<int>(views::OptInt(b, "max_extension_days").value_or(10));
  if (auto it = b.find("ladder"); it != b.end() && it->is_object()) {
    c.ladder.warn_before_days = static_cast<int>(views::OptInt(*it, "warn_before_days").value_or(c.ladder.warn_before_days));
    c.ladder.supervise_after_days =
        static_cast<int>(views::OptInt(*it, "supervise_after_days").value_or(c.ladder.supervise_after_days));
    c.ladder.circulate_after_days =
        static_cast<int>(views::OptInt(*it, "circulate_after_days").value_or(c.ladder.circulate_after_days));
    c.ladder.escalate_after_days =
        static_cast<int>(views::OptInt(*it, "escalate_after_days").value_or(c.ladder.escalate_after_days));
  }
  c.active = b.value("active", true);
  c.sort_order = static_cast<int>(views::OptInt(b, "sort_order").value_or(0));
  return c;
}

services::NewCaseInput NewCaseOf(const json& b) {
  services::NewCaseInput in;
  cw::CaseFacts& f = in.facts;
  f.channel = b.at("channel").get<std::string>();
  f.category_code = b.at("category_code").get<std::string>();
  f.title = views::OptString(b, "title").value_or("");
  f.text = b.at("text").get<std::string>();
  f.region_code = b.at("region_code").get<std::string>();
  f.address = views::OptString(b, "address").value_or("");
  f.reporter_name = views::OptString(b, "reporter_name").value_or("");
  f.reporter_phone = views::OptString(b, "reporter_phone").value_or("");
  f.subject_kind = cw::ParseSubjectKind(views::OptString(b, "subject_kind").value_or("none")).value_or(cw::SubjectKind::kNone);
  f.subject_name = views::OptString(b, "subject_name").value_or("");
  f.chain_id = views::OptInt(b, "chain_id");
  in.enterprise_credit_code = views::OptString(b, "enterprise_credit_code").value_or("");
  in.accept = b.value("accept", true);
  in.intake_unit_id = views::OptInt(b, "intake_unit_id");
  in.attachment_ids = views::AttachmentIds(b).value_or(std::vector<int64_t>());
  return in;
}

cw::Command CommandOf(const json& b) {
  cw::Command c;
  c.type = cw::ParseEventType(b.at("type").get<std::string>()).value_or(cw::EventType::kCreate);
  c.note = views::OptString(b, "note").value_or("");
  c.unit_id = views::OptInt(b, "unit_id");
  if (auto it = b.find("co_unit_ids"); it != b.end() && it->is_array()) c.co_unit_ids = it->get<std::vector<int64_t>>();
  if (auto v = views::OptInt(b, "days")) c.days = static_cast<int32_t>(*v);
  if (auto v = views::OptString(b, "outcome")) c.outcome = cw::ParseOutcome(*v);
  if (auto v = views::OptInt(b, "rating")) c.rating = static_cast<int32_t>(*v);
  c.related_case_id = views::OptInt(b, "related_case_id");
  if (auto v = views::OptInt(b, "expected_version")) c.expected_version = static_cast<int32_t>(*v);
  return c;
}

// Splits "a,b,c".
std::vector<std::string> CommaList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<storage::CaseQuery> CaseQueryOf(const Request& r) {
  storage::CaseQuery q;
  // A case number or phone digits is matched in SQL, anything else searched as words in the
  // titles and texts (CaseService::List); single characters alone are refused naming "q".
  q.q = text::Trim(views::QueryText(r, "q"));
  for (const std::string& name : CommaList(views::QueryText(r, "state"))) {
    auto state = cw::ParseCaseState(name);
    if (!state) return InvalidArgument("unknown state " + name, "state");
    q.states.push_back(*state);
  }
  q.unit_id = views::QueryOptInt(r, "unit_id");
  q.include_co_units = views::QueryText(r, "include_co_units") == "true";
  q.handler_user_id = views::QueryOptInt(r, "handler_user_id");
  q.channel = views::QueryText(r, "channel");
  q.category_code = views::QueryText(r, "category_code");
  q.region_code = views::QueryText(r, "region_code");
  q.enterprise_id = views::QueryOptInt(r, "enterprise_id");
  q.chain_id = views::QueryOptInt(r, "chain_id");
  // accepted_from / accepted_to: calendar days in China time, both included.
  for (const char* name : {"accepted_from", "accepted_to"}) {
    const std::string text = views::QueryText(r, name);
    if (text.empty()) continue;
    auto date = calendar::ParseDate(text);
    if (!date) return InvalidArgument(std::string(name) + " must be a date like 2025-06-01", name);
    const int64_t day = DayNumber(*date);
    if (std::string_view(name) == "accepted_from") {
      q.accepted_from = ChinaMidnightOf(day);
    } else {
      q.accepted_to = ChinaMidnightOf(day + 1);
    }
  }
  if (q.accepted_from && q.accepted_to && *q.accepted_from >= *q.accepted_to) {
    return InvalidArgument("accepted_to is before accepted_from", "accepted_to");
  }
  if (views::QueryText(r, "order") == "due") q.order = storage::CaseQuery::Order::kDueSoonest;
  q.page = views::QueryPage(r);
  return q;
}

std::string PathText(const Request& r, const std::string& name) {
  auto it = r.path_params.find(name);
  return it == r.path_params.end() ? std::string() : it->second;
}

template <typename F>
Response WithId(RouteContext& ctx, F&& f) {
  auto id = views::PathId(ctx.request);
  if (!id.ok()) return Response::Error(id.status());
  return f(*id);
}

json CalendarInfoView(const services::CalendarInfo& info) {
  return {{"first_year", info.first_year},
          {"last_year", info.last_year},
          {"assumed_weekend_answers", info.assumed_weekend_answers},
          {"files", views::Array(info.files, [](const storage::CalendarFile& f) {
             return json{{"year", f.year}, {"file_name", f.file_name}, {"loaded_by", f.loaded_by},
                         {"loaded_at", views::Time(f.loaded_at)}};
           })}};
}

}  // namespace

void RegisterCaseRoutes(Router& router, services::Platform& platform) {
  services::CaseService& cases = platform.cases();

  // Catalogue.
  router.Add({Method::kGet, "/api/case-channels", "listCaseChannels", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return views::Answer(cases.Channels(ctx.actor), [](const std::vector<cw::Channel>& all) {
                  return json{{"items", views::Array(all, ChannelView)}};
                });
              }});
  router.Add({Method::kPut, "/api/case-channels/{code}", "putCaseChannel", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                cw::Channel c;
                c.code = PathText(ctx.request, "code");
                c.name = ctx.body.at("name").get<std::string>();
                c.on_the_spot = ctx.body.value("on_the_spot", false);
                c.callback = ctx.body.value("callback", true);
                c.active = ctx.body.value("active", true);
                return views::Answer(cases.PutChannel(ctx.actor, c), ChannelView);
              }});
  router.Add({Method::kGet, "/api/case-categories", "listCaseCategories", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return views::Answer(cases.Categories(ctx.actor), [](const std::vector<cw::Category>& all) {
                  return json{{"items", views::Array(all, CategoryView)}};
                });
              }});
  router.Add({Method::kPost, "/api/case-categories", "createCaseCategory", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return views::Answer(cases.CreateCategory(ctx.actor, CategoryOf(ctx.body)), CategoryView, 201);
              }});
  router.Add({Method::kPut, "/api/case-categories/{id}", "updateCaseCategory", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return WithId(ctx, [&](int64_t id) {
                  return views::Answer(cases.UpdateCategory(ctx.actor, id, CategoryOf(ctx.body)), CategoryView);
                });
              }});
  router.Add({Method::kDelete, "/api/case-categories/{id}", "deleteCaseCategory", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return WithId(ctx, [&](int64_t id) { return views::Answer(cases.DeleteCategory(ctx.actor, id)); });
              }});
  router.Add({Method::kGet, "/api/case-routes", "listCaseRoutes", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return views::Answer(cases.Routes(ctx.actor), [](const std::vector<cw::RoutingRule>& all) {
                  return json{{"items", views::Array(all, RouteView)}};
                });
              }});
  router.Add({Method::kPost, "/api/case-routes", "putCaseRoute", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                cw::RoutingRule r;
                r.category_id = ctx.body.at("category_id").get<int64_t>();
                r.region_code = views::OptString(ctx.body, "region_code").value_or("");
                r.unit_id = ctx.body.at("unit_id").get<int64_t>();
                return views::Answer(cases.PutRoute(ctx.actor, r), RouteView);
              }});
  router.Add({Method::kDelete, "/api/case-routes/{id}", "deleteCaseRoute", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return WithId(ctx, [&](int64_t id) { return views::Answer(cases.DeleteRoute(ctx.actor, id)); });
              }});

  // The working-day calendar.
  services::CalendarService& calendar = platform.calendar();
  router.Add({Method::kGet, "/api/calendar", "getCalendar", Access::kAuthenticated, [&calendar](RouteContext& ctx) {
                return views::Answer(calendar.Info(ctx.actor), CalendarInfoView);
              }});
  router.Add({Method::kGet, "/api/calendar/days", "listCalendarDays", Access::kAuthenticated,
              [&calendar](RouteContext& ctx) {
                return views::Answer(calendar.Days(ctx.actor, views::QueryText(ctx.request, "from"),
                                                   views::QueryText(ctx.request, "to")),
                                     [](const std::vector<services::CalendarDay>& days) {
                                       return json{{"items", views::Array(days, [](const services::CalendarDay& d) {
                                                      return json{{"date", d.date}, {"working", d.working},
                                                                  {"kind", d.kind}, {"name", d.name},
                                                                  {"official", d.official}};
                                                    })}};
                                     });
              }});
  router.Add({Method::kPut, "/api/calendar/years/{year}", "loadCalendarYear", Access::kAuthenticated,
              [&calendar](RouteContext& ctx) {
                auto year = views::PathId(ctx.request, "year");
                if (!year.ok()) return Response::Error(year.status());
                return views::Answer(calendar.LoadYear(ctx.actor, static_cast<int>(*year),
                                                       views::OptString(ctx.body, "file_name").value_or(""),
                                                       ctx.body.at("content").get<std::string>()),
                                     CalendarInfoView);
              }});

  // Cases.
  router.Add({Method::kGet, "/api/cases", "listCases", Access::kAuthenticated, [&cases, &platform](RouteContext& ctx) {
                auto q = CaseQueryOf(ctx.request);
                if (!q.ok()) return Response::Error(q.status());
                // overdue=true: running (open, not suspended) past the due time now (the cockpit's drill-down).
                if (views::QueryText(ctx.request, "overdue") == "true") q->due_before = platform.clock().NowMs();
                storage::PageRequest page = q->page;
                return views::Answer(cases.List(ctx.actor, std::move(*q)),
                                     [&](const services::CasePage& p) { return CasePageView(p, page); });
              }});
  router.Add({Method::kPost, "/api/cases", "createCase", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return views::Answer(cases.Create(ctx.actor, NewCaseOf(ctx.body)), CaseView, 201);
              }});
  router.Add({Method::kGet, "/api/cases/inbox", "caseInboxCounts", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return views::Answer(cases.InboxCounts(ctx.actor, views::QueryOptInt(ctx.request, "unit_id")),
                                     [](const std::vector<std::pair<services::Inbox, int64_t>>& counts) {
                                       json out = json::object();
                                       for (const auto& [box, n] : counts) out[std::string(services::InboxName(box))] = n;
                                       return out;
                                     });
              }});
  router.Add({Method::kGet, "/api/cases/inbox/{box}", "caseInbox", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                auto box = services::ParseInbox(PathText(ctx.request, "box"));
                if (!box) return Response::Error(InvalidArgument("unknown inbox", "box"));
                storage::PageRequest page = views::QueryPage(ctx.request);
                return views::Answer(cases.InboxPage(ctx.actor, *box, views::QueryOptInt(ctx.request, "unit_id"), page),
                                     [&](const services::CasePage& p) { return CasePageView(p, page); });
              }});
  router.Add({Method::kPost, "/api/cases/actions", "actOnCases", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                auto ids = ctx.body.at("ids").get<std::vector<int64_t>>();
                auto items = cases.ActOnMany(ctx.actor, ids, CommandOf(ctx.body.at("action")));
                json out = json::array();
                for (const auto& item : items) {
                  json j = {{"id", item.case_id}, {"ok", item.status.ok()}};
                  if (!item.status.ok()) {
                    j["error"] = {{"code", std::string(StatusCodeName(item.status.code()))},
                                  {"message", item.status.message()},
                                  {"field", item.status.field().empty() ? json(nullptr) : json(item.status.field())}};
                  }
                  out.push_back(std::move(j));
                }
                return Response::Json(json{{"items", out}});
              }});
  router.Add({Method::kGet, "/api/cases/by-number/{number}", "getCaseByNumber", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return views::Answer(cases.GetByNumber(ctx.actor, PathText(ctx.request, "number")), DetailView);
              }});
  router.Add({Method::kGet, "/api/cases/{id}", "getCase", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return WithId(ctx, [&](int64_t id) { return views::Answer(cases.Get(ctx.actor, id), DetailView); });
              }});
  router.Add({Method::kPost, "/api/cases/{id}/actions", "actOnCase", Access::kAuthenticated, [&cases](RouteContext& ctx) {
                return WithId(ctx, [&](int64_t id) {
                  return views::Answer(cases.Act(ctx.actor, id, CommandOf(ctx.body), services::ActOptions{views::AttachmentIds(ctx.body).value_or(std::vector<int64_t>()), {}}), CaseView);
                });
              }});

  // Notifications.
  router.Add({Method::kGet, "/api/notifications", "listNotifications", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                storage::PageRequest page = views::QueryPage(ctx.request);
                bool unread = views::QueryText(ctx.request, "unread") == "true";
                return views::Answer(cases.Notifications(ctx.actor, unread, page),
                                     [&](const storage::PageOf<notify::Notification>& p) {
                                       return views::Page(p, page, NotificationView);
                                     });
              }});
  router.Add({Method::kGet, "/api/notifications/unread-count", "countUnreadNotifications", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                return views::Answer(cases.UnreadCount(ctx.actor), [](int64_t n) { return json{{"unread", n}}; });
              }});
  router.Add({Method::kPost, "/api/notifications/read", "markNotificationsRead", Access::kAuthenticated,
              [&cases](RouteContext& ctx) {
                std::vector<int64_t> ids;
                if (auto it = ctx.body.find("ids"); it != ctx.body.end() && it->is_array()) ids = it->get<std::vector<int64_t>>();
                return views::Answer(cases.MarkRead(ctx.actor, ids), [](int64_t n) { return json{{"marked", n}}; });
              }});
}

}  // namespace lz::http
