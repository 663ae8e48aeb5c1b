// WishService: campaigns, wishes as micro_wish cases, publication, claims, deliveries and figures.
#include "services/wish_service.h"

#include "services/unit_scope.h"

#include "common/text.h"
#include "domain/auth/permissions.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace cw = casework;
using storage::WishCampaignRow;
using storage::WishRow;

std::string Str(int64_t v) { return std::to_string(v); }

// Whether `unit_id` is in the actor's data scope.
Result<bool> InScope(storage::Repositories& repos, const Actor& actor, int64_t unit_id) {
  if (actor.system || unit_id == actor.unit_id) return true;
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
  return unit && CoversUnit(actor, *unit);
}

}  // namespace

PublicWish ToPublicWish(const WishRow& row) {
  PublicWish p;
  p.id = row.wish.case_id;
  p.item = row.wish.item;
  p.kind = row.wish.kind;
  p.story = row.wish.story;
  p.child_age = row.wish.child_age;
  p.station_name = row.station_name;
  p.campaign_id = row.wish.campaign_id;
  p.campaign_name = row.campaign_name;
  p.opens_on = row.opens_on;
  p.deadline_on = row.deadline_on;
  p.state = cw::StateOf(row.wish);
  return p;
}

Result<WishService::Loaded> WishService::LoadWish(storage::Repositories& repos, int64_t case_id) {
  ASSIGN_OR_RETURN(auto row, repos.wishes().Get(case_id));
  if (!row) return NotFound("wish " + Str(case_id) + " not found");
  ASSIGN_OR_RETURN(auto campaign, repos.wishes().GetCampaign(row->wish.campaign_id));
  if (!campaign) return Internal("wish " + Str(case_id) + " names an unknown campaign");
  return Loaded{std::move(*row), std::move(*campaign)};
}

Status WishService::CheckOrganiser(storage::Repositories& repos, const Actor& actor, int64_t unit_id,
                                   Refusal& refusal) {
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
  if (!unit) return InvalidArgument("unknown unit " + Str(unit_id), "organiser_unit_id");
  ASSIGN_OR_RETURN(bool visible, InScope(repos, actor, unit_id));
  if (!visible) {
    refusal.Set(Str(unit_id));
    return Status(StatusCode::kNotFound, "unit " + Str(unit_id) + " not found", "organiser_unit_id");
  }
  return Status::Ok();
}

Result<bool> WishService::StationStaff(storage::Repositories& repos, const Actor& actor, int64_t station_unit_id) {
  if (!actor.Has(perm::kCaseWishWrite)) return false;
  return InScope(repos, actor, station_unit_id);
}

Result<WishView> WishService::View(storage::Repositories& repos, const Actor& actor, WishRow row) {
  WishView v;
  ASSIGN_OR_RETURN(auto campaign, repos.wishes().GetCampaign(row.wish.campaign_id));
  v.state = cw::StateOf(row.wish);
  if (campaign) v.on_time = cw::DeliveredOnTime(row.wish, campaign->campaign);
  ASSIGN_OR_RETURN(bool staff, StationStaff(repos, actor, row.wish.station_unit_id));
  v.masked = !staff;
  if (v.masked) {
    row.child_alias = cw::MaskName(row.child_alias);
    if (row.wish.donor) row.wish.donor->phone = text::MaskPhone(row.wish.donor->phone);
  }
  v.row = std::move(row);
  return v;
}

// ---- Campaigns. -----------------------------------------------------------------------------------

Result<storage::PageOf<WishCampaignRow>> WishService::Campaigns(const Actor& actor, storage::WishCampaignQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "wish.campaign.list", "wish_campaign"));
  query.q = text::Trim(query.q);
  query.page = query.page.Clamped();
  storage::PageOf<WishCampaignRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.wishes().Campaigns(query));
    return Status::Ok();
  }));
  return out;
}

