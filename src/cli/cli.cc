// Command-line commands.
#include "cli/cli.h"

#include <atomic>
#include <csignal>

#include <pthread.h>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <iostream>
#include <thread>
#include <utility>
#include <vector>

#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/config.h"
#include "http/app.h"
#include "http/routes/kpi_views.h"
#include "http/routes/views.h"
#include "http/server.h"
#include "services/article_figures.h"
#include "services/demo.h"
#include "services/demo_article.h"
#include "storage/copy.h"
#include "storage/migrate.h"
#include "storage/open_database.h"

namespace lz::cli {
namespace {

struct Common {
  std::string config_path;
  std::string db;
};

int Fail(const Status& st) {
  std::fprintf(stderr, "lianzhang: %s\n", st.ToString().c_str());
  return st.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

Result<Config> Configure(const Common& common) {
  ASSIGN_OR_RETURN(Config config, LoadConfig(common.config_path));
  if (!common.db.empty()) config.platform.database = common.db;
  return config;
}

// The database for messages: a URL's password (user:PASSWORD@host) is replaced by "***".
std::string Shown(const std::string& database) {
  size_t scheme = database.find("://");
  if (scheme == std::string::npos) return database;
  size_t at = database.rfind('@', database.find('/', scheme + 3));
  size_t colon = database.find(':', scheme + 3);
  if (at == std::string::npos || at < scheme || colon == std::string::npos || colon > at) return database;
  return database.substr(0, colon + 1) + "***" + database.substr(at);
}

void PrintInitialPassword(const services::Platform& platform) {
  if (!platform.initial_admin_password()) return;
  std::printf(
      "\n  The administrator account was created.\n  login:    admin\n  password: %s\n"
      "  This password is shown once; change it after signing in.\n\n",
      platform.initial_admin_password()->c_str());
  std::fflush(stdout);
}

// The engines each kind of command reads (services::EngineSet): a server keeps all of them, a
// report only its own, every other command none.
constexpr services::EngineSet kAllEngines{};
constexpr services::EngineSet kNoEngine = services::EngineSet::None();
constexpr services::EngineSet kChainGraphOnly{.chain_graph = true, .kpi = false, .case_search = false};
constexpr services::EngineSet kKpiOnly{.chain_graph = false, .kpi = true, .case_search = false};

// Opens the platform for a command with the engines it reads and shows the first-start admin
// password if one was made.
Result<std::unique_ptr<services::Platform>> OpenPlatform(Config config, const Clock& clock, services::EngineSet engines) {
  config.platform.engines = engines;
  ASSIGN_OR_RETURN(auto platform, services::Platform::Open(config.platform, clock));
  PrintInitialPassword(*platform);
  return platform;
}

// The demo's first day: the organisation and the chains are built on 2023-01-03, before the
// article's casework (services::ArticleDemoStart) runs through spring 2023.
constexpr TimeMs kDemoOrganisationDay = 1672707600000;  // 2023-01-03 09:00 China Standard Time

// Builds the whole demo — organisation, chains, then the article's casework driven through the
// services — on a platform of its own whose clock is simulated (the demo happened in 2023), and
// closes it. FailedPrecondition when the database has the demo already.
Result<std::pair<services::DemoSummary, services::ArticleDemoSummary>> BuildDemoDatabase(const Config& config) {
  SimulatedClock clock(kDemoOrganisationDay);
  ASSIGN_OR_RETURN(auto platform, OpenPlatform(config, clock, kNoEngine));
  ASSIGN_OR_RETURN(auto organisation, services::BuildDemo(*platform));
  ASSIGN_OR_RETURN(auto casework, services::BuildArticleDemo(*platform, clock));
  return std::make_pair(organisation, casework);
}

int Serve(const Common& common, const std::string& listen, bool demo, bool no_migrate) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  if (no_migrate) config->platform.apply_migrations = false;
  if (!listen.empty()) {
    Status st = ParseListen(listen, config->server);
    if (!st.ok()) return Fail(st);
  }
  if (demo) {
    auto built = BuildDemoDatabase(*config);
    if (!built.ok() && built.status().code() != StatusCode::kFailedPrecondition) return Fail(built.status());
  }
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kAllEngines);
  if (!platform.ok()) return Fail(platform.status());
  auto app = http::App::Create(**platform, config->app);
  if (!app.ok()) return Fail(app.status());
  // Access lines are JSON objects on stdout, one per request, without a log prefix.
  if (!spdlog::get("access")) spdlog::stdout_logger_mt("access")->set_pattern("%v");
  // SIGINT/SIGTERM are blocked here, before any worker thread exists (threads inherit the mask),
  // and taken with sigwait below: Server::Stop is not async-signal-safe, so no handler calls it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  http::App* app_ptr = app->get();
  http::Server server(config->server, [app_ptr](http::Request& r) { return app_ptr->Handle(r); });
  Status st = server.Start();
  if (!st.ok()) return Fail(st);
  std::printf("lianzhang listening on http://%s:%u\n", config->server.listen_address.c_str(), server.port());
  std::fflush(stdout);
  // Every minute (casework.escalation_interval_seconds) the escalation ladder's due rungs are
  // written (several servers may do it at once: each rung is re-decided inside its write, so it
  // is written once); every ten minutes
  // expired sessions are purged, staged uploads nobody attached swept and the change feed pruned.
  std::atomic<bool> running{true};
  const int escalation_every = static_cast<int>(config->escalation_interval_seconds);
  std::thread janitor([&] {
    const services::Actor timer = services::Actor::System("escalation");
    for (int tick = 0; running; ++tick) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (tick % escalation_every == escalation_every - 1) {
        if (auto n = (*platform)->cases().Escalate(timer); !n.ok()) {
          spdlog::warn("escalation: {}", n.status().ToString());
        } else if (*n > 0) {
          spdlog::info("escalation: {} rungs written", *n);
        }
      }
      if (tick % 600 == 599) {
        (void)(*platform)->auth().PurgeExpiredSessions();
        (void)(*platform)->PruneChanges();
        (void)(*platform)->attachments().SweepStaged();
      }
    }
  });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.Stop();
  running = false;
  janitor.join();
  spdlog::info("stopped");
  return 0;
}

