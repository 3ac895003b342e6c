import Dispatch

/// Reading sessions on worker threads while the calling thread takes their results in order.
extension TranscriptSearcher {
    /// The worker threads a search reads sessions with.
    static let threads = 2
    /// Sessions read ahead of the one handed on, per worker: bounds what waits in memory.
    static let sessionsAheadPerWorker = 4

    /// Reads `sessions` for `terms` within `scope`, on worker threads when there are two or more, and
    /// calls `deliver` on the calling thread with each one's position and read, in order, until it
    /// returns false: the same reads as one searcher reading them one after another.
    static func forEachRead(
        of sessions: [IndexedSession], terms: [SearchTerm], scope: SearchScope,
        _ deliver: (Int, SessionRead) -> Bool
    ) {
        let workers = min(threads, sessions.count)
        guard workers > 1 else {
            var searcher = TranscriptSearcher(terms: terms, scope: scope)
            for index in sessions.indices {
                guard deliver(index, searcher.read(sessions[index])) else { return }
            }
            return
        }
        let shared = ParallelReads<SessionRead>(
            count: sessions.count, window: workers * sessionsAheadPerWorker)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                var searcher = TranscriptSearcher(terms: terms, scope: scope)
                while let index = shared.claim() { shared.finish(index, searcher.read(sessions[index])) }
            }
        }
        for index in sessions.indices {
            guard deliver(index, shared.take(index)) else { break }
        }
        shared.stop(workers: workers)
        group.wait()
    }
}
