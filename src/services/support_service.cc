// SupportService: support bodies and open challenges (see the header).
#include "services/support_service.h"

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/casework/meeting.h"

namespace lz::services {
namespace {

namespace perm = lz::auth::perm;
std::string Str(int64_t v) { return std::to_string(v); }

}  // namespace

Status SupportService::CheckBodyRefs(storage::Repositories& repos, const chain::SupportBody& body) const {
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(body.region_code));
  if (!region) return InvalidArgument("unknown region " + body.region_code, "region_code");
  if (body.chain_id) {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(*body.chain_id));
    if (!c) return InvalidArgument("unknown chain " + Str(*body.chain_id), "chain_id");
  }
  return Status::Ok();
}

Result<storage::SupportBodyRow> SupportService::CreateBody(const Actor& actor, chain::SupportBody body) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "support_body.create", "support_body"));
  RETURN_IF_ERROR(chain::NormaliseBody(body));
  body.created_at = body.updated_at = clock_.NowMs();
  storage::SupportBodyRow out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckBodyRefs(repos, body));
    ASSIGN_OR_RETURN(body.id, repos.support().InsertBody(body));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "support_body.create", "support_body", Str(body.id), body.name));
    ASSIGN_OR_RETURN(auto row, repos.support().GetBody(body.id));
    out = std::move(*row);
    return Status::Ok();
  }));
  return out;
}

Result<storage::SupportBodyRow> SupportService::UpdateBody(const Actor& actor, int64_t id, chain::SupportBody body) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "support_body.update", "support_body", Str(id)));
  RETURN_IF_ERROR(chain::NormaliseBody(body));
  body.id = id;
  body.updated_at = clock_.NowMs();
  storage::SupportBodyRow out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto old, repos.support().GetBody(id));
    if (!old) return NotFound("body " + Str(id) + " not found");
    body.created_at = old->body.created_at;
    RETURN_IF_ERROR(CheckBodyRefs(repos, body));
    RETURN_IF_ERROR(repos.support().UpdateBody(body));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "support_body.update", "support_body", Str(id), body.name));
    ASSIGN_OR_RETURN(auto row, repos.support().GetBody(id));
    out = std::move(*row);
    return Status::Ok();
  }));
  return out;
}

Status SupportService::DeleteBody(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "support_body.delete", "support_body", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto old, repos.support().GetBody(id));
    if (!old) return NotFound("body " + Str(id) + " not found");
    RETURN_IF_ERROR(repos.support().DeleteBody(id));
    return audit_.Record(repos, actor, "support_body.delete", "support_body", Str(id), old->body.name);
  });
}

Result<storage::SupportBodyRow> SupportService::Body(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "support_body.read", "support_body", Str(id)));
  storage::SupportBodyRow out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.support().GetBody(id));
    if (!row) return NotFound("body " + Str(id) + " not found");
    out = std::move(*row);
    return Status::Ok();
  }));
  return out;
}

Result<storage::PageOf<storage::SupportBodyRow>> SupportService::Bodies(const Actor& actor,
                                                                       storage::SupportBodyQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "support_body.list", "support_body"));
  query.q = text::Trim(query.q);
  query.page = query.page.Clamped();
  storage::PageOf<storage::SupportBodyRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.support().Bodies(query));
    return Status::Ok();
  }));
  return out;
}

Result<storage::SupportFigures> SupportService::Figures(const Actor& actor, const std::string& region_code) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "support_body.figures", "support_body"));
  storage::SupportFigures out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.support().Figures(text::Trim(region_code)));
    return Status::Ok();
  }));
  return out;
}

Result<ChallengeDetail> SupportService::Detail(storage::Repositories& repos, const Actor& actor, int64_t id) const {
  ASSIGN_OR_RETURN(auto row, repos.support().GetChallenge(id));
  if (!row) return NotFound("challenge " + Str(id) + " not found");
  ChallengeDetail d;
  d.row = std::move(*row);
  ASSIGN_OR_RETURN(d.applications, repos.support().Applications(id));
  if (!actor.Has(perm::kChainWrite)) {
    for (auto& a : d.applications) a.contact_phone = text::MaskPhone(a.contact_phone);
  }
  return d;
}

Result<ChallengeDetail> SupportService::Post(const Actor& actor, NewChallenge input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "challenge.post", "challenge"));
  const TimeMs now = clock_.NowMs();
  chain::Challenge c;
  c.chain_id = input.chain_id;
  c.segment_id = input.segment_id;
  c.title = std::move(input.title);
  c.need = std::move(input.need);
  c.reward_yuan = input.reward_yuan;
  c.apply_by = std::move(input.apply_by);
  c.created_at = c.updated_at = now;
  RETURN_IF_ERROR(chain::NormaliseChallenge(c, casework::MeetingDateOf(now)));
  ChallengeDetail out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(text::Trim(input.credit_code)));
    if (!firm) return InvalidArgument("no enterprise with credit code " + input.credit_code, "credit_code");
    c.enterprise_id = firm->id;
    if (c.chain_id) {
      ASSIGN_OR_RETURN(auto ch, repos.chains().Get(*c.chain_id));
      if (!ch) return InvalidArgument("unknown chain " + Str(*c.chain_id), "chain_id");
    }
    if (c.segment_id) {
      ASSIGN_OR_RETURN(auto segment, repos.chains().GetSegment(*c.segment_id));
      if (!segment || segment->chain_id != *c.chain_id) {
        return InvalidArgument("segment " + Str(*c.segment_id) + " is not a segment of the chain", "segment_id");
      }
    }
    ASSIGN_OR_RETURN(c.id, repos.support().InsertChallenge(c));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "challenge.post", "challenge", Str(c.id),
                                  firm->name + "：" + c.title + "（" + std::to_string(c.reward_yuan) + "元）"));
    ASSIGN_OR_RETURN(out, Detail(repos, actor, c.id));
    return Status::Ok();
  }));
  return out;
}

