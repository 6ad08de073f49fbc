//! A PostgreSQL server restarted five times under a concurrent write and
//! read load (a private cluster the harness owns, never the shared one):
//! every acknowledged write is there afterwards, nothing panics, reads
//! never fail once the server is back, and writes succeed again soon after
//! each restart. The figures are printed for the closing note.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entkit::{Client, Entity as _};
use entkit_tests::servers::{PrivateCluster, postgres_selected};

use crate::entities::Note;

const RESTARTS: usize = 5;
const WRITERS: usize = 6;
const READERS: usize = 2;

/// What the load saw.
#[derive(Default)]
struct Tally {
    /// Titles of writes the server acknowledged.
    acked: Mutex<Vec<String>>,
    write_failures: AtomicU64,
    read_failures: AtomicU64,
    reads: AtomicU64,
    /// Failures of operations that started while the server was up and
    /// accepting (after a restart had completed).
    writes_failed_while_up: AtomicU64,
    reads_failed_while_up: AtomicU64,
    /// When a write last succeeded.
    last_write: Mutex<Option<Instant>>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_five_restarts() {
    if !postgres_selected() {
        eprintln!("entkit-tests: restarts: PostgreSQL not selected (ENTKIT_TEST_BACKENDS)");
        return;
    }
    let cluster = Arc::new(
        PrivateCluster::create_default()
            .unwrap_or_else(|e| panic!("the private cluster did not start: {e}")),
    );
    let client = Client::builder(cluster.url())
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect()
        .await
        .expect("connect");
    client.auto_migrate(&[Note::def()]).await.expect("migrate");

    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    // Whether the server is up: cleared before each restart begins, set
    // once it accepts connections again.
    let up = Arc::new(AtomicBool::new(true));
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let (client, tally, stop, up) = (client.clone(), tally.clone(), stop.clone(), up.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let title = format!("w{writer}-{n}");
                let was_up = up.load(Ordering::SeqCst);
                match Note::create().title(&title).score(1).save(&client).await {
                    Ok(_) => {
                        tally.acked.lock().unwrap().push(title);
                        *tally.last_write.lock().unwrap() = Some(Instant::now());
                    }
                    Err(_) => {
                        tally.write_failures.fetch_add(1, Ordering::Relaxed);
                        if was_up && up.load(Ordering::SeqCst) {
                            tally.writes_failed_while_up.fetch_add(1, Ordering::Relaxed);
                        }
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
        }));
    }
    for _ in 0..READERS {
        let (client, tally, stop, up) = (client.clone(), tally.clone(), stop.clone(), up.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let was_up = up.load(Ordering::SeqCst);
                match Note::query().limit(20).all(&client).await {
                    Ok(_) => {
                        tally.reads.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => {
                        tally.read_failures.fetch_add(1, Ordering::Relaxed);
                        if was_up && up.load(Ordering::SeqCst) {
                            eprintln!("entkit-tests: restarts: a read failed while up: {e}");
                            tally.reads_failed_while_up.fetch_add(1, Ordering::Relaxed);
                        }
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
        }));
    }

    let mut downtime = Vec::new();
    let mut recovery = Vec::new();
    for round in 0..RESTARTS {
        tokio::time::sleep(Duration::from_millis(800)).await;
        up.store(false, Ordering::SeqCst);
        let started = Instant::now();
        let restarting = cluster.clone();
        tokio::task::spawn_blocking(move || restarting.restart())
            .await
            .expect("the restart task")
            .unwrap_or_else(|e| panic!("restart {round}: {e}"));
        let back = Instant::now();
        up.store(true, Ordering::SeqCst);
        downtime.push(back - started);
        // Writes succeed again: the first write acknowledged after the
        // server is back.
        let deadline = back + Duration::from_secs(15);
        loop {
            let last = *tally.last_write.lock().unwrap();
            if last.is_some_and(|at| at > back) {
                recovery.push(last.unwrap() - back);
                break;
            }
            assert!(
                Instant::now() < deadline,
                "restart {round}: no write succeeded within 15 s of the server being back"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("no load task panics");
    }

    // Every acknowledged write is stored.
    let stored: std::collections::HashSet<String> = Note::query()
        .all(&client)
        .await
        .expect("read back")
        .into_iter()
        .map(|n| n.title)
        .collect();
    let acked = tally.acked.lock().unwrap().clone();
    let lost: Vec<&String> = acked.iter().filter(|t| !stored.contains(*t)).collect();
    let figures = format!(
        "{RESTARTS} restarts: {} acknowledged writes, {} lost; {} stored rows; \
         {} failed writes ({} started while the server was up), {} reads, {} failed \
         ({} while up); server down per restart {:?}; first write acknowledged after \
         the server was back {:?}",
        acked.len(),
        lost.len(),
        stored.len(),
        tally.write_failures.load(Ordering::Relaxed),
        tally.writes_failed_while_up.load(Ordering::Relaxed),
        tally.reads.load(Ordering::Relaxed),
        tally.read_failures.load(Ordering::Relaxed),
        tally.reads_failed_while_up.load(Ordering::Relaxed),
        downtime,
        recovery,
    );
    eprintln!("entkit-tests: restarts: {figures}");
    assert!(
        lost.is_empty(),
        "lost acknowledged writes {lost:?}: {figures}"
    );
    assert!(acked.len() > 100, "the load ran: {figures}");
    assert_eq!(
        tally.reads_failed_while_up.load(Ordering::Relaxed),
        0,
        "no read fails once the server is back: {figures}"
    );
    for took in &recovery {
        assert!(
            *took < Duration::from_secs(2),
            "writes back within 2 s: {figures}"
        );
    }
    client.close().await;
}
