// JobRunner: a fixed pool of worker threads, the jobs in memory, limits and expiry.
#include "services/jobs.h"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/enum_names.h"

namespace lz::services {
namespace {

constexpr auto kStateNames = MakeEnumNames<JobState>(std::pair{JobState::kRunning, std::string_view("running")},
                                                     std::pair{JobState::kSucceeded, std::string_view("succeeded")},
                                                     std::pair{JobState::kFailed, std::string_view("failed")});
constexpr auto kPhaseNames = MakeEnumNames<JobPhase>(std::pair{JobPhase::kReading, std::string_view("reading")},
                                                     std::pair{JobPhase::kChecking, std::string_view("checking")},
                                                     std::pair{JobPhase::kWriting, std::string_view("writing")});

Status NoSuchJob() { return NotFound("no such job (it may have expired)"); }

}  // namespace

std::string_view JobStateName(JobState state) { return kStateNames.Name(state); }
std::string_view JobPhaseName(JobPhase phase) { return kPhaseNames.Name(phase); }

JobRunner::JobRunner(const Clock& clock, JobLimits limits) : clock_(clock), limits_(limits) {
  const int threads = std::max(1, limits_.max_running);
  workers_.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    const TimeMs now = clock_.NowMs();
    for (auto& job : queue_) {
      job->view.state = JobState::kFailed;
      job->view.error = Unavailable("the server stopped before the job could start");
      job->view.finished_at = now;
      job->work = nullptr;
    }
    queue_.clear();
  }
  work_ready_.notify_all();
  job_done_.notify_all();
  for (auto& t : workers_) t.join();
}

Result<JobSnapshot> JobRunner::StartErased(const Actor& actor, std::string kind, ErasedWork work) {
  std::unique_lock lock(mu_);
  if (stopping_) return Unavailable("the server is stopping");
  const TimeMs now = clock_.NowMs();
  ExpireLocked(now);
  int running = 0, mine = 0;
  for (const auto& [id, job] : jobs_) {
    if (job->view.state != JobState::kRunning) continue;
    ++running;
    if (job->view.owner_id == actor.user_id) ++mine;
  }
  if (mine >= limits_.max_running_per_user) {
    return ResourceExhausted("you already have " + std::to_string(mine) +
                             " jobs running; wait for one to finish, then try again");
  }
  if (running >= limits_.max_running) {
    return ResourceExhausted("the server is busy with " + std::to_string(running) + " jobs; try again shortly");
  }
  auto job = std::make_shared<Job>();
  do {
    job->view.id = crypto::RandomHex(16);
  } while (jobs_.count(job->view.id) > 0);
  job->view.kind = std::move(kind);
  job->view.owner_id = actor.user_id;
  job->view.started_at = now;
  job->work = std::move(work);
  jobs_.emplace(job->view.id, job);
  queue_.push_back(job);
  JobSnapshot snapshot = job->view;
  lock.unlock();
  work_ready_.notify_one();
  return snapshot;
}

void JobRunner::WorkerLoop() {
  for (;;) {
    std::shared_ptr<Job> job;
    ErasedWork work;
    {
      std::unique_lock lock(mu_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
      work = std::move(job->work);
      job->work = nullptr;
    }
    ProgressFn progress = [this, job](const JobProgress& p) {
      std::lock_guard lock(mu_);
      job->view.progress = p;
    };
    Result<std::any> result = Internal("the job did not run");
    try {
      result = work(progress);
    } catch (const std::exception& e) {
      spdlog::error("job {} ({}) threw: {}", job->view.id, job->view.kind, e.what());
      result = Internal("internal error");
    } catch (...) {
      spdlog::error("job {} ({}) threw", job->view.id, job->view.kind);
      result = Internal("internal error");
    }
    work = nullptr;  // the captured input (e.g. the uploaded file) goes now, not at the next job
    {
      std::lock_guard lock(mu_);
      job->view.finished_at = clock_.NowMs();
      if (result.ok()) {
        job->view.state = JobState::kSucceeded;
        job->view.result = std::make_shared<const std::any>(std::move(result).value());
      } else {
        job->view.state = JobState::kFailed;
        job->view.error = result.status();
      }
    }
    job_done_.notify_all();
  }
}

Result<JobSnapshot> JobRunner::Get(const Actor& actor, std::string_view id) {
  std::lock_guard lock(mu_);
  ExpireLocked(clock_.NowMs());
  return FindLocked(actor, id);
}

Result<JobSnapshot> JobRunner::Wait(const Actor& actor, std::string_view id) {
  std::unique_lock lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->view.owner_id != actor.user_id) return NoSuchJob();
  std::shared_ptr<Job> job = it->second;
  job_done_.wait(lock, [&] { return job->view.state != JobState::kRunning; });
  return job->view;
}

int JobRunner::running() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::count_if(jobs_.begin(), jobs_.end(),
                                        [](const auto& j) { return j.second->view.state == JobState::kRunning; }));
}

Result<JobSnapshot> JobRunner::FindLocked(const Actor& actor, std::string_view id) const {
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->view.owner_id != actor.user_id) return NoSuchJob();
  return it->second->view;
}

void JobRunner::ExpireLocked(TimeMs now) {
  std::vector<std::pair<TimeMs, std::string>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const JobSnapshot& v = it->second->view;
    if (v.state != JobState::kRunning && now - v.finished_at >= limits_.keep_finished) {
      it = jobs_.erase(it);
      continue;
    }
    if (v.state != JobState::kRunning) finished.emplace_back(v.finished_at, v.id);
    ++it;
  }
  if (finished.size() <= limits_.max_finished) return;
  std::sort(finished.begin(), finished.end());
  for (size_t i = 0; i + limits_.max_finished < finished.size(); ++i) jobs_.erase(finished[i].second);
}

}  // namespace lz::services
