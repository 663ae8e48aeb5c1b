// JobRunner: work a user starts and then polls — a spreadsheet import today, any long use case
// later. A job runs on one of the runner's own worker threads (never on an HTTP thread), reports
// its progress (phase, rows done of a total) as it goes, and ends with a typed result or an error
// Status. Jobs are kept in this process's memory only: they belong to the user who started them,
// stay readable for `JobLimits::keep_finished` after they end, and are gone after a restart.
// The runner is generic: a job is a kind name ("enterprise.import") and a function returning
// Result<T>; readers get the T back with JobSnapshot::ResultAs<T>().
#pragma once

#include <any>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "services/actor.h"

namespace lz::services {

enum class JobState { kRunning, kSucceeded, kFailed };
// The steps of an import: read the file, check its rows, write them. Other kinds of work use the
// steps that fit them.
enum class JobPhase { kReading, kChecking, kWriting };

std::string_view JobStateName(JobState state);  // "running", "succeeded", "failed"
std::string_view JobPhaseName(JobPhase phase);  // "reading", "checking", "writing"

struct JobProgress {
  JobPhase phase = JobPhase::kReading;
  int64_t done = 0;   // rows (or items) done in this phase
  int64_t total = 0;  // rows (or items) in this phase; 0 while unknown
};

// How work reports progress. Cheap and thread-safe; may be called as often as every row.
using ProgressFn = std::function<void(const JobProgress&)>;

struct JobLimits {
  int max_running = 4;                    // jobs running at once on this server
  int max_running_per_user = 2;           // of which started by one user
  TimeMs keep_finished = 10 * kMinuteMs;  // a finished job stays readable this long (Clock time)
  size_t max_finished = 256;              // finished jobs kept at most; the oldest go first
};

// A job as it was when read: a copy, so the job goes on while the caller looks at it.
struct JobSnapshot {
  std::string id;      // 32 hex digits, random
  std::string kind;    // e.g. "enterprise.import"
  int64_t owner_id = 0;
  JobState state = JobState::kRunning;
  JobProgress progress;
  TimeMs started_at = 0;
  TimeMs finished_at = 0;                  // 0 while running
  std::shared_ptr<const std::any> result;  // set when kSucceeded
  Status error;                            // not OK when kFailed

  // The result as the T the work returned; nullptr unless succeeded with a T.
  template <typename T>
  const T* ResultAs() const {
    return result ? std::any_cast<T>(result.get()) : nullptr;
  }
};

class JobRunner {
 public:
  // Starts `limits.max_running` worker threads. `clock` must outlive the runner.
  JobRunner(const Clock& clock, JobLimits limits);
  // Fails the jobs not yet picked up (Unavailable) and waits for the running ones to end.
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Starts `work` on a worker thread as a job of `kind` owned by `actor`, and returns it (state
  // running). The caller checks permissions before; `work` gets a ProgressFn and owns whatever it
  // captured until it returns (then it is destroyed on the worker thread). ResourceExhausted when
  // the server or the actor already runs as many jobs as the limits allow. Thread-safe.
  template <typename T>
  Result<JobSnapshot> Start(const Actor& actor, std::string kind, std::function<Result<T>(const ProgressFn&)> work) {
    return StartErased(actor, std::move(kind), [work = std::move(work)](const ProgressFn& progress) -> Result<std::any> {
      Result<T> r = work(progress);
      if (!r.ok()) return r.status();
      return std::any(std::move(r).value());
    });
  }

  // The job as it is now. NotFound when there is no such job, it expired, or it belongs to
  // another user (the same answer, so ids cannot be probed). Thread-safe.
  Result<JobSnapshot> Get(const Actor& actor, std::string_view id);

  // Blocks until the job has finished, then returns it as Get would. Thread-safe.
  Result<JobSnapshot> Wait(const Actor& actor, std::string_view id);

  // Jobs running now (on this server). Thread-safe.
  int running() const;

 private:
  using ErasedWork = std::function<Result<std::any>(const ProgressFn&)>;
  struct Job {
    JobSnapshot view;
    ErasedWork work;  // emptied once run
  };

  Result<JobSnapshot> StartErased(const Actor& actor, std::string kind, ErasedWork work);
  void WorkerLoop();
  // Drops finished jobs past keep_finished, and the oldest past max_finished. Needs mu_.
  void ExpireLocked(TimeMs now);
  Result<JobSnapshot> FindLocked(const Actor& actor, std::string_view id) const;

  const Clock& clock_;
  const JobLimits limits_;
  mutable std::mutex mu_;
  std::condition_variable work_ready_;  // a job queued, or stopping
  std::condition_variable job_done_;    // a job finished
  std::map<std::string, std::shared_ptr<Job>, std::less<>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;  // started, not yet picked up by a worker
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace lz::services
