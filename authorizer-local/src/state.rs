//! The runtime API's bookkeeping, shared by the server's tasks and the test thread.
//!
//! Events wait in a queue until a `next` request is parked to take them; each request id then
//! moves from queued, to in flight, to done. A parked `next` is the sending half of a oneshot
//! channel whose receiver its request handler awaits, so a held long poll costs no thread.
//! The test thread's waiters block on one condition variable that is notified on every
//! change, always with a deadline. The lock is never held across an `.await`.
//!
//! What is kept of the past (finished invocations, the request log) may be bounded (see
//! [`RuntimeApiBuilder::keep_invocations`](crate::RuntimeApiBuilder::keep_invocations)); the
//! counts and the first poll's arrival are kept whatever the bound.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::endpoint::RecordedRequest;
use crate::ids;
use crate::invocation::{InitError, Invocation, InvokeError, Outcome};

/// An event the test queued, with the identifiers it will be delivered with.
#[derive(Debug, Clone)]
pub(crate) struct QueuedEvent {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: String,
    /// `Lambda-Runtime-Trace-Id`.
    pub trace_id: String,
    /// The event payload.
    pub body: Vec<u8>,
}

/// What a parked `next` is answered with: an event and its deadline.
#[derive(Debug)]
pub(crate) struct Assignment {
    /// The event.
    pub event: QueuedEvent,
    /// `Lambda-Runtime-Deadline-Ms`.
    pub deadline_ms: u64,
}

/// A parked `GET .../next`: its handler awaits the other end. Dropping it unanswered makes
/// the handler answer 500.
pub(crate) type ParkedPoll = oneshot::Sender<Assignment>;

/// An event paired with the parked `next` request that will carry it.
struct Delivery {
    poll: ParkedPoll,
    assignment: Assignment,
}

/// What became of a posted response or error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Posted {
    /// Recorded as the invocation's outcome.
    Accepted,
    /// No event with this id was handed out.
    UnknownId,
    /// The invocation already has an outcome.
    AlreadyAnswered,
}

/// Where one request id stands.
enum Slot {
    Queued,
    InFlight { trace_id: String, deadline_ms: u64 },
    Done(Invocation),
}

#[derive(Default)]
struct State {
    queued: VecDeque<QueuedEvent>,
    polls: VecDeque<ParkedPoll>,
    slots: HashMap<String, Slot>,
    init_error: Option<InitError>,
    /// The request log, oldest first: every request, or the newest `keep_requests`.
    requests: VecDeque<RecordedRequest>,
    /// How many requests arrived, logged or not.
    request_count: usize,
    /// When the first `GET .../next` arrived.
    first_poll_at: Option<Instant>,
    /// How many invocations were answered, kept or not.
    finished_count: usize,
    /// How many invocations are delivered and not yet answered, and the most there were at
    /// once.
    in_flight: usize,
    max_in_flight: usize,
    /// The answered invocations still in `slots`, oldest first; only tracked when
    /// `keep_invocations` is set.
    finished: VecDeque<String>,
    /// The request ids a `try_invoke` is waiting for: never forgotten before it has its answer.
    awaited: HashSet<String>,
    /// What wakes each `try_invoke` waiting for its answer: one for each, so that an answer
    /// wakes its own caller only, however many wait (the general condition variable wakes
    /// every waiter on every change).
    outcome_waiters: HashMap<String, Arc<Condvar>>,
    /// How many answered invocations to keep; `None`: all.
    keep_invocations: Option<usize>,
    /// How many request lines to keep; `None`: all.
    keep_requests: Option<usize>,
    stopped: bool,
}

impl State {
    /// Counts an invocation just answered and, if only some are kept, forgets the oldest.
    fn count_finished(&mut self, request_id: &str) {
        self.finished_count += 1;
        if self.keep_invocations.is_some() {
            self.finished.push_back(request_id.to_owned());
            self.forget_finished();
        }
    }

    /// Forgets the oldest answered invocations beyond `keep_invocations`, except those a
    /// `try_invoke` is still waiting for (they go once it has them).
    fn forget_finished(&mut self) {
        let Some(keep) = self.keep_invocations else {
            return;
        };
        let mut index = 0;
        while self.finished.len() > keep && index < self.finished.len() {
            if self.awaited.contains(&self.finished[index]) {
                index += 1;
            } else if let Some(request_id) = self.finished.remove(index) {
                self.slots.remove(&request_id);
            }
        }
    }
}

