// WishService: micro-wishes (微心愿, issue 6 point 3, and the public list of point 6) on the
// casework engine. A campaign (活动) is organised by a unit (民政局 …) with an opening date and a
// deadline; a social worker records a child's wish at a social-work station: a case on the
// micro_wish channel (subject a child, minimised to an alias) registered through
// CaseService::CreateWithin with its wish row, dispatched to the station itself and signed for, all
// in one transaction, so the station is the intake and the lead unit and the KPI
// engine counts wishes per station and region. Publishing, each claim and the delivery are case
// actions (CaseService::Act) whose wish-row write runs inside the action's own transaction
// (ActOptions::precondition): publishing and claiming append a progress note, the delivery is the
// reply (outcome resolved, with its photos) and closes the case (the channel takes no callback).
//
// A claim is one conditional UPDATE (… WHERE claimed_at IS NULL): of two donors at once exactly one
// wins; the other gets AlreadyExists (HTTP 409) naming the wish, and nothing is written for it.
// Claims come from the public page (no account; rate-limited per client address) or are recorded
// by station staff on a donor's behalf; either is refused after the campaign's deadline. A
// delivery after the deadline is accepted and counted late.
//
// Permissions: reading needs case:case:read and follows case visibility (the station must be in
// the actor's data scope; otherwise NotFound and the refusal is logged); recording, publishing,
// claims by staff and deliveries need case:wish:write plus what the case actions need
// (case:case:create, case:case:dispatch, case:case:handle: the builtin social_worker role holds
// them all); managing a campaign needs case:wish:write with the organiser unit in scope. The
// donor's phone is shown in full only to the station's staff (case:wish:write with the station in
// scope) and never publicly; the public list carries no personal data at all.
//
// Time comes only from the injected Clock (a demo drives it over simulated days). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/wish.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/case_service.h"
#include "services/rate_limiter.h"
#include "storage/repositories.h"

namespace lz::services {

struct NewWish {
  int64_t campaign_id = 0;
  std::optional<int64_t> station_unit_id;  // default: the actor's unit
  std::string item;
  casework::WishKind kind = casework::WishKind::kMaterial;
  std::string child_alias;  // surname + 某, or 小 + given name (domain/casework/wish.h)
  int32_t child_age = 0;
  std::string story;        // public
};

struct DeliveryInput {
  std::vector<int64_t> attachment_ids;  // the actor's staged photos; at least one
  std::string note;                     // what was handed over (default: "心愿已实现")
};

// A wish as staff see it. `masked`: the donor's phone is masked (the actor is not the station's
// staff); the child's alias is then masked too.
struct WishView {
  storage::WishRow row;
  casework::WishState state = casework::WishState::kRecorded;
  bool on_time = false;  // delivered by the deadline
  bool masked = true;
};

// A wish as the public page shows it: no alias, no donor, no case number.
struct PublicWish {
  int64_t id = 0;  // the case id, for the claim
  std::string item;
  casework::WishKind kind = casework::WishKind::kMaterial;
  std::string story;
  int32_t child_age = 0;
  std::string station_name;
  int64_t campaign_id = 0;
  std::string campaign_name;
  std::string opens_on;
  std::string deadline_on;
  casework::WishState state = casework::WishState::kPublished;
};

struct PublicWishQuery {
  std::optional<int64_t> campaign_id;
  std::optional<casework::WishState> state;  // published, claimed or delivered
  storage::PageRequest page;
};

struct WishFigures {
  storage::WishCounts total;
  std::vector<storage::StationWishCounts> stations;
};

struct ClaimLimits {
  int claims_per_address = 5;             // at once; then one more every…
  TimeMs address_interval_ms = 60'000;    // …minute
};

class WishService {
 public:
  // Everything passed must outlive the service.
  WishService(storage::Store& store, const Clock& clock, const AuditTrail& audit, CaseService& cases,
              ClaimLimits limits = {})
      : store_(store),
        clock_(clock),
        audit_(audit),
        cases_(cases),
        claims_by_address_(limits.claims_per_address, limits.address_interval_ms) {}