Result<WishCampaignRow> WishService::Campaign(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "wish.campaign.get", "wish_campaign", Str(id)));
  WishCampaignRow out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.wishes().GetCampaign(id));
    if (!row) return NotFound("campaign " + Str(id) + " not found");
    out = std::move(*row);
    return Status::Ok();
  }));
  return out;
}

Result<WishCampaignRow> WishService::CreateCampaign(const Actor& actor, cw::WishCampaign campaign) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.campaign.create", "wish_campaign"));
  RETURN_IF_ERROR(cw::NormaliseCampaign(campaign));
  const TimeMs now = clock_.NowMs();
  WishCampaignRow out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckOrganiser(repos, actor, campaign.organiser_unit_id, refusal));
    ASSIGN_OR_RETURN(auto region, repos.regions().Get(campaign.region_code));
    if (!region) return InvalidArgument("unknown region " + campaign.region_code, "region_code");
    campaign.created_by = actor.user_id;
    campaign.created_at = campaign.updated_at = now;
    ASSIGN_OR_RETURN(campaign.id, repos.wishes().InsertCampaign(campaign, cw::CampaignClosesAt(campaign)));
    ASSIGN_OR_RETURN(auto row, repos.wishes().GetCampaign(campaign.id));
    if (!row) return Internal("the campaign just stored was not found");
    out = std::move(*row);
    return audit_.Record(repos, actor, "wish.campaign.create", "wish_campaign", Str(campaign.id),
                         campaign.name + " " + campaign.opens_on + "~" + campaign.deadline_on);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "wish.campaign.create", "wish_campaign", refusal, st));
  return out;
}

Result<WishCampaignRow> WishService::UpdateCampaign(const Actor& actor, int64_t id, cw::WishCampaign campaign) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.campaign.update", "wish_campaign", Str(id)));
  RETURN_IF_ERROR(cw::NormaliseCampaign(campaign));
  const TimeMs now = clock_.NowMs();
  WishCampaignRow out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.wishes().GetCampaign(id));
    if (!existing) return NotFound("campaign " + Str(id) + " not found");
    Refusal ignored;
    if (!CheckOrganiser(repos, actor, existing->campaign.organiser_unit_id, ignored).ok()) {
      refusal.Set(Str(id));
      return NotFound("campaign " + Str(id) + " not found");
    }
    RETURN_IF_ERROR(CheckOrganiser(repos, actor, campaign.organiser_unit_id, refusal));
    ASSIGN_OR_RETURN(auto region, repos.regions().Get(campaign.region_code));
    if (!region) return InvalidArgument("unknown region " + campaign.region_code, "region_code");
    campaign.id = id;
    campaign.created_by = existing->campaign.created_by;
    campaign.created_at = existing->campaign.created_at;
    campaign.updated_at = now;
    RETURN_IF_ERROR(repos.wishes().UpdateCampaign(campaign, cw::CampaignClosesAt(campaign)));
    ASSIGN_OR_RETURN(auto row, repos.wishes().GetCampaign(id));
    if (!row) return Internal("the campaign just stored was not found");
    out = std::move(*row);
    return audit_.Record(repos, actor, "wish.campaign.update", "wish_campaign", Str(id),
                         campaign.name + " " + campaign.opens_on + "~" + campaign.deadline_on);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "wish.campaign.update", "wish_campaign", refusal, st));
  return out;
}

Status WishService::DeleteCampaign(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.campaign.delete", "wish_campaign", Str(id)));
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.wishes().GetCampaign(id));
    if (!existing) return NotFound("campaign " + Str(id) + " not found");
    Refusal ignored;
    if (!CheckOrganiser(repos, actor, existing->campaign.organiser_unit_id, ignored).ok()) {
      refusal.Set(Str(id));
      return NotFound("campaign " + Str(id) + " not found");
    }
    RETURN_IF_ERROR(repos.wishes().DeleteCampaign(id));
    return audit_.Record(repos, actor, "wish.campaign.delete", "wish_campaign", Str(id), existing->campaign.name);
  });
  return audit_.Finish(actor, "wish.campaign.delete", "wish_campaign", refusal, st);
}

