import Dispatch
import SessionLogCore

extension LogReader {
    /// Entries sent per batch: large enough that the queue's locking costs nothing per entry.
    static let batchSize = 1024
    /// Batches a decoding thread may run ahead of the caller: this bounds memory.
    static let batchesAhead = 4

    /// Decodes files on `threads` threads (file i on thread i mod threads) and hands their entries
    /// on in file order on the calling thread.
    func forEachDecodingOnThreads<E: Error>(
        _ files: [LogFile], threads: Int, diagnostics: inout ReadDiagnostics,
        _ body: (LogEntry) throws(E) -> Void
    ) throws(E) {
        let channels = (0..<threads).map { _ in EntryChannel(capacity: LogReader.batchesAhead) }
        let group = DispatchGroup()
        for thread in 0..<threads {
            let channel = channels[thread]
            let mine = Array(stride(from: thread, to: files.count, by: threads).map { files[$0] })
            let (days, localDays, chunkSize, limit) = (
                self.days, self.localDays, chunkSize, maximumRecordBytes
            )
            DispatchQueue.global().async(group: group) {
                LogReader.decode(
                    mine, into: channel, days: days, localDays: localDays, chunkSize: chunkSize, limit: limit)
            }
        }
        defer {
            for channel in channels { channel.cancel() }
            group.wait()
        }

        var entries = 0
        defer { diagnostics.entries += entries }
        for index in files.indices {
            let channel = channels[index % threads]
            fileLoop: while true {
                switch channel.take() {
                case .entries(let batch):
                    for entry in batch {
                        entries += 1
                        try body(entry)
                    }
                case .fileDone(let fileDiagnostics):
                    diagnostics.merge(fileDiagnostics)
                    break fileLoop
                }
            }
        }
    }

    /// Decodes `files` in order, sending their wanted entries in batches, then each file's diagnostics;
    /// stops when the channel is cancelled.
    private static func decode(
        _ files: [LogFile], into channel: EntryChannel, days: ClosedRange<CivilDate>?,
        localDays: LocalDayResolver, chunkSize: Int, limit: Int
    ) {
        var buffer = ReadBuffer(capacity: chunkSize, limit: max(limit, chunkSize))
        var decoder = LogLineDecoder(localDays: localDays)
        for file in files {
            var diagnostics = ReadDiagnostics()
            var batch: [LogEntry] = []
            batch.reserveCapacity(batchSize)
            var invalidLines = 0
            let finished = LogFileReader.read(
                path: file.path, kind: file.kind, buffer: &buffer, decoder: &decoder,
                diagnostics: &diagnostics
            ) { entry in
                guard wanted(entry, days: days, invalidLines: &invalidLines) else { return true }
                batch.append(entry)
                guard batch.count == batchSize else { return true }
                defer {
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
                return channel.put(.entries(batch))
            }
            guard finished else { return }
            diagnostics.invalidHookLines += invalidLines
            if !batch.isEmpty && !channel.put(.entries(batch)) { return }
            if !channel.put(.fileDone(diagnostics)) { return }
        }
    }
}
