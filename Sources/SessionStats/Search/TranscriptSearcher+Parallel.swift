import Dispatch

/// Reading sessions on worker threads while the calling thread takes their results in order.
extension TranscriptSearcher {
    /// The worker threads a search reads sessions with.
    static let threads = 2
    /// Sessions read ahead of the one handed on, per worker, at most: bounds what waits in memory.
    static let sessionsAheadPerWorker = 4

    /// Reads `sessions` for `terms` within `scope`, on worker threads when there are two or more, and
    /// calls `deliver` on the calling thread with each one's position and read, in order, until it
    /// returns false: the same reads as one searcher reading them one after another.
    ///
    /// With `limited` (the caller may stop early), workers start one session ahead each and read
    /// further ahead only as sessions fail to match, so a search whose first sessions all match reads
    /// few past its limit; otherwise they read the whole window ahead from the start.
    static func forEachRead(
        of sessions: [IndexedSession], terms: [SearchTerm], scope: SearchScope, limited: Bool = false,
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
        let widest = workers * sessionsAheadPerWorker
        let shared = ParallelReads<SessionRead>(
            count: sessions.count, window: limited ? workers : widest, maximumWindow: widest)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                var searcher = TranscriptSearcher(terms: terms, scope: scope)
                while let index = shared.claim() { shared.finish(index, searcher.read(sessions[index])) }
            }
        }
        for index in sessions.indices {
            let read = shared.take(index)
            // A session without a match brings the limit no nearer: read further ahead.
            if limited && !read.match.hasAll(terms.count) { shared.widen() }
            guard deliver(index, read) else { break }
        }
        shared.stop(workers: workers)
        group.wait()
    }
}
