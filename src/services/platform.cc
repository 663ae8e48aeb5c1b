// Platform: opening the database, reference data, built-in roles, first-start admin.
#include "services/platform.h"

#include <sodium.h>

#include <spdlog/spdlog.h>

#include "common/csv.h"
#include "common/embedded.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/ics_schedule.h"
#include "services/casework_catalogue.h"
#include "storage/migrate.h"
#include "storage/sql_store.h"
#include "storage/open_database.h"

namespace lz::services {
namespace {

constexpr const char* kJiangxiRegionsFile = "data/regions/jiangxi.csv";  // down to communities
constexpr const char* kChinaRegionsFile = "data/regions/china.csv";      // other provinces, to counties
constexpr const char* kPasswordsFile = "data/passwords/common.txt";
constexpr const char* kSystemUnitName = "系统管理";

struct BuiltinRole {
  const char* key;
  const char* name;
  std::vector<std::string_view> permissions;  // empty = every permission
};

std::vector<BuiltinRole> BuiltinRoles() {
  namespace p = auth::perm;
  return {
      {"admin", "系统管理员", {}},
      {"org_admin", "组织管理员",
       {p::kRegionRead, p::kRegionWrite, p::kUnitRead, p::kUnitWrite, p::kPositionRead, p::kPositionWrite,
        p::kUserRead, p::kUserWrite, p::kRoleRead}},
      {"auditor", "安全审计员", {p::kAuditRead, p::kUserRead, p::kUnitRead, p::kRegionRead}},
      {"staff", "业务人员",
       {p::kRegionRead, p::kUnitRead, p::kPositionRead, p::kChainRead, p::kEnterpriseRead, p::kCaseRead,
        p::kPolicyRead}},
      {"chain_admin", "产业链管理员",
       {p::kRegionRead, p::kUnitRead, p::kPositionRead, p::kChainRead, p::kChainWrite, p::kEnterpriseRead,
        p::kEnterpriseWrite, p::kPolicyRead, p::kPolicyWrite, p::kPolicyGrant, p::kProjectRead, p::kProjectWrite}},
      // Investment teams (招商专班): run the project pipeline and the promotion events, and register
      // the investors they bring in the enterprise registry.
      {"investment_officer", "招商专员",
       {p::kRegionRead, p::kUnitRead, p::kChainRead, p::kEnterpriseRead, p::kEnterpriseWrite, p::kProjectRead,
        p::kProjectWrite}},
      // The city's leaders: the city cockpit (驾驶舱) and read access to what it drills down to.
      {"city_leader", "市领导",
       {p::kRegionRead, p::kUnitRead, p::kPositionRead, p::kChainRead, p::kEnterpriseRead, p::kProjectRead,
        p::kPolicyRead, p::kCaseRead, p::kCaseKpi, p::kCockpitRead}},
      {"case_dispatcher", "受理派单员",
       {p::kRegionRead, p::kUnitRead, p::kUserRead, p::kEnterpriseRead, p::kCaseRead, p::kCaseCreate, p::kCaseDispatch,
        p::kCaseKpi}},
      {"case_handler", "承办人员", {p::kRegionRead, p::kUnitRead, p::kEnterpriseRead, p::kCaseRead, p::kCaseHandle}},
      {"patroller", "巡查队员", {p::kRegionRead, p::kUnitRead, p::kCaseRead, p::kCaseCreate, p::kCasePatrol}},
      // Field staff who serve enterprises: record visits and file the problems raised (特派员驻企帮扶,
      // 营商环境联络员 / 监督员 / 监测点联系人); they read the enterprises and the cases they filed.
      {"commissioner", "特派员",
       {p::kRegionRead, p::kUnitRead, p::kEnterpriseRead, p::kEnterpriseVisit, p::kCaseRead, p::kCaseCreate}},
      {"liaison_officer", "营商环境联络员",
       {p::kRegionRead, p::kUnitRead, p::kEnterpriseRead, p::kEnterpriseVisit, p::kCaseRead, p::kCaseCreate}},
      {"social_worker", "社工",
       {p::kRegionRead, p::kUnitRead, p::kCaseRead, p::kCaseCreate, p::kCaseDispatch, p::kCaseHandle,
        p::kCaseWishWrite}},
      // An enterprise's own account: files and follows its demands (企业诉求) through its
      // enterprise_contact position; no case:case:read, so no other case is visible to it.
      {"enterprise_user", "企业用户", {p::kCaseCreate, p::kCaseDemand}},
      // The supervision office (督查室) that sets the work plan's tasks for the units and follows them.
      {"task_supervisor", "工作督查员",
       {p::kRegionRead, p::kUnitRead, p::kUserRead, p::kChainRead, p::kCaseRead, p::kCaseCreate, p::kCaseDispatch,
        p::kCaseKpi, p::kTaskWrite, p::kAssessRead, p::kAssessWrite}},
      {"case_supervisor", "督办仲裁员",
       {p::kRegionRead, p::kUnitRead, p::kUserRead, p::kEnterpriseRead, p::kCaseRead, p::kCaseArbitrate,
        p::kCaseCatalogue, p::kCaseKpi, p::kAssessRead}},
  };
}

Status LoadRegions(storage::Repositories& repos, const char* path) {
  const EmbeddedFile* file = storage::assets::Find(path);
  if (!file) return Internal(std::string("reference data missing from the binary: ") + path);
  std::vector<std::vector<std::string>> records;
  if (!csv::Parse(file->bytes, records) || records.empty()) return Internal("malformed region data");
  std::vector<org::Region> regions;
  regions.reserve(records.size());
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.size() != 4) return Internal("malformed region data at line " + std::to_string(i + 1));
    auto level = org::ParseRegionLevel(r[2]);
    if (!level) return Internal("unknown region level at line " + std::to_string(i + 1));
    regions.push_back(org::Region{r[0], r[1], *level, r[3], 0});
  }
  return repos.regions().InsertMany(regions, "gbt2260");
}

}  // namespace