Result<WishFigures> WishService::Figures(const Actor& actor, std::optional<int64_t> campaign_id, std::string region_code) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "wish.figures", "wish_campaign",
                                 campaign_id ? Str(*campaign_id) : ""));
  storage::WishFigureQuery q;
  q.campaign_id = campaign_id;
  q.region_code = text::Trim(region_code);
  q.scope = actor.Filter();
  WishFigures out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    if (campaign_id) {
      ASSIGN_OR_RETURN(auto campaign, repos.wishes().GetCampaign(*campaign_id));
      if (!campaign) return NotFound("campaign " + Str(*campaign_id) + " not found");
    }
    ASSIGN_OR_RETURN(out.stations, repos.wishes().Figures(q));
    return Status::Ok();
  }));
  for (const auto& s : out.stations) {
    out.total.recorded += s.counts.recorded;
    out.total.published += s.counts.published;
    out.total.claimed += s.counts.claimed;
    out.total.delivered += s.counts.delivered;
    out.total.delivered_on_time += s.counts.delivered_on_time;
  }
  return out;
}

// ---- Wishes. --------------------------------------------------------------------------------------

Result<WishView> WishService::Record(const Actor& actor, NewWish input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.record", "wish"));
  cw::Wish wish;
  wish.campaign_id = input.campaign_id;
  wish.item = std::move(input.item);
  wish.kind = input.kind;
  wish.child_age = input.child_age;
  wish.story = std::move(input.story);
  RETURN_IF_ERROR(cw::NormaliseChildAlias(input.child_alias));
  RETURN_IF_ERROR(cw::NormaliseWish(wish, input.child_alias));
  const int64_t station_id = input.station_unit_id.value_or(actor.unit_id);
  if (station_id <= 0) return InvalidArgument("the station recording the wish is required", "station_unit_id");
  // The station: a social-work station in the actor's scope.
  org::Unit station;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(station_id));
    if (!unit) return InvalidArgument("unknown unit " + Str(station_id), "station_unit_id");
    ASSIGN_OR_RETURN(bool visible, InScope(repos, actor, station_id));
    if (!visible) {
      refusal.Set(Str(station_id));
      return Status(StatusCode::kNotFound, "unit " + Str(station_id) + " not found", "station_unit_id");
    }
    if (unit->kind != org::UnitKind::kSocialWorkStation) {
      return InvalidArgument(unit->name + " is not a social-work station (social_work_station)", "station_unit_id");
    }
    station = std::move(*unit);
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "wish.record", "wish", refusal, st));

  NewCaseInput in;
  cw::CaseFacts& f = in.facts;
  f.channel = std::string(cw::kWishChannel);
  f.category_code = std::string(cw::kWishCategory);
  f.title = cw::WishTitle(wish.item);
  f.text = "【" + std::string(cw::WishKindLabel(wish.kind)) + "】" + wish.item + "\n" + wish.story;
  f.region_code = station.region_code;
  f.subject_kind = cw::SubjectKind::kChild;
  f.subject_name = input.child_alias;
  in.intake_unit_id = station.id;
  in.accept = true;
  const TimeMs now = clock_.NowMs();
  in.alongside = [&](storage::Repositories& repos, const cw::Case& c) -> Status {
    ASSIGN_OR_RETURN(auto campaign, repos.wishes().GetCampaign(wish.campaign_id));
    if (!campaign) return InvalidArgument("unknown campaign " + Str(wish.campaign_id), "campaign_id");
    RETURN_IF_ERROR(cw::CheckRecordOpen(campaign->campaign, now));
    wish.case_id = c.id;
    wish.station_unit_id = station.id;
    wish.recorded_by = actor.user_id;
    wish.recorded_at = now;
    RETURN_IF_ERROR(repos.wishes().Insert(wish));
    return audit_.Record(repos, actor, "wish.record", "wish", Str(c.id), c.number + " " + wish.item);
  };
  // One transaction: the case, its wish row, and the station taking it on (dispatched to itself
  // and signed for by the social worker).
  int64_t case_id = 0;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(cw::Case c, cases_.CreateWithin(repos, actor, std::move(in)));
    case_id = c.id;
    cw::Command dispatch;
    dispatch.type = cw::EventType::kDispatch;
    dispatch.unit_id = station.id;
    RETURN_IF_ERROR(cases_.ActWithin(repos, actor, c.id, std::move(dispatch)).status());
    cw::Command sign;
    sign.type = cw::EventType::kSign;
    return cases_.ActWithin(repos, actor, c.id, std::move(sign)).status();
  }));
  return Get(actor, case_id);
}

