// Platform: the composition root every entry point shares (serve, CLI commands, tests, bench).
// Opening it opens the database, applies pending migrations (or, with apply_migrations off, only
// checks that none is pending), loads the shipped reference data (regions of Jiangxi) when
// missing, keeps the built-in roles current and, on first start, creates the `admin` account.
// Everything after the migrations is DML, so a role with SELECT/INSERT/UPDATE/DELETE only can open
// a database its owner has migrated. Thread-safe after Open.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/clock.h"
#include "services/account_service.h"
#include "services/api_key_service.h"
#include "services/attachment_service.h"
#include "services/audit_service.h"
#include "services/audit_trail.h"
#include "services/auth_service.h"
#include "services/chain_analysis.h"
#include "services/enterprise_demand_service.h"
#include "services/chain_graph_follower.h"
#include "services/cockpit_service.h"
#include "services/chain_service.h"
#include "services/calendar_service.h"
#include "services/case_search.h"
#include "services/case_service.h"
#include "services/case_sheets.h"
#include "services/chain_sheets.h"
#include "services/project_sheets.h"
#include "services/enterprise_service.h"
#include "services/config.h"
#include "services/jobs.h"
#include "services/kpi_follower.h"
#include "services/kpi_service.h"
#include "services/meeting_service.h"
#include "services/field_service.h"
#include "services/investment_service.h"
#include "services/support_service.h"
#include "services/wish_service.h"
#include "services/work_plan_service.h"
#include "services/assessment_service.h"
#include "services/open311_service.h"
#include "services/policy_search.h"
#include "services/policy_service.h"
#include "services/org_service.h"
#include "services/public_tracking.h"
#include "services/role_permissions.h"
#include "services/working_calendar.h"
#include "storage/change_feed.h"
#include "storage/repositories.h"
#include "storage/sql/sql.h"

namespace lz::services {

// The in-memory engines a process keeps. Each is built from storage when the platform opens and
// kept current by the change feed; at province scale that costs seconds to minutes and gigabytes
// each, so a CLI command keeps only the ones it reads. A read of an engine left out fails with
// FailedPrecondition; writes work regardless (the engines of other processes follow them).
struct EngineSet {
  bool chain_graph = true;  // chain analysis, exposure, gaps and targets (ChainAnalysisService)
  bool kpi = true;          // casework KPIs (KpiService)
  bool case_search = true;  // words in case texts (CaseService::List with a q of words)

  static constexpr EngineSet None() { return {false, false, false}; }
};

struct PlatformOptions {
  std::string database = "lianzhang.db";  // SQLite file path (or sqlite:PATH), or postgresql://… URL
  std::string sqlite_synchronous = "FULL";
  unsigned postgres_pool_size = 8;
  ServiceConfig service;
  // Password of the first-start admin account; when empty a random one is generated and
  // reported through Platform::initial_admin_password().
  std::string admin_password;
  // Off: issue no DDL; Open fails (FailedPrecondition) unless the schema is exactly this binary's
  // version, telling the operator to run `lianzhang migrate` as the schema's owner.
  bool apply_migrations = true;
  // Background jobs (imports): how many run at once, how long a finished one stays readable.
  JobLimits jobs;
  EngineSet engines;
  // Public case tracking: how often an address may look up, how often a number may fail.
  TrackingLimits tracking;
  // Micro-wish claims from the public page: how often an address may claim.
  ClaimLimits wish_claims;
  // Open311 GeoReport v2: jurisdiction, channel, categories on offer, per-key rate.
  Open311Options open311;
  // Photos: the largest upload and how long a staged one waits to be attached.
  AttachmentLimits attachments;
};

class Platform {
 public:
  // `clock` must outlive the platform.
  static Result<std::unique_ptr<Platform>> Open(const PlatformOptions& options, const Clock& clock);

