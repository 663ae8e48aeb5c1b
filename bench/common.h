// Helpers every bench program shares: clocks (wall and this thread's CPU), the load average at
// start, the process's resident memory (settled after malloc_trim, and its peak since a reset),
// percentiles, and a fatal-error exit. Header-only; Linux /proc only.
#pragma once

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace lz::bench {

using Clock = std::chrono::steady_clock;
inline constexpr double kMiB = 1024.0 * 1024.0;

inline double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
inline double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this thread in ms: unlike the wall clock it leaves out time lost to preemption on a
// shared machine (not the cache misses other processes cause).
inline double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// "1.02 2.10 2.33": printed at the start of every bench, since other load skews wall times.
inline std::string LoadAverage() {
  std::ifstream f("/proc/loadavg");
  std::string one, five, fifteen;
  f >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// Prints "<program>: <message>" to stderr and exits with status 1.
[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, message.c_str());
  std::exit(1);
}

inline int64_t RssBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Resident bytes after returning freed heap to the kernel: what the process keeps.
inline int64_t SettledRss() {
  malloc_trim(0);
  return RssBytes();
}

// Resets the peak resident size (VmHWM); false when the kernel does not allow it.
inline bool ResetPeak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// Peak resident bytes since the start or the last ResetPeak, or -1 when unknown.
inline int64_t PeakRss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
  }
  return -1;
}

// Nearest-rank percentile (q in (0, 1]) of v; 0 for an empty v.
inline double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

struct Stats {
  double p50 = 0, p99 = 0, max = 0, mean = 0;
  size_t n = 0;
};

inline Stats Summarise(const std::vector<double>& v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  s.p50 = Percentile(v, 0.50);
  s.p99 = Percentile(v, 0.99);
  s.max = *std::max_element(v.begin(), v.end());
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  return s;
}

}  // namespace lz::bench