Result<WishView> WishService::Publish(const Actor& actor, int64_t case_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.publish", "wish", Str(case_id)));
  ActOptions options;
  options.precondition = [&](storage::Repositories& repos, const cw::Case&, cw::Command&) -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, LoadWish(repos, case_id));
    const TimeMs now = clock_.NowMs();
    RETURN_IF_ERROR(cw::CheckPublish(loaded.row.wish, loaded.campaign.campaign, now));
    ASSIGN_OR_RETURN(bool published, repos.wishes().MarkPublished(case_id, now));
    if (!published) return FailedPrecondition("the wish is published already", "published_at");
    return audit_.Record(repos, actor, "wish.publish", "wish", Str(case_id), loaded.row.wish.item);
  };
  cw::Command progress;
  progress.type = cw::EventType::kProgress;
  progress.note = "心愿已公开发布，等待认领";
  RETURN_IF_ERROR(cases_.Act(actor, case_id, std::move(progress), options).status());
  return Get(actor, case_id);
}

Result<cw::Case> WishService::Claim(const Actor& actor, int64_t case_id, const cw::Donor& donor,
                                    std::optional<int64_t> claimed_by, bool public_page) {
  ActOptions options;
  options.precondition = [&](storage::Repositories& repos, const cw::Case&, cw::Command&) -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, LoadWish(repos, case_id));
    if (public_page && !loaded.row.wish.published_at) return NotFound("wish " + Str(case_id) + " not found");
    const TimeMs now = clock_.NowMs();
    RETURN_IF_ERROR(cw::CheckClaim(loaded.row.wish, loaded.campaign.campaign, now));
    // The guard that decides a race: only one UPDATE finds the wish unclaimed.
    ASSIGN_OR_RETURN(bool claimed, repos.wishes().Claim(case_id, donor, claimed_by, now));
    if (!claimed) {
      return AlreadyExists("wish " + Str(case_id) + " (" + loaded.row.wish.item + ") is already claimed", "claimed_at");
    }
    return audit_.Record(repos, actor, "wish.claim", "wish", Str(case_id),
                         std::string(public_page ? "公开页面认领 " : "代为登记认领 ") + cw::MaskName(donor.name));
  };
  cw::Command progress;
  progress.type = cw::EventType::kProgress;
  progress.note = cw::ClaimNote(donor) + (public_page ? "，经公开页面" : "");
  return cases_.Act(actor, case_id, std::move(progress), options);
}

Result<WishView> WishService::RecordClaim(const Actor& actor, int64_t case_id, cw::Donor donor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.claim", "wish", Str(case_id)));
  RETURN_IF_ERROR(cw::NormaliseDonor(donor));
  RETURN_IF_ERROR(Claim(actor, case_id, donor, actor.user_id ? std::optional<int64_t>(actor.user_id) : std::nullopt,
                        false)
                      .status());
  return Get(actor, case_id);
}

