// Store, SlaStore and WebhookStore on embedded SQLite: WAL journal, synchronous=FULL by
// default, foreign keys on. Reads run on a small pool of connections (WAL lets them proceed
// during writes); writes go through WriteQueue, whose single writer group-commits
// concurrent requests. One class, because every part shares that pool and that writer;
// each interface it implements has its own .cpp file (named below).
#pragma once

#include <memory>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/write_queue.hpp"
#include "storage/search_store.hpp"
#include "storage/sla_store.hpp"
#include "storage/store.hpp"
#include "storage/webhook_store.hpp"

namespace sp::storage::sqlite {

struct SqliteOptions {
  std::string path;                  // database file; created when missing
  std::string synchronous = "FULL";  // FULL or NORMAL
  // Read connections kept open. A read waits for a free one rather than opening another
  // (opening parses the schema: far slower than waiting microseconds for a peer).
  int max_readers = 16;
  CommitObserver* observer = nullptr;  // optional, must outlive the store
  // The terms the full-text index stores (sp_search_terms on the writer; migration 20).
  SearchTermsFunction search_terms;
};

class SqliteStore final : public Store, public SlaStore, public WebhookStore {
 public:
  // Opens (and creates) the database; does not migrate.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteOptions& options);
  ~SqliteStore() override;

  // SchemaStore and SettingsStore (sqlite_store.cpp)
  Result<int> migrate() override;
  Result<int> schema_version() override;
  Result<void> ping() override;

  Result<std::optional<std::string>> get_setting(const std::string& key) override;
  Result<void> put_setting(const std::string& key, const std::string& value) override;

  // DirectoryStore (sqlite_directory_store.cpp)
  Result<Tenant> create_tenant(Tenant tenant) override;
  Result<std::vector<Tenant>> list_tenants(const Scope& scope) override;
  Result<Tenant> get_tenant(const Scope& scope, TenantId id) override;
  Result<Tenant> find_tenant_by_slug(const std::string& slug) override;

  Result<Team> create_team(Team team) override;
  Result<std::vector<Team>> list_teams(const Scope& scope) override;
  Result<Team> get_team(const Scope& scope, TeamId id) override;

  Result<Agent> create_agent(Agent agent, std::string password_hash) override;
  Result<std::vector<Agent>> list_agents(const Scope& scope) override;
  Result<Agent> get_agent(const Scope& scope, AgentId id) override;
  Result<AgentCredentials> find_agent_by_email(const std::string& email) override;

  Result<Customer> create_customer(Customer customer) override;
  Result<std::vector<Customer>> list_customers(const Scope& scope, const CustomerFilter& filter) override;
  Result<Customer> get_customer(const Scope& scope, CustomerId id) override;
  Result<ExternalIds<CustomerId>> external_customers(TenantId tenant, const std::string& source) override;
  Result<ExternalIds<AgentId>> external_agents(TenantId tenant, const std::string& source) override;
  Result<Customer> create_external_customer(Customer customer, ExternalRef ref) override;
  Result<Agent> create_external_agent(Agent agent, std::string password_hash, ExternalRef ref) override;
  Result<void> link_external_customer(TenantId tenant, CustomerId id, ExternalRef ref) override;
  Result<std::vector<Result<ImportedCustomer>>> import_external_customers(
      TenantId tenant, std::vector<std::pair<Customer, ExternalRef>> customers) override;
  Result<void> link_external_agent(TenantId tenant, AgentId id, ExternalRef ref) override;