int Migrate(const Common& common) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  config->platform.apply_migrations = true;  // whatever [database] migrate says: this is the command for it
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  std::printf("database %s is up to date\n", Shown(config->platform.database).c_str());
  return 0;
}

int Demo(const Common& common) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  auto built = BuildDemoDatabase(*config);
  if (!built.ok()) return Fail(built.status());
  const auto& [o, c] = *built;
  std::printf("demo built in %s: %d units, %d users, %d positions, %d chains, %d segments, %d enterprises, %d supply links\n",
              Shown(config->platform.database).c_str(), o.units, o.users, o.positions, o.chains, o.segments,
              o.enterprises, o.links);
  std::printf("article casework: %d cases, %d actions\n", c.cases, c.actions);
  return 0;
}

Result<services::UserView> FindUser(services::Platform& p, const std::string& login) {
  auto actor = services::Actor::System("cli");
  ASSIGN_OR_RETURN(auto page, p.accounts().ListUsers(actor, services::UserFilter{login, {}, {1, 100}}));
  for (auto& v : page.items) if (v.user.login == login) return std::move(v);
  return NotFound("no user with login " + login);
}

// Reads a password from the terminal without echo, or a line from a pipe.
std::string ReadPassword(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios saved{};
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  return line;
}

int UserCommand(const Common& common, const std::string& action, const std::string& login, const std::string& name,
                const std::string& unit, const std::string& role) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  services::Platform& p = **platform;
  auto actor = services::Actor::System("cli");
  if (action == "add") {
    auto units = p.org().ListUnits(actor, services::UnitFilter{unit, {}, "", {}, {1, 100}});
    if (!units.ok()) return Fail(units.status());
    const org::Unit* found = nullptr;
    for (const auto& u : units->items) if (u.name == unit) found = &u;
    if (!found) return Fail(InvalidArgument("no unit named " + unit, "unit"));
    auto roles = p.accounts().ListRoles(actor);
    if (!roles.ok()) return Fail(roles.status());
    int64_t role_id = 0;
    for (const auto& r : *roles) if (r.key == role) role_id = r.id;
    if (!role_id) return Fail(InvalidArgument("no role with key " + role, "role"));
    services::UserInput in;
    in.login = login;
    in.name = name.empty() ? login : name;
    in.unit_id = found->id;
    in.role_ids = {role_id};
    in.scope.kind = auth::ScopeKind::kOwnUnitAndBelow;
    in.password = ReadPassword("password for the new user: ");
    auto created = p.accounts().CreateUser(actor, in);
    if (!created.ok()) return Fail(created.status());
    std::printf("created user %s (id %lld)\n", login.c_str(), static_cast<long long>(created->user.id));
    return 0;
  }
  auto user = FindUser(p, login);
  if (!user.ok()) return Fail(user.status());
  Status st = action == "passwd" ? p.accounts().ResetPassword(actor, user->user.id, ReadPassword("new password: "))
                                 : p.accounts().UnlockUser(actor, user->user.id);
  if (!st.ok()) return Fail(st);
  std::printf("%s: done for %s\n", action.c_str(), login.c_str());
  return 0;
}