Result<ChallengeDetail> SupportService::Apply(const Actor& actor, int64_t id, chain::ChallengeApplication application) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, "challenge.apply", "challenge", Str(id)));
  const TimeMs now = clock_.NowMs();
  ChallengeDetail out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.support().GetChallenge(id));
    if (!row) return NotFound("challenge " + Str(id) + " not found");
    RETURN_IF_ERROR(chain::CheckApplication(row->challenge, application, casework::MeetingDateOf(now)));
    application.challenge_id = id;
    application.submitted_at = now;
    ASSIGN_OR_RETURN(application.id, repos.support().InsertApplication(application));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "challenge.apply", "challenge", Str(id), application.team));
    ASSIGN_OR_RETURN(out, Detail(repos, actor, id));
    return Status::Ok();
  }));
  return out;
}

Result<ChallengeDetail> SupportService::Move(
    const Actor& actor, int64_t id, std::string_view action,
    const std::function<Status(storage::Repositories&, chain::Challenge&)>& change) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainWrite, action, "challenge", Str(id)));
  ChallengeDetail out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.support().GetChallenge(id));
    if (!row) return NotFound("challenge " + Str(id) + " not found");
    chain::Challenge c = row->challenge;
    const chain::ChallengeState was = c.state;
    RETURN_IF_ERROR(change(repos, c));
    c.updated_at = clock_.NowMs();
    ASSIGN_OR_RETURN(bool moved, repos.support().MoveChallenge(c, was));
    if (!moved) return FailedPrecondition("the challenge changed meanwhile; reload it", "state");
    RETURN_IF_ERROR(audit_.Record(repos, actor, action, "challenge", Str(id),
                                  c.title + " → " + std::string(chain::ChallengeStateName(c.state))));
    ASSIGN_OR_RETURN(out, Detail(repos, actor, id));
    return Status::Ok();
  }));
  return out;
}

Result<ChallengeDetail> SupportService::Award(const Actor& actor, int64_t id, int64_t application_id,
                                              std::vector<chain::ChallengeMilestone> milestones) {
  const std::string today = casework::MeetingDateOf(clock_.NowMs());
  return Move(actor, id, "challenge.award", [&](storage::Repositories& repos, chain::Challenge& c) -> Status {
    RETURN_IF_ERROR(chain::CheckAward(c, milestones, today));
    ASSIGN_OR_RETURN(auto applications, repos.support().Applications(id));
    bool own = false;
    for (const auto& a : applications) own = own || a.id == application_id;
    if (!own) return InvalidArgument("application " + Str(application_id) + " is not one of this challenge's",
                                     "application_id");
    c.state = chain::ChallengeState::kAwarded;
    c.awarded_application_id = application_id;
    c.awarded_on = today;
    return repos.support().AddMilestones(id, milestones);
  });
}

Result<ChallengeDetail> SupportService::MilestoneDone(const Actor& actor, int64_t id, int32_t position) {
  const std::string today = casework::MeetingDateOf(clock_.NowMs());
  return Move(actor, id, "challenge.milestone", [&](storage::Repositories& repos, chain::Challenge& c) -> Status {
    RETURN_IF_ERROR(chain::CheckMilestoneDone(c, position));
    ASSIGN_OR_RETURN(bool marked, repos.support().MarkMilestoneDone(id, position, today));
    if (!marked) return FailedPrecondition("the milestone is done already", "position");
    return Status::Ok();
  });
}

Result<ChallengeDetail> SupportService::Complete(const Actor& actor, int64_t id, const std::string& note) {
  return Move(actor, id, "challenge.complete", [&](storage::Repositories&, chain::Challenge& c) -> Status {
    RETURN_IF_ERROR(chain::CheckComplete(c, note));
    c.state = chain::ChallengeState::kCompleted;
    c.closing_note = text::Trim(note);
    return Status::Ok();
  });
}

Result<ChallengeDetail> SupportService::Cancel(const Actor& actor, int64_t id, const std::string& reason) {
  return Move(actor, id, "challenge.cancel", [&](storage::Repositories&, chain::Challenge& c) -> Status {
    RETURN_IF_ERROR(chain::CheckCancel(c, reason));
    c.state = chain::ChallengeState::kCancelled;
    c.closing_note = text::Trim(reason);
    return Status::Ok();
  });
}

Result<ChallengeDetail> SupportService::Challenge(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "challenge.read", "challenge", Str(id)));
  ChallengeDetail out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, Detail(repos, actor, id));
    return Status::Ok();
  }));
  return out;
}

Result<storage::PageOf<storage::ChallengeRow>> SupportService::Challenges(const Actor& actor,
                                                                         storage::ChallengeQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "challenge.list", "challenge"));
  query.q = text::Trim(query.q);
  query.page = query.page.Clamped();
  storage::PageOf<storage::ChallengeRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.support().Challenges(query));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