Result<PublicWish> WishService::ClaimPublic(std::string_view client, int64_t case_id, cw::Donor donor,
                                            TimeMs* retry_after_ms) {
  RETURN_IF_ERROR(cw::NormaliseDonor(donor));
  if (!claims_by_address_.Take(client, clock_.NowMs(), retry_after_ms)) {
    return ResourceExhausted("too many claims from this address; try again later");
  }
  Actor actor = Actor::System("public");
  actor.client_address = std::string(client);
  RETURN_IF_ERROR(Claim(actor, case_id, donor, std::nullopt, true).status());
  PublicWish out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.wishes().Get(case_id));
    if (!row) return NotFound("wish " + Str(case_id) + " not found");
    out = ToPublicWish(*row);
    return Status::Ok();
  }));
  return out;
}

Result<WishView> WishService::Deliver(const Actor& actor, int64_t case_id, DeliveryInput input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseWishWrite, "wish.deliver", "wish", Str(case_id)));
  if (input.attachment_ids.empty()) {
    return InvalidArgument("a delivery is confirmed with at least one photo", "attachment_ids");
  }
  std::string note = text::Trim(input.note);
  ActOptions options;
  options.attachment_ids = input.attachment_ids;
  options.precondition = [&](storage::Repositories& repos, const cw::Case&, cw::Command&) -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, LoadWish(repos, case_id));
    RETURN_IF_ERROR(cw::CheckDelivery(loaded.row.wish, input.attachment_ids.size()));
    const TimeMs now = clock_.NowMs();
    ASSIGN_OR_RETURN(bool delivered, repos.wishes().MarkDelivered(case_id, now));
    if (!delivered) return FailedPrecondition("the wish is delivered already", "delivered_at");
    loaded.row.wish.delivered_at = now;
    return audit_.Record(repos, actor, "wish.deliver", "wish", Str(case_id),
                         loaded.row.wish.item + (cw::DeliveredOnTime(loaded.row.wish, loaded.campaign.campaign)
                                                     ? ""
                                                     : "（逾期）"));
  };
  cw::Command reply;
  reply.type = cw::EventType::kReply;
  reply.outcome = cw::Outcome::kResolved;
  reply.note = note.empty() ? "心愿已实现" : "心愿已实现：" + note;
  RETURN_IF_ERROR(cases_.Act(actor, case_id, std::move(reply), options).status());
  return Get(actor, case_id);
}

Result<WishView> WishService::Get(const Actor& actor, int64_t case_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "wish.get", "wish", Str(case_id)));
  WishView out;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto row, repos.wishes().Get(case_id));
    if (!row) return NotFound("wish " + Str(case_id) + " not found");
    bool visible = actor.system;
    if (!visible) {
      ASSIGN_OR_RETURN(visible, repos.cases().Visible(case_id, actor.Filter()));
    }
    if (!visible) {
      refusal.Set(Str(case_id));
      return NotFound("wish " + Str(case_id) + " not found");
    }
    ASSIGN_OR_RETURN(out, View(repos, actor, std::move(*row)));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "wish.get", "wish", refusal, st));
  return out;
}

Result<storage::PageOf<WishView>> WishService::List(const Actor& actor, storage::WishQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "wish.list", "wish"));
  query.scope = actor.Filter();
  query.page = query.page.Clamped();
  query.published_only = false;
  storage::PageOf<WishView> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto page, repos.wishes().List(query));
    out.total = page.total;
    for (auto& row : page.items) {
      ASSIGN_OR_RETURN(auto view, View(repos, actor, std::move(row)));
      out.items.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return out;
}

Result<storage::PageOf<PublicWish>> WishService::PublicList(PublicWishQuery query) {
  if (query.state == cw::WishState::kRecorded) {
    return InvalidArgument("the public list holds published, claimed and delivered wishes", "state");
  }
  storage::WishQuery q;
  q.campaign_id = query.campaign_id;
  q.state = query.state;
  q.published_only = true;
  q.scope = auth::ScopeFilter::All();
  q.page = query.page.Clamped();
  storage::PageOf<PublicWish> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto page, repos.wishes().List(q));
    out.total = page.total;
    for (const auto& row : page.items) out.items.push_back(ToPublicWish(row));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