int AuditVerify(const Common& common) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  auto report = (*platform)->audit().Verify(services::Actor::System("cli"));
  if (!report.ok()) return Fail(report.status());
  if (report->ok()) {
    std::printf("audit chains intact: %lld rows verified\n", static_cast<long long>(report->checked));
    return 0;
  }
  const auto& bad = *report->first_bad;
  std::printf("audit chain BROKEN at %s row %lld: %s\n", std::string(audit::LogTableName(bad.log)).c_str(),
              static_cast<long long>(bad.row_id), bad.reason.c_str());
  return 3;
}

// Copies the database at `from` into the new database at `to` (SQLite file or PostgreSQL URL,
// either way), then checks the target's audit chains as `audit verify` would.
int Copy(const Common& common, const std::string& from, const std::string& to) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  storage::DatabaseOptions source_options{from, config->platform.sqlite_synchronous, 2};
  storage::DatabaseOptions target_options{to, config->platform.sqlite_synchronous, 2};
  {
    auto source = storage::OpenDatabase(source_options);
    if (!source.ok()) return Fail(source.status());
    auto target = storage::OpenDatabase(target_options);
    if (!target.ok()) return Fail(target.status());
    auto migrated = storage::Migrate(**target, clock);
    if (!migrated.ok()) return Fail(migrated.status());
    auto copied = storage::CopyDatabase(**source, **target);
    if (!copied.ok()) return Fail(copied.status());
    int64_t total = 0;
    for (const auto& t : *copied) {
      std::printf("%-24s %10lld rows\n", t.table.c_str(), static_cast<long long>(t.rows));
      total += t.rows;
    }
    std::printf("copied %lld rows in %zu tables; row counts match\n", static_cast<long long>(total), copied->size());
  }
  Config target_config = *config;
  target_config.platform.database = to;
  auto platform = OpenPlatform(target_config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  auto report = (*platform)->audit().Verify(services::Actor::System("cli"));
  if (!report.ok()) return Fail(report.status());
  if (!report->ok()) {
    std::printf("audit chain BROKEN on the target at row %lld: %s\n", static_cast<long long>(report->first_bad->row_id),
                report->first_bad->reason.c_str());
    return 3;
  }
  std::printf("audit chains intact on the target: %lld rows verified\n", static_cast<long long>(report->checked));
  return 0;
}

// Prints every chain's analysis from the chain graph engine, as the API's /api/chains/{id}/analysis
// gives it (json) or as a short table per chain (text).
int ReportChains(const Common& common, const std::string& format) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kChainGraphOnly);
  if (!platform.ok()) return Fail(platform.status());
  auto all = (*platform)->analysis().AnalyseAll(services::Actor::System("cli"));
  if (!all.ok()) return Fail(all.status());
  if (format == "json") {
    std::printf("%s\n", nlohmann::json{{"chains", http::views::Array(*all, http::views::ChainAnalysis)}}.dump(1).c_str());
    return 0;
  }
  for (const auto& a : *all) {
    std::printf("%s  completeness %.0f%% (upstream %.0f%%, midstream %.0f%%, downstream %.0f%%)\n", a.chain.name.c_str(),
                100 * a.completeness.overall.completeness, 100 * a.completeness.by_stage[0].completeness,
                100 * a.completeness.by_stage[1].completeness, 100 * a.completeness.by_stage[2].completeness);
    for (const auto& b : a.breakpoints) std::printf("  断点 breakpoint: %s\n", b.name.c_str());
    for (const auto& l : a.leaks) {
      std::printf("  漏点 leak: %s (%.0f%% of %lld yuan from outside)\n", l.segment.name.c_str(), 100 * l.supply.outside_share,
                  static_cast<long long>(l.supply.total_volume));
    }
  }
  return 0;
}

