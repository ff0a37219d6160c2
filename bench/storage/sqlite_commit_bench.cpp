// The physical limit under the HTTP figures: how many durable commits SQLite manages on
// this machine, and what the store's group commit makes of it.
//
//   BM_Fdatasync/append:1     append 4 KiB + fdatasync(): the file grows, so ext4 must also
//                             commit its journal (new size) on every sync
//   BM_Fdatasync/append:0     overwrite 4 KiB in a preallocated 4 MiB ring + fdatasync()
//   BM_RawCommit              one INSERT per transaction, WAL, synchronous=FULL or NORMAL
//                             (SQLite C API). warm:1 = the WAL file already has its steady
//                             size (a long-running server: after the first checkpoint SQLite
//                             rewrites the WAL from the start); warm:0 = a brand-new file
//   BM_RawBatch/N             N INSERTs per transaction, WAL + FULL, warm (group commit's gain)
//   BM_StoreCreateTicket      SqliteStore::create_ticket (ticket + first message + 2 events,
//                             as POST /api/v1/tickets does) from 1, 16 and 64 threads, each
//                             blocking until its write is durable (FULL); fresh store.
//                             sync:1 = NORMAL (the CPU cost without a sync per commit);
//                             marks:0 = without migration 24's SLA refresh-mark trigger
//
// All files live in a fresh folder under $TMPDIR (on the benchmark machine the same ext4
// volume as the server's data folder). Every benchmark is time-bounded (MinTime 2 s); the
// whole binary runs in well under a minute. Rows are ~250 bytes, like a ticket.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sp;
using namespace sp::storage;

constexpr double kMinTime = 2.0;

// A fresh folder per benchmark run, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("sp-commit-bench-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const std::string kSubject = "Load test: my router keeps dropping the connection";
const std::string kBody =
    "Since this morning the internet drops every few minutes. I already restarted the router "
    "twice. Customer number 1234567, postcode 1011AB.";

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw std::runtime_error(std::string(sql) + ": " + text);
  }
}