  // TicketStore (sqlite_ticket_store.cpp)
  Result<Ticket> create_ticket(TicketDraft draft, std::optional<NewMessage> first_message) override;
  Result<Ticket> get_ticket(const Scope& scope, TicketId id) override;
  Result<std::vector<Ticket>> list_tickets(const Scope& scope, const TicketFilter& filter) override;
  Result<Ticket> update_ticket(const Scope& scope, TicketId id, const TicketDecision& decide) override;
  Result<AppendedMessage> append_message(const Scope& scope, TicketId id, NewMessage message,
                                         const TicketDecision& decide) override;
  Result<std::vector<Message>> list_messages(const Scope& scope, TicketId id) override;
  Result<std::vector<TicketEvent>> list_events(const Scope& scope, TicketId id) override;
  Result<TicketHistory> ticket_history(const Scope& scope, TicketId id) override;
  Result<void> import_tickets(std::vector<ImportedTicket> tickets) override;
  Result<ExternalIds<TicketId>> external_tickets(TenantId tenant, const std::string& source) override;
  Result<std::vector<std::string>> external_message_ids(const Scope& scope, TicketId id) override;
  Result<std::vector<Result<TicketId>>> import_external_tickets(
      TenantId tenant, std::vector<ExternalTicketWrite> tickets) override;
  Result<std::int64_t> count_tickets(const Scope& scope) override;
  Result<QueueCounts> queue_counts(const Scope& scope, std::optional<TenantId> tenant,
                                   std::optional<AgentId> me) override;
  Result<std::vector<std::pair<TicketId, TicketSummary>>> ticket_summaries(
      const Scope& scope, const std::vector<TicketId>& ids) override;
  Result<std::vector<Ticket>> tickets_for_report(const Scope& scope, Timestamp from, Timestamp to,
                                                 int limit) override;
  Result<std::vector<AgentActivity>> agent_activity(const Scope& scope, Timestamp from, Timestamp to,
                                                    int limit) override;
  Result<std::vector<Arrival>> ticket_arrivals(const Scope& scope, Timestamp from, Timestamp to,
                                               int limit) override;

  // IntakeStore (sqlite_intake_store.cpp)
  Result<std::optional<TicketId>> find_intake(TenantId tenant, const std::string& source,
                                              const std::string& external_id) override;
  Result<std::optional<TicketId>> find_ticket_by_mail_ids(
      TenantId tenant, const std::vector<std::string>& message_ids) override;
  Result<std::vector<std::string>> mail_ids_of_ticket(TenantId tenant, TicketId ticket, int limit) override;
  Result<void> map_mail_ids(TenantId tenant, TicketId ticket,
                            const std::vector<std::string>& message_ids) override;
  Result<void> put_mailbox_checkpoint(TenantId tenant, const MailboxCheckpoint& checkpoint,
                                      Timestamp now) override;

  // AuthStore (sqlite_auth_store.cpp)
  Result<void> create_session(Session session) override;
  Result<Session> find_session(const std::string& token_hash, Timestamp now) override;
  Result<void> delete_session(const std::string& token_hash) override;
  Result<ApiToken> create_api_token(ApiToken token) override;
  Result<ApiToken> find_api_token(const std::string& token_hash) override;
  Result<void> create_portal_link(PortalLink link) override;
  Result<PortalLink> consume_portal_link(const std::string& token_hash, Timestamp now) override;
  Result<void> create_customer_session(CustomerSession session) override;
  Result<CustomerSession> find_customer_session(const std::string& token_hash, Timestamp now) override;
  Result<void> delete_customer_session(const std::string& token_hash) override;