// `lianzhang report kpi`: the casework KPIs from the same engine and service as GET /api/kpi —
// its JSON document (--format json, the default) or its xlsx export (--format xlsx, needs --out).
int ReportKpi(const Common& common, const services::KpiRequest& request, const std::string& format,
              const std::string& out_file) {
  if (format == "xlsx" && out_file.empty()) return Fail(InvalidArgument("--format xlsx needs --out FILE", "out"));
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kKpiOnly);
  if (!platform.ok()) return Fail(platform.status());
  const services::Actor actor = services::Actor::System("cli");
  std::string bytes;
  if (format == "xlsx") {
    auto sheet = (*platform)->kpi().Export(actor, request);
    if (!sheet.ok()) return Fail(sheet.status());
    bytes = std::move(sheet->bytes);
  } else {
    auto report = (*platform)->kpi().Report(actor, request);
    if (!report.ok()) return Fail(report.status());
    bytes = http::views::KpiReport(*report).dump(1) + "\n";
  }
  if (out_file.empty()) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return 0;
  }
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return Fail(Unavailable("cannot write " + out_file));
  std::printf("wrote %s (%zu bytes)\n", out_file.c_str(), bytes.size());
  return 0;
}

// `lianzhang report article`: each figure of the reference article beside the one the platform
// computes (services/article_figures.h); text (default) or JSON (a list of {key, label, article,
// computed, matches}). Exit 4 when a figure differs from the article's.
int ReportArticle(const Common& common, const std::string& format) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kKpiOnly);
  if (!platform.ok()) return Fail(platform.status());
  auto figures = services::ComputeArticleFigures(**platform, services::Actor::System("cli"));
  if (!figures.ok()) return Fail(figures.status());
  bool all = true;
  for (const auto& f : *figures) all = all && f.matches;
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : *figures) {
      list.push_back({{"key", f.key}, {"label", f.label}, {"article", f.article}, {"computed", f.computed},
                      {"matches", f.matches}});
    }
    std::printf("%s\n", list.dump(1).c_str());
  } else {
    // The label last: its Chinese characters are two columns wide and would break the alignment.
    std::printf("%-30s %10s %10s    %s\n", "key", "article", "computed", "label");
    for (const auto& f : *figures) {
      std::printf("%-30s %10s %10s %s  %s\n", f.key.c_str(), f.article.c_str(), f.computed.c_str(),
                  f.matches ? "=" : "≠", f.label.c_str());
    }
  }
  return all ? 0 : 4;
}

// `lianzhang import LIST FILE` (LIST: enterprises, case-categories): the API's import, with the
// same row-by-row report; exit 3 when a row was refused.
int ImportList(const Common& common, const std::string& list, const std::string& file, const std::string& mode_name) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(InvalidArgument("cannot read " + file, "file"));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  auto mode = io::ParseImportModeName(mode_name).value_or(io::ImportMode::kAllOrNothing);
  const services::Actor actor = services::Actor::System("cli");
  auto report = list == "case-categories" ? (*platform)->case_sheets().ImportCategories(actor, bytes, mode)
                                          : (*platform)->sheets().ImportEnterprises(actor, bytes, mode);
  if (!report.ok()) return Fail(report.status());
  for (const auto& e : report->errors) {
    std::printf("row %u%s%s: %s\n", e.row, e.header.empty() ? "" : ", ", e.header.c_str(), e.message.c_str());
  }
  std::printf("%lld of %lld rows imported%s\n", static_cast<long long>(report->imported),
              static_cast<long long>(report->data_rows), report->committed ? "" : "; nothing was written");
  return report->errors.empty() ? 0 : 3;
}

// `lianzhang export LIST FILE`: the whole list as xlsx or CSV (by the file's extension).
int ExportList(const Common& common, const std::string& list, const std::string& file) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  io::Format format = file.ends_with(".csv") ? io::Format::kCsv : io::Format::kXlsx;
  const services::Actor actor = services::Actor::System("cli");
  auto sheet = list == "case-categories" ? (*platform)->case_sheets().ExportCategories(actor, format)
                                         : (*platform)->sheets().ExportEnterprises(actor, {}, format);
  if (!sheet.ok()) return Fail(sheet.status());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(sheet->bytes.data(), static_cast<std::streamsize>(sheet->bytes.size()));
  if (!out) return Fail(Unavailable("cannot write " + file));
  std::printf("wrote %s (%zu bytes)\n", file.c_str(), sheet->bytes.size());
  return 0;
}