// One connection on a fresh WAL database with a ticket-like table and a prepared INSERT.
class RawDb {
 public:
  RawDb(const fs::path& file, const char* synchronous, bool warm) {
    check(sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), db_,
          "open");
    exec(db_, "PRAGMA journal_mode=WAL");
    exec(db_, (std::string("PRAGMA synchronous=") + synchronous).c_str());
    exec(db_,
         "CREATE TABLE tickets (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, subject TEXT "
         "NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL)");
    check(sqlite3_prepare_v2(db_,
                             "INSERT INTO tickets (tenant_id, subject, body, status, created_at) "
                             "VALUES (?1, ?2, ?3, 'new', ?4)",
                             -1, &insert_, nullptr),
          db_, "prepare");
    check(sqlite3_prepare_v2(db_, "BEGIN IMMEDIATE", -1, &begin_, nullptr), db_, "prepare");
    check(sqlite3_prepare_v2(db_, "COMMIT", -1, &commit_, nullptr), db_, "prepare");
    if (warm) {
      // ~20,000 rows (~1,300 pages) in one transaction: the WAL grows past the 1,000-page
      // autocheckpoint, the commit checkpoints it, and from then on SQLite rewrites the WAL
      // from its start instead of growing it -- the state of any server after its first
      // few thousand writes.
      transaction(20'000);
      exec(db_, "PRAGMA wal_checkpoint(RESTART)");
    }
  }
  ~RawDb() {
    sqlite3_finalize(insert_);
    sqlite3_finalize(begin_);
    sqlite3_finalize(commit_);
    sqlite3_close(db_);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void transaction(int rows) {
    run(begin_);
    for (int row = 0; row < rows; ++row) {
      sqlite3_bind_int64(insert_, 1, 1);
      sqlite3_bind_text(insert_, 2, kSubject.data(), static_cast<int>(kSubject.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert_, 3, kBody.data(), static_cast<int>(kBody.size()), SQLITE_STATIC);
      sqlite3_bind_int64(insert_, 4, ++clock_);
      run(insert_);
    }
    run(commit_);
  }

 private:
  void run(sqlite3_stmt* stmt) {
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    check(rc, db_, "step");
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  std::int64_t clock_ = 1'795'000'000;
};

void set_rates(benchmark::State& state, std::int64_t commits, std::int64_t rows) {
  state.counters["commits/s"] = benchmark::Counter(static_cast<double>(commits), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(rows);  // items/s = rows (tickets) per second
}

// Arg 0: 1 = append (growing file), 0 = overwrite a preallocated ring.
void BM_Fdatasync(benchmark::State& state) {
  TempDir dir;
  auto file = dir.path() / "sync.bin";
  int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) {
    state.SkipWithError("cannot open file");
    return;
  }
  const bool append = state.range(0) == 1;
  constexpr std::size_t kPage = 4096;
  constexpr std::size_t kRing = 1024;  // pages: 4 MiB, about a WAL at its checkpoint size
  std::vector<char> page(kPage, 'x');
  if (!append) {
    for (std::size_t idx = 0; idx < kRing; ++idx) {
      if (::write(fd, page.data(), kPage) != static_cast<ssize_t>(kPage))
        state.SkipWithError("prefill failed");
    }
    if (::fsync(fd) != 0) state.SkipWithError("fsync failed");
  }
  std::int64_t count = 0;
  for (auto _ : state) {
    auto offset = static_cast<off_t>(append ? static_cast<std::size_t>(count) * kPage
                                            : (static_cast<std::size_t>(count) % kRing) * kPage);
    if (::pwrite(fd, page.data(), kPage, offset) != static_cast<ssize_t>(kPage) || ::fdatasync(fd) != 0) {
      state.SkipWithError("write/fdatasync failed");
      break;
    }
    ++count;
  }
  ::close(fd);
  state.SetLabel(append ? "4 KiB append + fdatasync" : "4 KiB overwrite + fdatasync");
  set_rates(state, count, count);
}
BENCHMARK(BM_Fdatasync)
    ->ArgName("append")
    ->Arg(1)
    ->Arg(0)
    ->MinTime(kMinTime)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// Args: synchronous level (1 = NORMAL, 2 = FULL, SQLite's numbering), warm WAL (1) or not.
void BM_RawCommit(benchmark::State& state) {
  TempDir dir;
  const char* level = state.range(0) == 2 ? "FULL" : "NORMAL";
  const bool warm = state.range(1) == 1;
  RawDb db(dir.path() / "raw.db", level, warm);
  std::int64_t count = 0;
  for (auto _ : state) {
    db.transaction(1);
    ++count;
  }
  state.SetLabel(std::string("1 INSERT/COMMIT, synchronous=") + level + (warm ? ", warm WAL" : ", new file"));
  set_rates(state, count, count);
}
BENCHMARK(BM_RawCommit)
    ->ArgNames({"sync", "warm"})
    ->Args({2, 1})
    ->Args({2, 0})
    ->Args({1, 1})
    ->MinTime(kMinTime)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// Arg 0: INSERTs per transaction, WAL + synchronous=FULL.
void BM_RawBatch(benchmark::State& state) {
  TempDir dir;
  RawDb db(dir.path() / "batch.db", "FULL", true);
  const int rows = static_cast<int>(state.range(0));
  std::int64_t count = 0;
  for (auto _ : state) {
    db.transaction(rows);
    ++count;
  }
  state.SetLabel("synchronous=FULL, warm WAL");
  set_rates(state, count, count * rows);
}
BENCHMARK(BM_RawBatch)
    ->ArgName("rows_per_commit")
    ->Arg(16)
    ->Arg(64)
    ->Arg(512)
    ->MinTime(kMinTime)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// --- SqliteStore::create_ticket from many threads (group commit) -----------------------

struct CountingObserver final : CommitObserver {
  std::atomic<std::int64_t> commits{0};
  std::atomic<std::int64_t> writes{0};
  void on_commit(double, std::size_t batch_size) override {
    commits.fetch_add(1, std::memory_order_relaxed);
    writes.fetch_add(static_cast<std::int64_t>(batch_size), std::memory_order_relaxed);
  }
};

// Shared by the benchmark's threads: thread 0 builds it before the timed loop (every
// thread waits at the loop's start barrier); the last thread to finish tears it down.
struct StoreRig {
  TempDir dir;
  CountingObserver observer;
  std::unique_ptr<sqlite::SqliteStore> store;
  Tenant tenant;
  Customer customer;
  Timestamp now = from_unix_seconds(1'795'000'000);
  std::mutex latencies_mutex;
  std::vector<double> latencies_us;
  std::atomic<std::int64_t> failures{0};

  // `synchronous`: "FULL" (what the server runs) or "NORMAL" (no sync per commit, so the
  // CPU cost of the writes shows); `refresh_marks` false drops migration 24's trigger, to
  // measure what the durable SLA refresh mark adds to every ticket event.
  StoreRig(const char* synchronous, bool refresh_marks) {
    sqlite::SqliteOptions options;
    options.path = (dir.path() / "store.db").string();
    options.synchronous = synchronous;
    options.observer = &observer;
    store = sqlite::SqliteStore::open(options).value();
    store->migrate().value();
    if (!refresh_marks) {
      sqlite3* raw = nullptr;
      check(sqlite3_open(options.path.c_str(), &raw), raw, "open");
      exec(raw, "DROP TRIGGER sla_refresh_marks_event");
      sqlite3_close(raw);
    }
    tenant = store->create_tenant(Tenant{{}, "bench", "Bench", "UTC", Language::En, now}).value();
    customer =
        store->create_customer(Customer{{}, tenant.id, "Load", {"load@bench.test"}, {}, Language::En, now})
            .value();
    observer.commits = 0;
    observer.writes = 0;
  }
};
std::unique_ptr<StoreRig> g_rig;

// Args: synchronous level (2 = FULL, 1 = NORMAL), SLA refresh-mark trigger on (1) or dropped (0).
void BM_StoreCreateTicket(benchmark::State& state) {
  if (state.thread_index() == 0) {
    g_rig = std::make_unique<StoreRig>(state.range(0) == 2 ? "FULL" : "NORMAL", state.range(1) == 1);
  }
  std::vector<double> mine;
  for (auto _ : state) {
    StoreRig& rig = *g_rig;
    auto started = std::chrono::steady_clock::now();
    domain::NewTicket input;
    input.subject = kSubject;
    input.channel = Channel::Api;
    input.requester_id = rig.customer.id;
    input.first_message = kBody;
    auto validated = domain::validate_new_ticket(std::move(input));
    Actor customer{ActorType::Customer, rig.customer.id.value};
    auto draft = domain::draft_ticket(*validated, rig.tenant.id, Actor{ActorType::Agent, 1}, rig.now);
    draft.events.back().actor = customer;
    auto created = rig.store->create_ticket(std::move(draft),
                                            NewMessage{MessageKind::Inbound, customer, kBody, rig.now});
    if (!created) rig.failures.fetch_add(1);
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - started;
    mine.push_back(took.count());
  }
  {
    std::lock_guard lock(g_rig->latencies_mutex);
    g_rig->latencies_us.insert(g_rig->latencies_us.end(), mine.begin(), mine.end());
  }
  state.SetItemsProcessed(state.iterations());  // summed over threads: tickets/s
  // The merge above happens after the loop's stop barrier, so the last thread to merge (not
  // necessarily thread 0) computes the report for all. Counters are summed across threads,
  // so exactly one thread sets them; it also tears the rig down.
  static std::atomic<int> merged{0};
  if (merged.fetch_add(1) + 1 == state.threads()) {
    merged = 0;
    StoreRig& rig = *g_rig;
    auto& lat = rig.latencies_us;
    std::sort(lat.begin(), lat.end());
    auto pct = [&](double p) {
      if (lat.empty()) return 0.0;
      auto idx = static_cast<std::size_t>(p / 100.0 * static_cast<double>(lat.size() - 1));
      return lat[idx];
    };
    auto commits = rig.observer.commits.load();
    auto writes = rig.observer.writes.load();
    state.counters["p50_ms"] = pct(50) / 1000.0;
    state.counters["p99_ms"] = pct(99) / 1000.0;
    state.counters["mean_batch"] = commits ? static_cast<double>(writes) / static_cast<double>(commits) : 0.0;
    state.counters["commits/s"] =
        benchmark::Counter(static_cast<double>(commits), benchmark::Counter::kIsRate);
    state.counters["failures"] = static_cast<double>(rig.failures.load());
    g_rig.reset();
  }
}
BENCHMARK(BM_StoreCreateTicket)
    ->ArgNames({"sync", "marks"})
    ->Args({2, 1})
    ->Args({2, 0})
    ->Args({1, 1})
    ->Args({1, 0})
    ->Threads(1)
    ->Threads(16)
    ->Threads(64)
    ->MinTime(kMinTime)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