  // ---- Campaigns. Reading needs case:case:read; writing case:wish:write, organiser in scope. ----
  Result<storage::PageOf<storage::WishCampaignRow>> Campaigns(const Actor& actor, storage::WishCampaignQuery query);
  // NotFound for an unknown id.
  Result<storage::WishCampaignRow> Campaign(const Actor& actor, int64_t id);
  // InvalidArgument naming the field (name, opens_on, deadline_on, description,
  // organiser_unit_id, region_code); NotFound naming "organiser_unit_id" when out of scope.
  Result<storage::WishCampaignRow> CreateCampaign(const Actor& actor, casework::WishCampaign campaign);
  Result<storage::WishCampaignRow> UpdateCampaign(const Actor& actor, int64_t id, casework::WishCampaign campaign);
  // FailedPrecondition naming "id" while the campaign has wishes.
  Status DeleteCampaign(const Actor& actor, int64_t id);
  // Recorded, published, claimed, delivered and delivered-by-the-deadline counts per station in
  // the actor's scope (stations of `region_code` when not empty), and their total.
  Result<WishFigures> Figures(const Actor& actor, std::optional<int64_t> campaign_id, std::string region_code = "");

  // ---- Wishes. ----------------------------------------------------------------------------------
  // Records a wish: the case (accepted by the station), its wish row and its audit rows in one
  // transaction, then the dispatch to the station and the actor's sign-for (two more actions);
  // the wish is then open (handling) with the station responsible. InvalidArgument naming the
  // field ("item", "child_alias", "child_age", "story", "campaign_id", "station_unit_id" — a
  // station must be a social_work_station); FailedPrecondition naming "campaign_id" after the
  // campaign's deadline.
  Result<WishView> Record(const Actor& actor, NewWish input);
  // Publishes the wish on the public list (a progress note on the case). FailedPrecondition when
  // published already or the campaign is closed.
  Result<WishView> Publish(const Actor& actor, int64_t case_id);
  // Station staff record a donor's claim (a progress note "已被认领（…）"). AlreadyExists naming
  // "claimed_at" when the wish is claimed; FailedPrecondition naming "published_at" (not published),
  // "deadline_on" (after the deadline) or "opens_on" (before the opening date); InvalidArgument
  // naming "donor_name" / "donor_phone".
  Result<WishView> RecordClaim(const Actor& actor, int64_t case_id, casework::Donor donor);
  // A donor claims a published wish from the public page. As RecordClaim, plus ResourceExhausted
  // (with *retry_after_ms when given) when `client` claimed too often lately; NotFound for a wish
  // that is not published.
  Result<PublicWish> ClaimPublic(std::string_view client, int64_t case_id, casework::Donor donor,
                                 TimeMs* retry_after_ms = nullptr);
  // Confirms the delivery with at least one photo (InvalidArgument naming "attachment_ids"
  // otherwise): the case's reply, outcome resolved, with the photos; the case closes.
  // FailedPrecondition naming "claimed_at" (not claimed) or "delivered_at" (delivered already).
  Result<WishView> Deliver(const Actor& actor, int64_t case_id, DeliveryInput input);

  // NotFound for an unknown wish or one outside the actor's scope.
  Result<WishView> Get(const Actor& actor, int64_t case_id);
  // The wishes in the actor's scope, newest first.
  Result<storage::PageOf<WishView>> List(const Actor& actor, storage::WishQuery query);
  // The published wishes, newest first, without personal data. Needs no account.
  Result<storage::PageOf<PublicWish>> PublicList(PublicWishQuery query);

 private:
  // The wish and its campaign inside a transaction; NotFound when the case has no wish row.
  struct Loaded {
    storage::WishRow row;
    storage::WishCampaignRow campaign;
  };
  Result<Loaded> LoadWish(storage::Repositories& repos, int64_t case_id);
  // The organiser unit checked: known (InvalidArgument naming `field`) and in scope (NotFound).
  Status CheckOrganiser(storage::Repositories& repos, const Actor& actor, int64_t unit_id, Refusal& refusal);
  // Whether the actor is the station's staff (sees donors' phones).
  Result<bool> StationStaff(storage::Repositories& repos, const Actor& actor, int64_t station_unit_id);
  Result<WishView> View(storage::Repositories& repos, const Actor& actor, storage::WishRow row);
  // The claim action (progress note with the conditional UPDATE inside it).
  Result<casework::Case> Claim(const Actor& actor, int64_t case_id, const casework::Donor& donor,
                               std::optional<int64_t> claimed_by, bool public_page);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  CaseService& cases_;
  RateLimiter claims_by_address_;
};

// The public view of a stored wish.
PublicWish ToPublicWish(const storage::WishRow& row);

}  // namespace lz::services