std::unordered_set<std::string> ShippedCommonPasswords() {
  std::unordered_set<std::string> out;
  const EmbeddedFile* file = storage::assets::Find(kPasswordsFile);
  if (!file) return out;
  std::string_view rest = file->bytes;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty()) out.emplace(line);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  return out;
}

std::string GeneratePassword() {
  static constexpr std::string_view kClasses[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz",
                                                   "23456789", "-_.!@#%+="};
  std::string out;
  for (int i = 0; i < 20; ++i) {
    std::string_view cls = kClasses[i < 4 ? i : randombytes_uniform(4)];
    out.push_back(cls[randombytes_uniform(static_cast<uint32_t>(cls.size()))]);
  }
  // Shuffle so the first four characters do not reveal the class order.
  for (size_t i = out.size() - 1; i > 0; --i) std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  return out;
}

Result<std::unique_ptr<Platform>> Platform::Open(const PlatformOptions& options, const Clock& clock) {
  RETURN_IF_ERROR(crypto::Init());
  auto p = std::unique_ptr<Platform>(new Platform(options, clock));
  ASSIGN_OR_RETURN(p->db_, storage::OpenDatabase(storage::DatabaseOptions{
                               options.database, options.sqlite_synchronous, options.postgres_pool_size}));
  if (options.apply_migrations) {
    RETURN_IF_ERROR(storage::Migrate(*p->db_, clock).status());
  } else if (Status st = storage::CheckSchema(*p->db_); !st.ok()) {
    return Status(st.code(), "this server does not migrate (--no-migrate or [database] migrate = false) and " + st.message());
  }
  p->store_ = storage::MakeSqlStore(p->db_);
  p->policy_ = std::make_unique<auth::PasswordPolicy>(options.service.password_profile, ShippedCommonPasswords());
  p->trail_ = std::make_unique<AuditTrail>(*p->store_, clock);
  p->auth_ = std::make_unique<AuthService>(*p->store_, clock, *p->trail_, p->options_.service, *p->policy_,
                                           p->role_permissions_);
  p->org_ = std::make_unique<OrgService>(*p->store_, clock, *p->trail_);
  p->accounts_ = std::make_unique<AccountService>(*p->store_, clock, *p->trail_, p->options_.service, *p->policy_);
  p->audit_ = std::make_unique<AuditService>(*p->store_, *p->trail_);
  p->chains_ = std::make_unique<ChainService>(*p->store_, clock, *p->trail_);
  p->enterprises_ = std::make_unique<EnterpriseService>(*p->store_, clock, *p->trail_);
  p->analysis_ = std::make_unique<ChainAnalysisService>(*p->store_, *p->trail_, p->options_.service, p->chain_graph_,
                                                       clock);
  p->jobs_ = std::make_unique<JobRunner>(clock, options.jobs);
  p->sheets_ = std::make_unique<ChainSheetsService>(*p->store_, clock, *p->trail_, *p->enterprises_, *p->analysis_,
                                                    *p->jobs_);
  ASSIGN_OR_RETURN(calendar::WorkCalendar work_calendar, calendar::LoadDefaultCalendar(storage::assets::All()));
  p->working_calendar_ = std::make_unique<WorkingCalendar>(work_calendar);
  p->calendar_ = std::make_unique<CalendarService>(*p->store_, clock, *p->trail_, *p->working_calendar_,
                                                   std::move(work_calendar));
  p->cases_ = std::make_unique<CaseService>(*p->store_, clock, *p->trail_, *p->working_calendar_,
                                            p->role_permissions_, &p->case_search_);
  p->case_sheets_ = std::make_unique<CaseSheetsService>(*p->store_, *p->trail_, *p->jobs_);
  p->tracking_ = std::make_unique<PublicTrackingService>(*p->store_, clock, options.tracking);
  p->api_keys_ = std::make_unique<ApiKeyService>(*p->store_, clock, *p->trail_, options.service.session_touch_interval);
  p->open311_ = std::make_unique<Open311Service>(*p->store_, clock, *p->cases_, *p->api_keys_, options.open311);
  p->meetings_ = std::make_unique<MeetingService>(*p->store_, clock, *p->trail_, *p->cases_);
  p->field_ = std::make_unique<FieldService>(*p->store_, clock, *p->trail_, *p->cases_);
  p->wishes_ = std::make_unique<WishService>(*p->store_, clock, *p->trail_, *p->cases_, options.wish_claims);
  p->investments_ = std::make_unique<InvestmentService>(*p->store_, clock, *p->trail_, *p->enterprises_);
  p->project_sheets_ = std::make_unique<ProjectSheetsService>(*p->store_, clock, *p->trail_, *p->investments_, *p->jobs_);
  p->demands_ = std::make_unique<EnterpriseDemandService>(*p->store_, *p->trail_, *p->cases_);
  p->work_plan_ = std::make_unique<WorkPlanService>(*p->store_, clock, *p->trail_, *p->cases_);
  p->assessment_ = std::make_unique<AssessmentService>(*p->store_, clock, *p->trail_, p->kpi_follower_);
  p->support_ = std::make_unique<SupportService>(*p->store_, clock, *p->trail_);
  p->cockpit_ = std::make_unique<CockpitService>(*p->store_, clock, *p->trail_, p->options_.service, p->chain_graph_,
                                                 p->kpi_follower_);
  p->attachments_ = std::make_unique<AttachmentService>(*p->store_, clock, *p->trail_, options.attachments);
  p->policies_ = std::make_unique<PolicyService>(*p->store_, clock, *p->trail_, &p->policy_search_);
  p->kpi_ = std::make_unique<KpiService>(*p->store_, clock, *p->trail_, p->kpi_follower_);
  RETURN_IF_ERROR(p->Bootstrap());
  p->feed_ = std::make_unique<storage::ChangeFeed>(*p->store_);
  p->feed_->Subscribe(p->role_permissions_);
  if (options.engines.chain_graph) p->feed_->Subscribe(p->chain_graph_);
  if (options.engines.kpi) p->feed_->Subscribe(p->kpi_follower_);
  if (options.engines.case_search) p->feed_->Subscribe(p->case_search_);
  p->feed_->Subscribe(*p->calendar_);
  p->feed_->Subscribe(p->policy_search_);
  RETURN_IF_ERROR(p->feed_->Load());
  p->feed_->Listen(std::chrono::milliseconds(options.service.change_poll_interval));
  return p;
}