  // SlaStore (sqlite_sla_store.cpp)
  Result<CalendarRecord> create_calendar(CalendarRecord calendar) override;
  Result<CalendarRecord> update_calendar(const Scope& scope, CalendarRecord calendar) override;
  Result<std::vector<CalendarRecord>> list_calendars(const Scope& scope) override;
  Result<CalendarRecord> get_calendar(const Scope& scope, std::int64_t id) override;
  Result<PolicyRecord> create_policy(PolicyRecord policy) override;
  Result<PolicyRecord> update_policy(const Scope& scope, PolicyRecord policy) override;
  Result<void> delete_policy(const Scope& scope, std::int64_t id) override;
  Result<std::vector<PolicyRecord>> list_policies(const Scope& scope) override;
  Result<PolicyRecord> get_policy(const Scope& scope, std::int64_t id) override;
  Result<void> put_sla_timer(const SlaTimer& timer) override;
  Result<void> put_sla_timers(const std::vector<SlaTimer>& timers) override;
  Result<std::optional<SlaTimer>> get_sla_timer(TicketId ticket) override;
  Result<std::vector<SlaTimer>> due_sla_timers(Timestamp now, int limit) override;
  Result<std::optional<Timestamp>> earliest_sla_deadline() override;
  Result<std::vector<SlaRefreshMark>> sla_refresh_marks(int limit) override;
  Result<void> clear_sla_refresh_marks(const std::vector<SlaRefreshMark>& marks) override;
  Result<std::vector<Ticket>> open_tickets_page(std::int64_t after_id, int limit) override;
  Result<std::vector<SlaNoticeRecord>> fire_sla_notices(
      TenantId tenant, std::vector<SlaNoticeRecord> notices,
      std::vector<std::optional<Notification>> notifications, const SlaTimer& timer, Timestamp now) override;
  Result<std::vector<SlaNoticeRecord>> list_sla_notices(const Scope& scope, TicketId ticket) override;
  Result<std::vector<Ticket>> open_tenant_tickets_page(TenantId tenant, std::int64_t after_id,
                                                       int limit) override;
  Result<std::vector<CycleBudgetRecord>> list_cycle_budgets(const Scope& scope, TicketId ticket,
                                                            std::int64_t policy_id) override;
  Result<std::vector<std::int64_t>> policies_with_cycle_budgets(TenantId tenant) override;
  Result<void> replace_cycle_budgets(TenantId tenant, std::int64_t policy_id,
                                     const std::vector<TicketId>& tickets,
                                     const std::vector<CycleBudgetRecord>& budgets) override;
  Result<void> clear_cycle_budgets(TenantId tenant, std::int64_t policy_id) override;
  Result<std::vector<Notification>> list_notifications(const Scope& scope, std::optional<AgentId> agent,
                                                       int limit) override;

  // WebhookStore (sqlite_webhook_store.cpp)
  Result<void> remember_replay_keys(TenantId tenant, const std::string& nonce, const std::string& signature,
                                    Timestamp now, Timestamp forget_before) override;
  Result<void> forget_replay_keys(TenantId tenant, const std::string& nonce,
                                  const std::string& signature) override;
  Result<std::optional<CustomerId>> find_social_identity(TenantId tenant, const std::string& platform,
                                                         const std::string& handle) override;
  Result<void> map_social_identity(TenantId tenant, const std::string& platform, const std::string& handle,
                                   CustomerId customer, Timestamp at) override;

  // For the sibling stores in this folder (surveys, KPIs, mail, ...) that share this
  // database: they read through the same bounded pool and write through the same
  // group-commit queue.
  // Borrows a read connection for the duration of `fn`.
  template <typename Fn>
  auto read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    auto conn = acquire_reader();
    if (!conn) return conn.error();
    auto result = fn(**conn);
    release_reader(std::move(*conn));
    return result;
  }
  // Runs `work` in the writer's transaction; returns once it is durable.
  Result<void> write(WriteQueue::Work work) { return writer_->submit(std::move(work)); }
  // Runs `work` in a coming transaction without waiting for it (WriteQueue::post).
  Result<void> write_later(WriteQueue::Work work) { return writer_->post(std::move(work)); }

 private:
  SqliteStore(SqliteOptions options, std::unique_ptr<WriteQueue> writer);
  Result<std::unique_ptr<Connection>> acquire_reader();
  void release_reader(std::unique_ptr<Connection> conn);

  SqliteOptions options_;
  std::unique_ptr<WriteQueue> writer_;
  std::mutex readers_mutex_;
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace sp::storage::sqlite
