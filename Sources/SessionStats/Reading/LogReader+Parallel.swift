import Dispatch
import SessionLogCore

/// Reading whole files on worker threads while the calling thread hands their entries on in file order.
extension LogReader {
    /// The worker threads `forEach` reads with when at least two files are read whole.
    public static let defaultThreads = 2
    /// Files read ahead of the entries handed on, per worker: bounds memory to a few files' entries.
    static let filesAheadPerWorker = 2

    /// What a worker made of one file (its entries in order, or a value folded from them) and what
    /// reading it ran into.
    struct FileResult<Payload: Sendable>: Sendable {
        var payload: Payload
        var diagnostics: ReadDiagnostics
        var invalidLines: Int
    }

    /// Whether `forEach` reads on worker threads: with more than one allowed, when at least two files
    /// are read whole (a single day's report and the status line stay on one thread).
    func readsInParallel(_ files: [LogFile]) -> Bool {
        guard threads > 1 else { return false }
        guard let days else { return files.count > 1 }
        return files.lazy.filter { days.contains($0.date) }.prefix(2).count == 2
    }

    /// Reads `files` on `threads` workers, a whole file each at a time, and calls `deliver` on the
    /// calling thread with their entries in file order until it returns false; the result is the
    /// same as reading them one after another on one thread.
    func readInParallel(
        _ files: [LogFile], diagnostics: inout ReadDiagnostics, invalidLines: inout Int,
        _ deliver: (LogEntry) -> Bool
    ) {
        let workers = min(threads, files.count)
        let shared = ParallelReads<FileResult<[LogEntry]>>(
            count: files.count, window: workers * LogReader.filesAheadPerWorker)
        let days = self.days
        let localDays = self.localDays
        let fields = self.fields
        let chunkSize = self.chunkSize
        let limit = max(maximumRecordBytes, chunkSize)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                var buffer = ReadBuffer(capacity: chunkSize, limit: limit)
                var decoder = LogLineDecoder(localDays: localDays, fields: fields)
                while let index = shared.claim() {
                    var entries: [LogEntry] = []
                    var fileDiagnostics = ReadDiagnostics()
                    var fileInvalidLines = 0
                    _ = LogReader.read(
                        files[index], days: days, buffer: &buffer, decoder: &decoder,
                        diagnostics: &fileDiagnostics, invalidLines: &fileInvalidLines
                    ) { entry in
                        entries.append(entry)
                        return true
                    }
                    shared.finish(
                        index,
                        FileResult(
                            payload: entries, diagnostics: fileDiagnostics, invalidLines: fileInvalidLines))
                }
            }
        }
        reading: for index in files.indices {
            let result = shared.take(index)
            diagnostics.merge(result.diagnostics)
            invalidLines +|= result.invalidLines
            for entry in result.payload where !deliver(entry) { break reading }
        }
        shared.stop(workers: workers)
        group.wait()
    }
}

extension LogReader {
    /// Folds the entries of `files` into one value: each file's entries, as `forEach` hands them on,
    /// into a fresh `make()` on a worker thread, the files' values merged in file order on the calling
    /// thread. With `merge` adding up what `add` counts, the result is the same as adding every entry
    /// to one value on one thread, without handing entries from thread to thread.
    func reduceInParallel<Partial: Sendable>(
        _ files: [LogFile], diagnostics: inout ReadDiagnostics, invalidLines: inout Int,
        make: @Sendable () -> Partial, add: @Sendable (inout Partial, LogEntry) -> Void,
        merge: (inout Partial, Partial) -> Void
    ) -> Partial {
        let workers = min(threads, files.count)
        let shared = ParallelReads<FileResult<(Partial, entries: Int)>>(
            count: files.count, window: workers * LogReader.filesAheadPerWorker)
        let days = self.days
        let localDays = self.localDays
        let fields = self.fields
        let chunkSize = self.chunkSize
        let limit = max(maximumRecordBytes, chunkSize)
        let group = DispatchGroup()
        var total = make()
        var entries = 0
        // The workers are waited for before this returns, so the closures never outlive the call.
        withoutActuallyEscaping(make) { make in
            withoutActuallyEscaping(add) { add in
                for _ in 0..<workers {
                    DispatchQueue.global().async(group: group) {
                        var buffer = ReadBuffer(capacity: chunkSize, limit: limit)
                        var decoder = LogLineDecoder(localDays: localDays, fields: fields)
                        while let index = shared.claim() {
                            var partial = make()
                            var count = 0
                            var fileDiagnostics = ReadDiagnostics()
                            var fileInvalidLines = 0
                            _ = LogReader.read(
                                files[index], days: days, buffer: &buffer, decoder: &decoder,
                                diagnostics: &fileDiagnostics, invalidLines: &fileInvalidLines
                            ) { entry in
                                add(&partial, entry)
                                count += 1
                                return true
                            }
                            shared.finish(
                                index,
                                FileResult(
                                    payload: (partial, count), diagnostics: fileDiagnostics,
                                    invalidLines: fileInvalidLines))
                        }
                    }
                }
                for index in files.indices {
                    let result = shared.take(index)
                    diagnostics.merge(result.diagnostics)
                    invalidLines +|= result.invalidLines
                    entries += result.payload.entries
                    merge(&total, result.payload.0)
                }
                shared.stop(workers: workers)
                group.wait()
            }
        }
        diagnostics.entries += entries
        return total
    }
}
