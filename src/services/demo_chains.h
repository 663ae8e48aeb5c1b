// Internal to the demo (services/demo.cc): the industry chains of 吉安市 from the reference article,
// built through ChainService and EnterpriseService as the system actor — chains with their lead and
// responsible units, segments (the Mini LED sub-chain of 木林森 under broader electronics
// segments), enterprises with generated credit codes, memberships and supply links. The data are
// chosen so that every chain analysis has something to show: breakpoints, leaks, and outside
// candidates for the breakpoints that already trade with local firms. Not a public interface.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "services/platform.h"

namespace lz::services::demo {

// A key enterprise that gets a commissioner (特派员), and the unit the commissioner comes from.
struct Commission {
  std::string credit_code;
  std::string enterprise_name;
  std::string unit_name;
  std::string commissioner_name;
};

struct BuiltChains {
  std::map<std::string, chain::Chain> by_key;  // "electronics", "biomedicine", ... (demo.cc's kChains keys)
  std::vector<Commission> commissions;
  int chains = 0;
  int segments = 0;
  int enterprises = 0;
  int memberships = 0;
  int links = 0;  // supply links between enterprises
};

// Builds the chains. `units` maps unit names to ids and must hold the 8 lead and 36 responsible
// departments of 吉安市 (Internal otherwise). Any service refusal is returned as it is.
Result<BuiltChains> BuildChains(Platform& platform, const Actor& actor, const std::map<std::string, int64_t>& units);

// The credit code the demo gives an enterprise: "91" (market regulator, enterprise), the first six
// digits of `region` (padded with 0), an 8-character organisation-code body derived from `name`
// ("MA…" for firms founded after the 2015 reform or of unknown age, 8 digits otherwise), its GB 11714
// check and the GB 32100 check. Generated, never a firm's real code. Deterministic.
std::string DemoCreditCode(const std::string& name, const std::string& region, const std::string& founded);

// The id of the built-in role `key` (Internal when it is missing).
Result<int64_t> BuiltinRoleId(Platform& platform, const Actor& actor, const std::string& key);

// A demo account with the given roles and data scope. Its password is random and shown nowhere:
// an administrator resets it to hand the account out. Returns the user's id.
Result<int64_t> CreateDemoUser(Platform& platform, const Actor& actor, const std::string& login,
                               const std::string& name, int64_t unit, std::vector<int64_t> role_ids,
                               auth::ScopeKind scope);

}  // namespace lz::services::demo
