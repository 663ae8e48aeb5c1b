// EnterpriseService: the enterprise registry keyed by the unified social credit code, the
// enterprises' places on chain segments, and the supply links between them. Reading needs
// chain:enterprise:read, changing chain:enterprise:write. A credit code that is malformed or
// already registered is refused with the reason; a name that normalises like another firm's
// (full-width/half-width, 有限公司/有限责任公司) is accepted but reported in `similar`, so the user
// can see a likely duplicate. Every write is one transaction with its operation-log row.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct EnterpriseInput {
  std::string credit_code;
  std::string name;
  std::string region_code;
  bool local = false;
  chain::SizeClass size = chain::SizeClass::kSmall;
  int64_t revenue = 0;
  int64_t employees = 0;
  std::string founded;
};

struct SupplyLinkInput {
  int64_t supplier_id = 0;
  int64_t buyer_id = 0;
  int64_t volume = 0;
  std::string note;
};

// An enterprise with its places on chains and its links, for the profile page.
struct EnterpriseProfile {
  chain::Enterprise enterprise;
  std::vector<chain::Membership> memberships;
  std::vector<chain::SupplyLink> suppliers;  // links where it buys
  std::vector<chain::SupplyLink> buyers;     // links where it supplies
  std::vector<chain::Enterprise> similar;    // other firms whose names normalise alike
};

// A saved enterprise and the firms it may duplicate.
struct EnterpriseSaved {
  chain::Enterprise enterprise;
  std::vector<chain::Enterprise> similar;
};

class EnterpriseService {
 public:
  EnterpriseService(storage::Store& store, const Clock& clock, const AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<storage::PageOf<chain::Enterprise>> List(const Actor& actor, const storage::EnterpriseQuery& query);
  // Calls `sink` for every enterprise matching the query (exports).
  Status ForEach(const Actor& actor, const storage::EnterpriseQuery& query,
                 const std::function<Status(const chain::Enterprise&)>& sink);
  Result<EnterpriseProfile> Get(const Actor& actor, int64_t id);
  Result<EnterpriseSaved> Create(const Actor& actor, const EnterpriseInput& input);
  Result<EnterpriseSaved> Update(const Actor& actor, int64_t id, const EnterpriseInput& input);
  // Deletes the enterprise with its memberships and links. FailedPrecondition while cases,
  // investment projects, policy grants, visits or open challenges name it (nothing is deleted).
  Status Delete(const Actor& actor, int64_t id);

  // Places the enterprise on a segment with a role, or changes its role there.
  Status SetMembership(const Actor& actor, int64_t enterprise_id, int64_t segment_id, chain::MemberRole role);
  Status RemoveMembership(const Actor& actor, int64_t enterprise_id, int64_t segment_id);

  // AlreadyExists when the two firms are linked in that direction already.
  Result<chain::SupplyLink> CreateLink(const Actor& actor, const SupplyLinkInput& input);
  // Changes the volume and note of a link.
  Result<chain::SupplyLink> UpdateLink(const Actor& actor, int64_t id, int64_t volume, const std::string& note);
  Status DeleteLink(const Actor& actor, int64_t id);

  // The checks Create applies, inside the caller's write transaction (imports use them per row):
  // normalises the fields, checks the region, refuses a taken credit code. Sets `similar`.
  Status CheckNew(storage::Repositories& repos, chain::Enterprise& e, std::vector<chain::Enterprise>& similar) const;

 private:
  Status Check(storage::Repositories& repos, chain::Enterprise& e, std::vector<chain::Enterprise>& similar) const;

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace lz::services
