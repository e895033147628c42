//! The app's side of the worker: effects go out to it as jobs and its answers come back as
//! messages, so the event loop never waits on the socket. Headless tests and benchmarks
//! `settle` to see the state once every answer is in.

use super::effect::{Effect, Msg};
use super::worker::{Job, Reply, Worker};
use crate::i18n::Lang;
use crate::service::Client;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

pub struct Runner {
    /// The connection to the server (the worker has it too).
    pub client: Arc<Client>,
    jobs: Sender<Job>,
    replies: Receiver<Reply>,
    worker: Option<std::thread::JoinHandle<()>>,
    /// Jobs sent whose answers have not come back.
    in_flight: usize,
    /// Background sorts the worker has running.
    sorts: Arc<AtomicUsize>,
    /// Texts sent to the clipboard, oldest first; the app writes them as OSC 52.
    pub clipboard: Vec<String>,
}

impl Runner {
    pub fn new(client: Arc<Client>) -> Runner {
        let (jobs, incoming) = channel();
        let (answers, replies) = channel();
        let worker = Worker::new(client.clone(), answers);
        let sorts = worker.running.clone();
        let worker = std::thread::Builder::new()
            .name("ngoaivu-worker".into())
            .spawn(move || worker.serve(incoming))
            .expect("start the app's worker thread");
        Runner {
            client,
            jobs,
            replies,
            worker: Some(worker),
            in_flight: 0,
            sorts,
            clipboard: Vec::new(),
        }
    }

    /// Hands an effect to the worker (a copy to the clipboard is done here and now).
    pub fn submit(&mut self, effect: Effect, lang: Lang) {
        if let Effect::Copy(text) = effect {
            self.clipboard.push(text);
            return;
        }
        if self.jobs.send(Job { effect, lang }).is_ok() {
            self.in_flight += 1;
        }
    }

    fn took(&mut self, reply: Reply) -> Vec<Msg> {
        match reply {
            Reply::Done(msgs) => {
                self.in_flight = self.in_flight.saturating_sub(1);
                msgs
            }
            Reply::Later(msg) => vec![msg],
        }
    }

    /// Messages that have arrived, without waiting.
    pub fn poll(&mut self) -> Vec<Msg> {
        let replies: Vec<Reply> = self.replies.try_iter().collect();
        replies.into_iter().flat_map(|r| self.took(r)).collect()
    }

    /// Waits up to `timeout` for the next answer.
    pub fn wait(&mut self, timeout: Duration) -> Vec<Msg> {
        match self.replies.recv_timeout(timeout) {
            Ok(reply) => {
                let mut msgs = self.took(reply);
                msgs.extend(self.poll());
                msgs
            }
            Err(RecvTimeoutError::Timeout) => Vec::new(),
            // The worker is gone: nothing more will come.
            Err(RecvTimeoutError::Disconnected) => {
                self.in_flight = 0;
                Vec::new()
            }
        }
    }

    /// Whether answers are still to come (jobs or background sorts).
    pub fn busy(&self) -> bool {
        self.in_flight > 0 || self.sorts.load(Ordering::Acquire) > 0
    }

    /// Whether jobs (not background sorts) are still to answer.
    pub fn answering(&self) -> bool {
        self.in_flight > 0
    }
}

impl Drop for Runner {
    /// The worker ends with the app, and its connection with it: an in-process service is
    /// released (its database closed) by the time the app is gone.
    fn drop(&mut self) {
        self.jobs = channel().0;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
