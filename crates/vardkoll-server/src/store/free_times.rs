//! Free times providers publish (national care mediation): the table, what
//! may be asked of it, and the rules every store keeps.
//!
//! - Times of one provider never overlap: a publish or change that would is
//!   refused whole (a series is stored entirely or not at all). On PostgreSQL
//!   the check and the write hold a per-provider advisory lock, so two
//!   instances publishing at once cannot both pass the check.
//! - Only a free time may be changed or withdrawn; the check is the same
//!   statement as the write, so a time held at the same moment stays held.

use vardkoll_domain::api::{FreeTime, FreeTimeState, Slot};

use super::{StoreError, StoreFuture};

/// The most times one listing returns (earliest first).
pub const FREE_TIME_LIMIT: i64 = 5000;

/// What to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FreeTimeQuery {
    /// Only these providers (a scheduler's); none: every provider.
    pub providers: Option<Vec<String>>,
    /// Only these services; none: every service.
    pub services: Option<Vec<String>>,
    /// From this day on (YYYY-MM-DD).
    pub from: String,
    /// Up to this day, inclusive (YYYY-MM-DD); none: no end.
    pub to: Option<String>,
    /// Only free times (what matching reads).
    pub only_free: bool,
    /// On the day `from`, only times starting after this minute of the day
    /// (Swedish time): not begun.
    pub after_minute: Option<u16>,
    /// Only the first time (by day, start, id) of each provider and service
    /// (with both lists given).
    pub first_per_provider: bool,
    /// At most this many (none: [`FREE_TIME_LIMIT`]).
    pub limit: Option<i64>,
}

impl FreeTimeQuery {
    /// The read, with the placeholder `p(n)` for the n-th value
    /// [`FreeTimeQuery`]'s backend passes, in the order used here: `from`,
    /// providers, services, `to`, `from` and `after_minute`, the limit;
    /// `one_of(column, n)` for a list's condition; and `first(np, ns, one)`
    /// for the first time of every pair of a provider `p.value` and a service
    /// `s.value` of the lists at `np` and `ns`, given `one`, the read of one
    /// pair's first time: one index seek a pair (`free_times_first`), where
    /// reading every time to the last day and keeping each pair's first took
    /// tens of milliseconds at 50,000 times.
    pub(crate) fn sql(
        &self,
        p: impl Fn(usize) -> String,
        one_of: impl Fn(&str, usize) -> String,
        first: impl Fn(usize, usize, &str) -> String,
    ) -> String {
        let mut n = 1;
        let mut lists = String::new();
        let (mut providers, mut services) = (0, 0);
        if self.providers.is_some() {
            n += 1;
            providers = n;
            lists.push_str(&format!(" AND {}", one_of("provider_id", n)));
        }
        if self.services.is_some() {
            n += 1;
            services = n;
            lists.push_str(&format!(" AND {}", one_of("service_code", n)));
        }
        let mut rest = String::new();
        if self.to.is_some() {
            n += 1;
            rest.push_str(&format!(" AND day <= {}", p(n)));
        }
        if self.after_minute.is_some() {
            n += 2;
            rest.push_str(&format!(
                " AND (day > {} OR start_minute > {})",
                p(n - 1),
                p(n)
            ));
        }
        if self.only_free {
            rest.push_str(" AND state = 'free'");
        }
        let from = p(1);
        let mut sql = if self.first_per_provider && providers > 0 && services > 0 {
            let one = format!(
                "SELECT {COLUMNS} FROM free_times
                 WHERE provider_id = p.value AND service_code = s.value AND day >= {from}{rest}
                 ORDER BY day, start_minute, id LIMIT 1"
            );
            first(providers, services, &one)
        } else {
            format!("SELECT {COLUMNS} FROM free_times WHERE day >= {from}{lists}{rest}")
        };
        sql.push_str(&format!(
            " ORDER BY day, start_minute, id LIMIT {}",
            p(n + 1)
        ));
        sql
    }

    pub(crate) fn limit(&self) -> i64 {
        self.limit
            .unwrap_or(FREE_TIME_LIMIT)
            .clamp(1, FREE_TIME_LIMIT)
    }
}

/// Why a time was not stored, changed or withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeRefused {
    /// It would share a minute with this time of the same provider.
    Overlap { with: i64 },
    /// It is held or booked: only a free time may change.
    Taken { state: FreeTimeState },
    /// The version named is not the time's: someone changed it since.
    Stale { current: i64 },
}

/// Who publishes, when (RFC 3339, UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publisher {
    pub staff: String,
    pub at: String,
}

