// Open311Service: services from the category tree, requests as cases, status in words.
#include "services/open311_service.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/casework/answer.h"

namespace lz::services {
namespace {

using casework::CaseState;
using casework::EventType;

// The Open311 field a CaseFacts field was filled from, for error messages.
std::string_view Open311Field(std::string_view fact) {
  if (fact == "title" || fact == "text") return "description";
  if (fact == "address") return "address_string";
  if (fact == "reporter_name") return "last_name";
  if (fact == "reporter_phone") return "phone";
  if (fact == "category_code") return "service_code";
  return fact;
}

std::string Coordinates(double lat, double lon) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "WGS84 %.6f,%.6f", lat, lon);
  return buf;
}

// The state in words for the reporter; `answer` is the last reply or reason, `unit` the unit now
// responsible, `merged_into` the original's number for a duplicate.
std::string StatusNotes(CaseState state, const std::string& unit, const std::string& answer,
                        const std::string& merged_into) {
  const std::string with_answer = answer.empty() ? "" : "：" + answer;
  switch (state) {
    case CaseState::kReceived: return "已登记，待受理";
    case CaseState::kPendingDispatch: return "已受理，待派单";
    case CaseState::kDispatched: return "已派至" + unit + "，待签收";
    case CaseState::kHandling: return unit + "办理中";
    case CaseState::kReturned: return "重新派单中";
    case CaseState::kArbitration: return "确定承办单位中";
    case CaseState::kReplied: return unit + "已答复" + with_answer;
    case CaseState::kClosed:
    case CaseState::kArchived: return "已办结" + with_answer;
    case CaseState::kRejected: return "不予受理" + with_answer;
    case CaseState::kMerged: return "与" + merged_into + "为同一诉求，已合并办理";
  }
  return "";
}

bool HasAnswer(CaseState state) {
  return state == CaseState::kReplied || state == CaseState::kClosed || state == CaseState::kArchived ||
         state == CaseState::kRejected;
}

}  // namespace

Open311Service::Open311Service(storage::Store& store, const Clock& clock, CaseService& cases, ApiKeyService& keys,
                               Open311Options options)
    : store_(store),
      clock_(clock),
      cases_(cases),
      keys_(keys),
      options_(std::move(options)),
      posts_by_key_(options_.posts_per_key, options_.post_interval_ms) {}

Status Open311Service::CheckJurisdiction(std::string_view jurisdiction_id) const {
  if (jurisdiction_id.empty() || options_.jurisdiction_id.empty() || jurisdiction_id == options_.jurisdiction_id) {
    return Status::Ok();
  }
  return Status(StatusCode::kNotFound, "unknown jurisdiction_id " + std::string(jurisdiction_id), "jurisdiction_id");
}

bool Open311Service::Offered(const casework::Category& category, const std::vector<casework::Category>& all) const {
  if (!category.active) return false;
  for (const auto& other : all) {
    if (other.active && other.parent_id == category.id) return false;  // only leaves are services
  }
  if (options_.categories.empty()) return true;
  for (const auto& prefix : options_.categories) {
    if (category.code.starts_with(prefix)) return true;
  }
  return false;
}

Result<std::vector<Open311ServiceInfo>> Open311Service::ServicesIn(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(auto all, repos.catalogue().Categories());
  std::map<std::string, std::string> names;
  for (const auto& c : all) names[c.code] = c.name;
  std::vector<Open311ServiceInfo> out;
  for (const auto& c : all) {
    if (!Offered(c, all)) continue;
    Open311ServiceInfo s;
    s.code = c.code;
    s.name = c.name;
    s.handle_days = c.handle_days;
    s.group = names[c.code.substr(0, 2)];
    std::string path;
    for (size_t len = 2; len < c.code.size(); len += 2) path += names[c.code.substr(0, len)] + " / ";
    s.description = path + c.name + "：受理后 " + std::to_string(c.handle_days) + " 个工作日内办结";
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Open311ServiceInfo>> Open311Service::Services() {
  std::vector<Open311ServiceInfo> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, ServicesIn(repos));
    return Status::Ok();
  }));
  return out;
}

Result<Open311ServiceInfo> Open311Service::Service(std::string_view code) {
  ASSIGN_OR_RETURN(auto all, Services());
  for (auto& s : all) {
    if (s.code == code) return std::move(s);
  }
  return Status(StatusCode::kNotFound, "no service has the code " + std::string(code), "service_code");
}