/// The state behind a mutex, with a condition variable notified on every change.
pub(crate) struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    /// Empty bookkeeping that keeps at most this many answered invocations and request lines
    /// (`None`: all).
    pub fn new(keep_invocations: Option<usize>, keep_requests: Option<usize>) -> Shared {
        let state = State { keep_invocations, keep_requests, ..State::default() };
        Shared { state: Mutex::new(state), changed: Condvar::new() }
    }

    /// Locks the state. A panic elsewhere never leaves it half-updated, so poison is ignored.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `change` on the state and wakes every waiter.
    fn update<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let result = change(&mut self.lock());
        self.changed.notify_all();
        result
    }

    /// Waits until `probe` returns something, or `timeout` passes.
    fn wait_for<T>(&self, timeout: Duration, mut probe: impl FnMut(&mut State) -> Option<T>) -> Option<T> {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            if let Some(found) = probe(&mut state) {
                return Some(found);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            state = self.changed.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    /// Appends a request line to the log; `arrived` is when the server began handling it,
    /// and `is_poll` whether it is a `GET .../next`.
    pub fn record_request(&self, request: RecordedRequest, arrived: Instant, is_poll: bool) {
        self.update(|state| {
            state.request_count += 1;
            if is_poll {
                state.first_poll_at.get_or_insert(arrived);
            }
            state.requests.push_back(request);
            if let Some(keep) = state.keep_requests {
                while state.requests.len() > keep {
                    state.requests.pop_front();
                }
            }
        });
    }

    /// The request log, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.iter().cloned().collect()
    }

    /// How many requests arrived, including those no longer in the log.
    pub fn request_count(&self) -> usize {
        self.lock().request_count
    }

    /// When the first `GET .../next` arrived.
    pub fn first_poll_at(&self) -> Option<Instant> {
        self.lock().first_poll_at
    }

    /// How many invocations were answered, including those no longer kept.
    pub fn finished_count(&self) -> usize {
        self.lock().finished_count
    }

    /// Queues an event for the next `next`, for a caller who will then
    /// [wait for its outcome](Self::wait_outcome).
    pub fn enqueue(&self, event: QueuedEvent) {
        self.update(|state| {
            state.slots.insert(event.request_id.clone(), Slot::Queued);
            state.awaited.insert(event.request_id.clone());
            state.queued.push_back(event);
        });
    }

    /// Parks a `next` request until an event is there for it. After shutdown it is dropped.
    ///
    /// Polls whose client went away are forgotten here, so they cannot pile up.
    pub fn park_poll(&self, poll: ParkedPoll) {
        let refused = self.update(|state| {
            if state.stopped {
                Some(poll)
            } else {
                state.polls.retain(|parked| !parked.is_closed());
                state.polls.push_back(poll);
                None
            }
        });
        drop(refused);
    }

    /// Hands queued events to parked polls while there are both.
    pub fn deliver_pending(&self, function_timeout: Duration) {
        while let Some(Delivery { poll, assignment }) = self.next_delivery(function_timeout) {
            if let Err(Assignment { event, .. }) = poll.send(assignment) {
                // The poller went away (its client disconnected); the next one gets the event.
                self.requeue(event);
            }
        }
    }

    /// Pairs the oldest event with the oldest parked `next`, and marks the event in flight.
    ///
    /// None while either is missing, after an init error (a failed function gets no events),
    /// or after shutdown.
    fn next_delivery(&self, function_timeout: Duration) -> Option<Delivery> {
        self.update(|state| {
            if state.stopped || state.init_error.is_some() {
                return None;
            }
            if state.queued.is_empty() || state.polls.is_empty() {
                return None;
            }
            let poll = state.polls.pop_front()?;
            let event = state.queued.pop_front()?;
            let timeout_ms = u64::try_from(function_timeout.as_millis()).unwrap_or(u64::MAX);
            let deadline_ms = ids::epoch_ms().saturating_add(timeout_ms);
            let in_flight = Slot::InFlight { trace_id: event.trace_id.clone(), deadline_ms };
            state.slots.insert(event.request_id.clone(), in_flight);
            state.in_flight += 1;
            state.max_in_flight = state.max_in_flight.max(state.in_flight);
            Some(Delivery { poll, assignment: Assignment { event, deadline_ms } })
        })
    }

    /// Puts back an event whose delivery failed, first in line.
    fn requeue(&self, event: QueuedEvent) {
        self.update(|state| {
            state.slots.insert(event.request_id.clone(), Slot::Queued);
            state.in_flight -= 1;
            state.queued.push_front(event);
        });
    }

    /// Records a posted response or error for an in-flight invocation.
    pub fn complete(
        &self,
        request_id: &str,
        outcome: Outcome,
        raw_body: Vec<u8>,
        headers: Vec<(String, String)>,
    ) -> Posted {
        self.update(|state| {
            let Some(slot) = state.slots.get_mut(request_id) else {
                return Posted::UnknownId;
            };
            let (trace_id, deadline_ms) = match slot {
                Slot::Queued => return Posted::UnknownId,
                Slot::Done(_) => return Posted::AlreadyAnswered,
                Slot::InFlight { trace_id, deadline_ms } => (std::mem::take(trace_id), *deadline_ms),
            };
            state.in_flight -= 1;
            *slot = Slot::Done(Invocation {
                request_id: request_id.to_owned(),
                trace_id,
                deadline_ms,
                outcome,
                raw_body,
                headers,
            });
            state.count_finished(request_id);
            if let Some(waker) = state.outcome_waiters.get(request_id) {
                waker.notify_one();
            }
            Posted::Accepted
        })
    }

    /// Records an init error; only the first one is kept.
    pub fn record_init_error(&self, init_error: InitError) {
        self.update(|state| {
            state.init_error.get_or_insert(init_error);
            state.outcome_waiters.values().for_each(|waker| waker.notify_one());
        });
    }

    /// Waits for the outcome of `request_id`, which [`enqueue`](Self::enqueue) queued. Once
    /// this returns, the invocation may be forgotten (see `keep_invocations`).
    pub fn wait_outcome(&self, request_id: &str, timeout: Duration) -> Result<Invocation, InvokeError> {
        let deadline = Instant::now() + timeout;
        let waker = Arc::new(Condvar::new());
        let mut state = self.lock();
        state.outcome_waiters.insert(request_id.to_owned(), Arc::clone(&waker));
        let found = loop {
            if let Some(Slot::Done(invocation)) = state.slots.get(request_id) {
                break Some(Ok(invocation.clone()));
            }
            if let Some(init) = state.init_error.clone() {
                break Some(Err(InvokeError::InitFailed(init)));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break None;
            }
            state = waker.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
        };
        state.outcome_waiters.remove(request_id);
        state.awaited.remove(request_id);
        state.forget_finished();
        let delivered = matches!(state.slots.get(request_id), Some(Slot::InFlight { .. }));
        drop(state);
        found.unwrap_or_else(|| {
            Err(InvokeError::TimedOut { request_id: request_id.to_owned(), delivered, waited: timeout })
        })
    }

    /// Waits for an init error.
    pub fn wait_init_error(&self, timeout: Duration) -> Option<InitError> {
        self.wait_for(timeout, |state| state.init_error.clone())
    }

    /// Waits until a `next` request is parked (and its client still there), i.e. the function
    /// is idle and polling.
    pub fn wait_poll(&self, timeout: Duration) -> bool {
        let polling = |state: &mut State| state.polls.iter().any(|poll| !poll.is_closed()).then_some(());
        self.wait_for(timeout, polling).is_some()
    }

    /// Waits until `n` `next` requests (whose clients are still there) are parked at once.
    pub fn wait_polls(&self, n: usize, timeout: Duration) -> bool {
        let polling =
            |state: &mut State| (state.polls.iter().filter(|poll| !poll.is_closed()).count() >= n).then_some(());
        self.wait_for(timeout, polling).is_some()
    }

    /// The most invocations that were in flight (delivered, not yet answered) at once.
    pub fn max_in_flight(&self) -> usize {
        self.lock().max_in_flight
    }

    /// Refuses further polls and hands back the parked ones, for the caller to drop.
    pub fn stop(&self) -> Vec<ParkedPoll> {
        self.update(|state| {
            state.stopped = true;
            state.polls.drain(..).collect()
        })
    }
}
