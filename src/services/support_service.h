// SupportService: the bodies that support the chains and open challenges (issue 7 point 5).
// Bodies — advisory committees (with their members, academicians among them), industry
// alliances, research institutes, testing centres — are kept per chain and region. An open
// challenge (揭榜挂帅) is posted for an enterprise of the registry with its technical need and a
// reward; teams' applications are recorded until the closing date; one is awarded with the
// milestones of the work, each reported done, and the challenge completes when all are done and
// the result is accepted (or is cancelled with a reason). Every write is one transaction with its
// operation-log row; the award and each move of the state are conditional on the state read
// (two managers at once: one wins, the other gets FailedPrecondition and nothing is written).
//
// Permissions: reading needs chain:chain:read; every write chain:chain:write. An applicant's phone
// is shown only to holders of chain:chain:write. Time comes only from the injected Clock.
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/chain/advisory.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct NewChallenge {
  std::string credit_code;  // the posting enterprise
  std::optional<int64_t> chain_id;
  std::optional<int64_t> segment_id;
  std::string title;
  std::string need;
  int64_t reward_yuan = 0;
  std::string apply_by;  // "YYYY-MM-DD", after today
};

// A challenge with its applications (phones masked unless the actor may write).
struct ChallengeDetail {
  storage::ChallengeRow row;
  std::vector<chain::ChallengeApplication> applications;
};

class SupportService {
 public:
  SupportService(storage::Store& store, const Clock& clock, const AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // ---- Bodies. InvalidArgument naming the field ("name", "members[1].name", "chain_id",
  // "region_code"); AlreadyExists naming "name" for a name taken; NotFound for an unknown id.
  Result<storage::SupportBodyRow> CreateBody(const Actor& actor, chain::SupportBody body);
  Result<storage::SupportBodyRow> UpdateBody(const Actor& actor, int64_t id, chain::SupportBody body);
  Status DeleteBody(const Actor& actor, int64_t id);
  Result<storage::SupportBodyRow> Body(const Actor& actor, int64_t id);
  Result<storage::PageOf<storage::SupportBodyRow>> Bodies(const Actor& actor, storage::SupportBodyQuery query);
  Result<storage::SupportFigures> Figures(const Actor& actor, const std::string& region_code);

  // ---- Open challenges. InvalidArgument naming the field ("credit_code", "segment_id",
  // "reward_yuan", "apply_by", "team", "milestones[0].due_on" …); FailedPrecondition naming
  // "state" (or "apply_by") for a move the challenge's state does not allow.
  Result<ChallengeDetail> Post(const Actor& actor, NewChallenge input);
  Result<ChallengeDetail> Apply(const Actor& actor, int64_t id, chain::ChallengeApplication application);
  Result<ChallengeDetail> Award(const Actor& actor, int64_t id, int64_t application_id,
                                std::vector<chain::ChallengeMilestone> milestones);
  Result<ChallengeDetail> MilestoneDone(const Actor& actor, int64_t id, int32_t position);
  Result<ChallengeDetail> Complete(const Actor& actor, int64_t id, const std::string& note);
  Result<ChallengeDetail> Cancel(const Actor& actor, int64_t id, const std::string& reason);
  Result<ChallengeDetail> Challenge(const Actor& actor, int64_t id);
  Result<storage::PageOf<storage::ChallengeRow>> Challenges(const Actor& actor, storage::ChallengeQuery query);

 private:
  Status CheckBodyRefs(storage::Repositories& repos, const chain::SupportBody& body) const;
  Result<ChallengeDetail> Detail(storage::Repositories& repos, const Actor& actor, int64_t id) const;
  // Loads the challenge, runs `change` on it (which may refuse), and stores the move from the
  // state it was read in.
  Result<ChallengeDetail> Move(const Actor& actor, int64_t id, std::string_view action,
                               const std::function<Status(storage::Repositories&, chain::Challenge&)>& change);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace lz::services