Result<Open311Receipt> Open311Service::Submit(const open311::ServiceRequestForm& form, const std::string& client,
                                              TimeMs* retry_after_ms) {
  ASSIGN_OR_RETURN(KeyActor holder, keys_.Authenticate(form.api_key, client));
  TimeMs wait = 0;
  if (!posts_by_key_.Take(std::to_string(holder.api_key_id), clock_.NowMs(), &wait)) {
    if (retry_after_ms) *retry_after_ms = wait;
    return ResourceExhausted("too many requests from this api_key; try again in " +
                             std::to_string(RetryAfterSeconds(wait)) + " s");
  }
  RETURN_IF_ERROR(CheckJurisdiction(form.jurisdiction_id));
  Open311ServiceInfo service;
  std::string region_code;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto offered, ServicesIn(repos));
    auto it = std::find_if(offered.begin(), offered.end(), [&](const auto& s) { return s.code == form.service_code; });
    if (it == offered.end()) {
      return InvalidArgument("service_code " + form.service_code + " is not a service here", "service_code");
    }
    service = *it;
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(holder.actor.unit_id));
    if (!unit) return FailedPrecondition("the api_key's unit no longer exists", "api_key");
    region_code = unit->region_code;
    return Status::Ok();
  }));

  NewCaseInput input;
  casework::CaseFacts& f = input.facts;
  f.channel = options_.channel;
  f.category_code = form.service_code;
  f.text = form.description.empty() ? service.name : form.description;
  f.region_code = region_code;
  f.address = !form.address_string.empty() ? form.address_string
              : form.lat                   ? Coordinates(*form.lat, *form.lon)
                                           : "";
  f.reporter_name = form.last_name + form.first_name;  // family name first, as names are written here
  f.reporter_phone = form.phone;
  input.accept = false;  // the intake accepts or rejects it, as it does online submissions
  storage::Open311Request extra;
  extra.api_key_id = holder.api_key_id;
  extra.lat = form.lat;
  extra.lon = form.lon;
  extra.address_id = form.address_id;
  extra.email = form.email;
  extra.device_id = form.device_id;
  extra.account_id = form.account_id;
  extra.media_url = form.media_url;
  input.alongside = [&extra](storage::Repositories& repos, const casework::Case& c) {
    extra.case_id = c.id;
    return repos.open311().Insert(extra);
  };
  auto created = cases_.Create(holder.actor, std::move(input));
  if (!created.ok()) {
    const Status& st = created.status();
    return Status(st.code(), st.message(), std::string(Open311Field(st.field())));
  }
  Open311Receipt receipt;
  receipt.number = created->number;
  receipt.notice = "诉求已登记，待受理；受理后 " + std::to_string(service.handle_days) + " 个工作日内办结";
  receipt.account_id = form.account_id;
  return receipt;
}

Result<std::vector<Open311RequestView>> Open311Service::Requests(std::string_view api_key,
                                                                 const open311::RequestsFilter& filter,
                                                                 const std::string& client) {
  ASSIGN_OR_RETURN(KeyActor holder, keys_.Authenticate(api_key, client));
  storage::Open311Query q;
  q.api_key_id = holder.api_key_id;
  q.limit = open311::kMaxRequests;
  if (!filter.numbers.empty()) {
    q.numbers = filter.numbers;  // "This overrides all other arguments."
  } else {
    q.category_code = filter.service_code;
    q.states = filter.states;
    q.created_from = filter.from;
    q.created_to = filter.to;
  }
  std::vector<Open311RequestView> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto rows, repos.open311().List(q));
    std::map<std::string, std::string> category_names;
    std::map<int64_t, std::string> unit_names;
    for (auto& row : rows) {
      ASSIGN_OR_RETURN(auto c, repos.cases().Get(row.case_id));
      if (!c) continue;
      Open311RequestView v;
      v.c = std::move(*c);
      v.extra = std::move(row);
      auto [cat, fresh] = category_names.try_emplace(v.c.facts.category_code);
      if (fresh) {
        ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(v.c.facts.category_code));
        if (category) cat->second = category->name;
      }
      v.service_name = cat->second;
      if (v.c.lead_unit_id) {
        auto [unit, new_unit] = unit_names.try_emplace(*v.c.lead_unit_id);
        if (new_unit) {
          ASSIGN_OR_RETURN(auto u, repos.units().Get(*v.c.lead_unit_id));
          if (u) unit->second = u->name;
        }
        v.agency = unit->second;
      }
      std::string answer;
      std::string merged_into;
      if (HasAnswer(v.c.state)) {
        ASSIGN_OR_RETURN(auto events, repos.cases().Events(v.c.id));
        for (const auto& e : events) {
          if (casework::IsAnswer(e.type)) {
            answer = e.note;
          }
        }
      }
      if (v.c.merged_into) {
        ASSIGN_OR_RETURN(auto original, repos.cases().Get(*v.c.merged_into));
        if (original) merged_into = original->number;
      }
      v.status_notes = StatusNotes(v.c.state, v.agency, answer, merged_into);
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