Status Platform::PruneChanges() {
  return store_->Write([&](storage::Repositories& repos) {
    return repos.changes().Prune(options_.service.changes_kept).status();
  });
}

Status Platform::Bootstrap() {
  // Reference data and built-in roles: idempotent, one transaction.
  RETURN_IF_ERROR(store_->Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(int64_t regions, repos.regions().Count());
    if (regions == 0) {
      RETURN_IF_ERROR(LoadRegions(repos, kJiangxiRegionsFile));
      spdlog::info("loaded the GB/T 2260 regions of Jiangxi");
    }
    ASSIGN_OR_RETURN(int64_t provinces, repos.regions().CountAtLevel(org::RegionLevel::kProvince, ""));
    if (provinces < 2) {
      RETURN_IF_ERROR(LoadRegions(repos, kChinaRegionsFile));
      spdlog::info("loaded the GB/T 2260 provinces, cities and counties of the rest of China");
    }
    for (const auto& b : BuiltinRoles()) {
      auth::Role role{0, b.key, b.name, {}, true};
      if (b.permissions.empty()) {
        for (const auto& info : auth::AllPermissions()) role.permissions.emplace(info.key);
      } else {
        for (auto perm : b.permissions) role.permissions.emplace(perm);
      }
      ASSIGN_OR_RETURN(auto existing, repos.roles().GetByKey(b.key));
      if (!existing) {
        RETURN_IF_ERROR(repos.roles().Insert(role).status());
      } else if (existing->permissions != role.permissions) {
        role.id = existing->id;
        role.name = existing->name;
        RETURN_IF_ERROR(repos.roles().Update(role));
      }
    }
    return LoadDefaultCasework(repos);
  }));

  // First start: the admin account, in a unit of its own at the province level.
  bool admin_exists = false;
  RETURN_IF_ERROR(store_->Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto done, repos.settings().Get("bootstrap.admin_created"));
    admin_exists = done.has_value();
    return Status::Ok();
  }));
  if (admin_exists) return Status::Ok();
  std::string password = options_.admin_password;
  bool generated = false;
  if (password.empty()) {
    password = GeneratePassword();
    generated = true;
  } else {
    RETURN_IF_ERROR(policy_->Check(password, "admin", "LIANZHANG_ADMIN_PASSWORD"));
  }
  bool created = false;
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(password, options_.service.password_cost));
  RETURN_IF_ERROR(store_->Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto done, repos.settings().Get("bootstrap.admin_created"));
    if (done) return Status::Ok();
    Actor system = Actor::System("bootstrap");
    TimeMs now = clock_.NowMs();
    org::Unit unit;
    unit.name = kSystemUnitName;
    unit.kind = org::UnitKind::kOther;
    unit.region_code = "36";
    unit.created_at = unit.updated_at = now;
    ASSIGN_OR_RETURN(auto existing_unit, repos.units().FindByName(kSystemUnitName));
    if (existing_unit) {
      unit.id = *existing_unit;
    } else {
      RETURN_IF_ERROR(repos.units().Insert(unit).status());
      RETURN_IF_ERROR(trail_->Record(repos, system, "unit.create", "unit", std::to_string(unit.id), unit.name));
    }
    ASSIGN_OR_RETURN(auto admin_role, repos.roles().GetByKey("admin"));
    auth::User admin;
    admin.login = "admin";
    admin.name = "系统管理员";
    admin.unit_id = unit.id;
    admin.role_ids = {admin_role->id};
    admin.scope.kind = auth::ScopeKind::kAll;
    admin.password_hash = hash;
    admin.password_changed_at = admin.created_at = admin.updated_at = now;
    ASSIGN_OR_RETURN(admin.id, repos.users().Insert(admin));
    RETURN_IF_ERROR(trail_->Record(repos, system, "user.create", "user", std::to_string(admin.id), "admin"));
    created = true;
    return repos.settings().Put("bootstrap.admin_created", FormatIsoTime(now));
  }));
  if (created && generated) initial_admin_password_ = password;
  return Status::Ok();
}

}  // namespace lz::services