int Backup(const Common& common, const std::string& to) {
  auto config = Configure(common);
  if (!config.ok()) return Fail(config.status());
  SystemClock clock;
  auto platform = OpenPlatform(*config, clock, kNoEngine);
  if (!platform.ok()) return Fail(platform.status());
  Status st = (*platform)->store().BackupTo(to);
  if (!st.ok()) return Fail(st);
  std::printf("backup written to %s\n", to.c_str());
  return 0;
}

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{"lianzhang 链长 — the platform of the industrial-chain chain-leader system"};
  app.require_subcommand(1);
  Common common;
  app.add_option("--config", common.config_path, "TOML config file (default: ./lianzhang.toml when present)");

  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", common.db, "database: a SQLite file path (default lianzhang.db) or a postgresql:// URL");
  };

  std::string listen;
  bool demo = false;
  bool no_migrate = false;
  auto* serve = app.add_subcommand("serve", "serve the web UI and the API");
  add_db(serve);
  serve->add_option("--listen", listen, "address and port, e.g. 127.0.0.1:8080 (port 0 picks a free one)");
  serve->add_flag("--demo", demo, "build the demo organisation first when the database has none");
  serve->add_flag("--no-migrate", no_migrate,
                  "apply no migrations (no DDL); refuse to start unless the schema is current ([database] migrate = false)");

  auto* migrate = app.add_subcommand("migrate", "apply pending database migrations and exit");
  add_db(migrate);

  auto* demo_cmd = app.add_subcommand("demo", "build the demo organisation of the reference article");
  add_db(demo_cmd);

  std::string login, name, unit, role = "staff";
  auto* user = app.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create a user (password read from the terminal or stdin)");
  add_db(user_add);
  user_add->add_option("login", login, "login name")->required();
  user_add->add_option("--name", name, "display name");
  user_add->add_option("--unit", unit, "name of the user's unit")->required();
  user_add->add_option("--role", role, "role key (default staff)");
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password (read from the terminal or stdin)");
  add_db(user_passwd);
  user_passwd->add_option("login", login, "login name")->required();
  auto* user_unlock = user->add_subcommand("unlock", "lift a lock after failed logins");
  add_db(user_unlock);
  user_unlock->add_option("login", login, "login name")->required();

  auto* audit = app.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "verify the SM3 hash chains of the login and operation logs");
  add_db(verify);

  std::string backup_to;
  auto* backup = app.add_subcommand("backup", "copy the database while it is in use (SQLite online backup)");
  add_db(backup);
  backup->add_option("--to", backup_to, "target file")->required();

  std::string import_file, import_mode = "all_or_nothing", export_file;
  auto* import_cmd = app.add_subcommand("import", "import a list from xlsx or CSV (UTF-8 or GB18030)");
  import_cmd->require_subcommand(1);
  auto* export_cmd = app.add_subcommand("export", "export a list to xlsx or CSV");
  export_cmd->require_subcommand(1);
  // Each list: `import LIST FILE [--mode]` and `export LIST FILE`.
  std::vector<std::pair<CLI::App*, CLI::App*>> lists;
  for (const auto& [name, what] : std::vector<std::pair<std::string, std::string>>{
           {"enterprises", "the enterprise registry (template: GET /api/enterprises/template)"},
           {"case-categories", "the casework category catalogue (template: GET /api/case-categories/template)"}}) {
    auto* in = import_cmd->add_subcommand(name, what);
    add_db(in);
    in->add_option("file", import_file, "xlsx or CSV file")->required();
    in->add_option("--mode", import_mode, "all_or_nothing (default) or skip_bad_rows")
        ->check(CLI::IsMember({"all_or_nothing", "skip_bad_rows"}));
    auto* out = export_cmd->add_subcommand(name, what);
    add_db(out);
    out->add_option("file", export_file, "target file: .xlsx or .csv")->required();
    lists.emplace_back(in, out);
  }

  std::string report_format = "text";
  auto* report = app.add_subcommand("report", "reports from the chain engine and the casework KPIs");
  report->require_subcommand(1);
  auto* report_chains = report->add_subcommand("chains", "per chain: completeness per stage, breakpoints and leaks");
  add_db(report_chains);
  report_chains->add_option("--format", report_format, "json or text (default text)")
      ->check(CLI::IsMember({"json", "text"}));
  services::KpiRequest kpi_request;
  std::string kpi_by = "none", kpi_bucket = "none", kpi_region_level = "county", kpi_format = "json", kpi_out;
  int64_t kpi_unit = 0, kpi_chain = 0;
  auto* report_kpi = report->add_subcommand("kpi", "the casework KPIs of the cases accepted in a period (as GET /api/kpi)");
  add_db(report_kpi);
  report_kpi->add_option("--from", kpi_request.from, "first day, YYYY-MM-DD (China Standard Time)")->required();
  report_kpi->add_option("--to", kpi_request.to, "last day, YYYY-MM-DD, inclusive")->required();
  report_kpi->add_option("--by", kpi_by, "unit, channel, category, region, chain or none (default)")
      ->check(CLI::IsMember({"none", "unit", "channel", "category", "region", "chain"}));
  auto* kpi_unit_opt = report_kpi->add_option("--unit-id", kpi_unit, "only cases whose lead unit is this one");
  report_kpi->add_option("--channel", kpi_request.channel, "only this channel (code)");
  report_kpi->add_option("--category", kpi_request.category_code, "this category code and below");
  report_kpi->add_option("--region", kpi_request.region_code, "this region code and below");
  auto* kpi_chain_opt = report_kpi->add_option("--chain-id", kpi_chain, "only cases about this chain (0: about none)");
  report_kpi->add_option("--category-level", kpi_request.category_level, "--by category: level 1 (default) … 8")
      ->check(CLI::Range(1, 8));
  report_kpi->add_option("--region-level", kpi_region_level, "--by region: province, city, county (default), township or community")
      ->check(CLI::IsMember({"province", "city", "county", "township", "community"}));
  report_kpi->add_option("--bucket", kpi_bucket, "also a series: day, week, month or year")
      ->check(CLI::IsMember({"none", "day", "week", "month", "year"}));
  report_kpi->add_option("--format", kpi_format, "json (default) or xlsx")->check(CLI::IsMember({"json", "xlsx"}));
  report_kpi->add_option("--out", kpi_out, "write to this file instead of standard output (xlsx: required)");

  std::string article_format = "text";
  auto* report_article = report->add_subcommand("article", "the reference article's figures beside the ones computed from the data");
  add_db(report_article);
  report_article->add_option("--format", article_format, "text (default) or json")->check(CLI::IsMember({"json", "text"}));

  std::string copy_from, copy_to;
  auto* copy = app.add_subcommand("copy", "copy a whole database into a new one, between SQLite and PostgreSQL");
  copy->add_option("--from", copy_from, "source: sqlite:PATH, a file path or a postgresql:// URL")->required();
  copy->add_option("--to", copy_to, "new, empty target: sqlite:PATH, a file path or a postgresql:// URL")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (serve->parsed()) return Serve(common, listen, demo, no_migrate);
  if (migrate->parsed()) return Migrate(common);
  if (demo_cmd->parsed()) return Demo(common);
  if (user_add->parsed()) return UserCommand(common, "add", login, name, unit, role);
  if (user_passwd->parsed()) return UserCommand(common, "passwd", login, name, unit, role);
  if (user_unlock->parsed()) return UserCommand(common, "unlock", login, name, unit, role);
  if (verify->parsed()) return AuditVerify(common);
  if (backup->parsed()) return Backup(common, backup_to);
  if (copy->parsed()) return Copy(common, copy_from, copy_to);
  if (report_chains->parsed()) return ReportChains(common, report_format);
  if (report_article->parsed()) return ReportArticle(common, article_format);
  if (report_kpi->parsed()) {
    kpi_request.by = *engines::kpi::ParseGroupBy(kpi_by);
    kpi_request.bucket = *engines::kpi::ParseBucket(kpi_bucket);
    kpi_request.region_level = *org::ParseRegionLevel(kpi_region_level);
    if (kpi_unit_opt->count() > 0) kpi_request.unit_id = kpi_unit;
    if (kpi_chain_opt->count() > 0) kpi_request.chain_id = kpi_chain;
    return ReportKpi(common, kpi_request, kpi_format, kpi_out);
  }
  for (const auto& [in, out] : lists) {
    if (in->parsed()) return ImportList(common, in->get_name(), import_file, import_mode);
    if (out->parsed()) return ExportList(common, out->get_name(), export_file);
  }
  return 2;
}

}  // namespace lz::cli