pub trait FreeTimeStore {
    /// Times matching `query`, earliest first, at most [`FREE_TIME_LIMIT`].
    fn free_times(&self, query: FreeTimeQuery) -> StoreFuture<'_, Vec<FreeTime>>;

    /// The time with this id.
    fn free_time(&self, id: i64) -> StoreFuture<'_, Option<FreeTime>>;

    /// Stores every slot, or none when one of them overlaps a stored time of
    /// its provider (or another slot).
    fn publish_free_times(
        &self,
        slots: Vec<Slot>,
        by: Publisher,
    ) -> StoreFuture<'_, Result<Vec<FreeTime>, TimeRefused>>;

    /// Moves a free time of one of `providers` to `slot`'s day, start and
    /// length, if `version` is its version. `None`: no such time of theirs.
    fn change_free_time(
        &self,
        id: i64,
        providers: Vec<String>,
        slot: Slot,
        version: i64,
    ) -> StoreFuture<'_, Option<Result<FreeTime, TimeRefused>>>;

    /// Deletes a free time of one of `providers`. `None`: no such time of theirs.
    fn withdraw_free_time(
        &self,
        id: i64,
        providers: Vec<String>,
    ) -> StoreFuture<'_, Option<Result<(), TimeRefused>>>;
}

/// The table, the same on both stores but for the key column.
macro_rules! free_times_table {
    ($id:literal) => {
        concat!(
            "CREATE TABLE free_times (
            id ",
            $id,
            ", provider_id TEXT NOT NULL, service_code TEXT NOT NULL,
            day TEXT NOT NULL, start_minute INTEGER NOT NULL, minutes INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'held', 'booked')),
            reference TEXT, held_until TEXT, version BIGINT NOT NULL DEFAULT 1,
            published_by TEXT NOT NULL, published_at TEXT NOT NULL);
        CREATE INDEX free_times_provider_day ON free_times (provider_id, day);
        CREATE INDEX free_times_free ON free_times (service_code, day) WHERE state = 'free';
        CREATE INDEX free_times_reference ON free_times (reference) WHERE reference IS NOT NULL;
        CREATE INDEX free_times_first ON free_times (provider_id, service_code, day, start_minute)
            WHERE state = 'free';"
        )
    };
}

pub(crate) const MIGRATION_SQLITE: &str = free_times_table!("INTEGER PRIMARY KEY AUTOINCREMENT");
pub(crate) const MIGRATION_POSTGRES: &str = free_times_table!("BIGSERIAL PRIMARY KEY");

/// The columns [`free_time`] reads, in order.
pub(crate) const COLUMNS: &str = "id, provider_id, service_code, day, start_minute, minutes, state, reference, held_until, version";

/// A row as read: the columns of [`COLUMNS`].
pub(crate) struct Row {
    pub id: i64,
    pub provider_id: String,
    pub service_code: String,
    pub day: String,
    pub start_minute: i64,
    pub minutes: i64,
    pub state: String,
    pub reference: Option<String>,
    pub held_until: Option<String>,
    pub version: i64,
}

/// The time a row holds; a row no store writes is an error, not a panic.
pub(crate) fn free_time(row: Row) -> Result<FreeTime, StoreError> {
    let broken = |what: &str| StoreError::Database(format!("free time {}: {what}", row.id));
    let date = vardkoll_domain::date::parse_iso(&row.day).map_err(|_| broken("day"))?;
    let state = super::parse_text::<FreeTimeState>(&row.state).ok_or_else(|| broken("state"))?;
    if !(0..24 * 60).contains(&row.start_minute) {
        return Err(broken("start"));
    }
    Ok(FreeTime {
        id: row.id,
        provider_id: row.provider_id,
        service_code: row.service_code,
        date,
        start: format!("{:02}:{:02}", row.start_minute / 60, row.start_minute % 60),
        minutes: u16::try_from(row.minutes).map_err(|_| broken("minutes"))?,
        state,
        reference: row.reference,
        held_until: row.held_until,
        version: row.version,
    })
}

/// Whether two of `slots` overlap each other (a weekly series never does;
/// slots a caller puts together might).
pub(crate) fn overlapping_within(slots: &[Slot]) -> bool {
    slots
        .iter()
        .enumerate()
        .any(|(i, a)| slots[i + 1..].iter().any(|b| a.overlaps(b)))
}

/// The overlap check: a stored time of the provider on the day that shares a
/// minute with `start`..`end` (placeholders: provider, day, end, start, the id
/// to leave out).
pub(crate) const OVERLAP_SQL: &str = "SELECT id FROM free_times
    WHERE provider_id = $1 AND day = $2 AND start_minute < $3 AND start_minute + minutes > $4
      AND id <> $5 LIMIT 1";
