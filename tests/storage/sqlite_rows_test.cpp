// for_each_row / collect_rows (sqlite_db.hpp), the one loop that reads result sets, against a
// real connection on a temporary file.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "storage/sqlite/sqlite_db.hpp"

namespace sp::storage::sqlite {
namespace {

class SqliteRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("sp-rows-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    conn_ = Connection::open(ConnectionOptions{(dir_ / "rows.db").string()}).value();
    ASSERT_TRUE(conn_
                    ->exec("CREATE TABLE numbers(n INTEGER NOT NULL, name TEXT NOT NULL);"
                           "INSERT INTO numbers VALUES(1, 'one'), (2, 'two'), (3, 'three');")
                    .ok());
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(SqliteRowsTest, CollectRowsReadsEveryRowInOrder) {
  auto stmt = conn_->prepare("SELECT n, name FROM numbers ORDER BY n");
  ASSERT_TRUE(stmt.ok());
  auto rows = collect_rows(*stmt, [](const Statement& row) { return row.text(1); });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (std::vector<std::string>{"one", "two", "three"}));
}

TEST_F(SqliteRowsTest, AnEmptyResultIsAnEmptyVector) {
  auto stmt = conn_->prepare("SELECT n FROM numbers WHERE n > ?1");
  ASSERT_TRUE(stmt.ok());
  stmt->bind(1, std::int64_t{10});
  auto rows = collect_rows(*stmt, [](const Statement& row) { return row.int64(0); });
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST_F(SqliteRowsTest, TheFirstFailingRowStopsTheLoopWithItsError) {
  auto stmt = conn_->prepare("SELECT n FROM numbers ORDER BY n");
  ASSERT_TRUE(stmt.ok());
  std::vector<std::int64_t> seen;
  auto done = for_each_row(*stmt, [&seen](const Statement& row) -> Result<void> {
    seen.push_back(row.int64(0));
    if (row.int64(0) == 2) return internal_error("row 2 is unreadable");
    return {};
  });
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().message, "row 2 is unreadable");
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
}

TEST_F(SqliteRowsTest, AStatementCanBeReadAgainAfterTheLoop) {
  auto stmt = conn_->prepare("SELECT n FROM numbers WHERE n >= ?1 ORDER BY n");
  ASSERT_TRUE(stmt.ok());
  stmt->bind(1, std::int64_t{2});
  auto first = collect_rows(*stmt, [](const Statement& row) { return row.int64(0); });
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(stmt->reset().ok());
  stmt->bind(1, std::int64_t{3});
  auto second = collect_rows(*stmt, [](const Statement& row) { return row.int64(0); });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(*second, (std::vector<std::int64_t>{3}));
}

}  // namespace
}  // namespace sp::storage::sqlite