  storage::Store& store() { return *store_; }
  const Clock& clock() const { return clock_; }
  const ServiceConfig& config() const { return options_.service; }
  const auth::PasswordPolicy& password_policy() const { return *policy_; }
  AuthService& auth() { return *auth_; }
  OrgService& org() { return *org_; }
  AccountService& accounts() { return *accounts_; }
  AuditService& audit() { return *audit_; }
  ChainService& chains() { return *chains_; }
  EnterpriseService& enterprises() { return *enterprises_; }
  ChainAnalysisService& analysis() { return *analysis_; }
  ChainSheetsService& sheets() { return *sheets_; }
  CaseService& cases() { return *cases_; }
  CaseSheetsService& case_sheets() { return *case_sheets_; }
  // Case progress for the public, by number and the reporter's phone digits (rate-limited).
  PublicTrackingService& tracking() { return *tracking_; }
  // API keys of machine clients, and Open311 GeoReport v2 filed with them.
  ApiKeyService& api_keys() { return *api_keys_; }
  Open311Service& open311() { return *open311_; }
  // Building meetings (楼栋会): schedules, meetings, agenda items as cases, sign-offs.
  MeetingService& meetings() { return *meetings_; }
  FieldService& field() { return *field_; }
  // Micro-wishes (微心愿): campaigns, wishes as cases, publication, claims, deliveries, figures.
  WishService& wishes() { return *wishes_; }
  // The investment pipeline (招商项目), batch start ceremonies and promotion events (推介会).
  InvestmentService& investments() { return *investments_; }
  // The investment projects' template, export and import (background job).
  ProjectSheetsService& project_sheets() { return *project_sheets_; }
  // An enterprise's own account: its demands (企业诉求), filed, followed and rated.
  EnterpriseDemandService& demands() { return *demands_; }
  // Work-plan tasks (工作要点): set for units with deadlines and milestones, supervised as cases.
  WorkPlanService& work_plan() { return *work_plan_; }
  // The units' monthly assessment (考核): weight schemes and rankings.
  AssessmentService& assessment() { return *assessment_; }
  // The leaders' cockpit (驾驶舱): every figure of a leader's chains or of the city at once.
  CockpitService& cockpit() { return *cockpit_; }
  // Swaps in engines built elsewhere, as a reload would (bench/cockpit: a generated province).
  void InstallEngines(std::unique_ptr<engines::graph::ChainGraph> graph, std::unique_ptr<engines::kpi::KpiEngine> kpi) {
    chain_graph_.Install(std::move(graph));
    kpi_follower_.Install(std::move(kpi));
  }
  // The bodies supporting the chains (advisory committees …) and open challenges (揭榜挂帅).
  SupportService& support() { return *support_; }
  // Photos documenting cases (staged, then attached by the write that uses them).
  AttachmentService& attachments() { return *attachments_; }
  // The policy set (1+2+N): policies and measures, search, 惠企政策匹配, grants.
  PolicyService& policies() { return *policies_; }
  // The statutory working-day calendar deadlines are reckoned with.
  WorkingCalendar& working_calendar() { return *working_calendar_; }
  CalendarService& calendar() { return *calendar_; }
  // This server's background jobs (in memory: a job is read on the server that runs it).
  JobRunner& jobs() { return *jobs_; }
  const ChainGraphFollower& chain_graph() const { return chain_graph_; }
  // The casework KPIs (docs/kpi.md) and their in-memory aggregates, kept current by the change feed.
  KpiService& kpi() { return *kpi_; }
  const KpiFollower& kpi_follower() const { return kpi_follower_; }
  // The full-text index of the cases' titles and texts, kept current by the change feed.
  const CaseSearch& case_search() const { return case_search_; }
  const AuditTrail& audit_trail() const { return *trail_; }
  // Applies changes committed by other servers now instead of at the next notification or poll.
  Status CatchUpChanges() { return feed_->CatchUp(); }
  // Prunes the change feed's table to its newest rows (the serve janitor calls this).
  Status PruneChanges();
  // Set only when this Open created the admin account with a generated password.
  const std::optional<std::string>& initial_admin_password() const { return initial_admin_password_; }

 private:
  Platform(const PlatformOptions& options, const Clock& clock) : options_(options), clock_(clock) {}
  Status Bootstrap();

  PlatformOptions options_;
  const Clock& clock_;
  std::shared_ptr<storage::sql::Database> db_;
  std::unique_ptr<storage::Store> store_;
  RolePermissions role_permissions_;
  ChainGraphFollower chain_graph_;
  KpiFollower kpi_follower_;
  CaseSearch case_search_;
  PolicySearch policy_search_;
  std::unique_ptr<storage::ChangeFeed> feed_;  // after the store and the caches: stops first
  std::unique_ptr<auth::PasswordPolicy> policy_;
  std::unique_ptr<AuditTrail> trail_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<OrgService> org_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<ChainService> chains_;
  std::unique_ptr<EnterpriseService> enterprises_;
  std::unique_ptr<ChainAnalysisService> analysis_;
  std::unique_ptr<ChainSheetsService> sheets_;
  std::unique_ptr<WorkingCalendar> working_calendar_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<CaseSheetsService> case_sheets_;
  std::unique_ptr<PublicTrackingService> tracking_;
  std::unique_ptr<ApiKeyService> api_keys_;
  std::unique_ptr<Open311Service> open311_;
  std::unique_ptr<MeetingService> meetings_;
  std::unique_ptr<FieldService> field_;
  std::unique_ptr<WishService> wishes_;
  std::unique_ptr<InvestmentService> investments_;
  std::unique_ptr<ProjectSheetsService> project_sheets_;
  std::unique_ptr<EnterpriseDemandService> demands_;
  std::unique_ptr<WorkPlanService> work_plan_;
  std::unique_ptr<AssessmentService> assessment_;
  std::unique_ptr<CockpitService> cockpit_;
  std::unique_ptr<SupportService> support_;
  std::unique_ptr<AttachmentService> attachments_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<KpiService> kpi_;
  std::unique_ptr<CalendarService> calendar_;
  std::unique_ptr<JobRunner> jobs_;  // last: stops (waits for running jobs) before the services go
  std::optional<std::string> initial_admin_password_;
};

// Loads the common-password list shipped in data/passwords/common.txt.
std::unordered_set<std::string> ShippedCommonPasswords();

// Generates a password that satisfies both policy profiles (20 characters, four classes).
std::string GeneratePassword();

}  // namespace lz::services
